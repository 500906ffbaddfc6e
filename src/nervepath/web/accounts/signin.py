"""Log-in in two steps for people with a second factor, and the page to turn it on or off.

Step one is Django's password form (django-axes counts wrong passwords). For an enrolled user it does
not log in: it remembers who passed, for five minutes, in the still-anonymous session. Step two asks
for the authenticator app's code or a recovery code. It is refused, before the code is looked at,
while django-axes has this account locked out, while the user has too many wrong codes in a row
(their own count, ``twofactor.check``) and while the delay after the last wrong code lasts. A user
who must have a second factor (``twofactor.required``) and has none yet is logged in and sent to the
enrolment page, and reaches nothing else until enrolled (``middleware.SecondFactorMiddleware``).
"""

from __future__ import annotations

import time
from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nervepath.errors import InvalidInput
from nervepath.web.accounts import twofactor
from nervepath.web.accounts.forms import CodeForm, PasswordConfirmForm
from nervepath.web.accounts.roles import is_care_team
from nervepath.web.http import SignedInRequest
from nervepath.web.security_log import security_event

PENDING = "nervepath_two_factor_pending"
PENDING_SECONDS = 300


class LoginView(auth.LoginView):
    """The password step; an enrolled user goes on to the code step instead of being logged in, and
    a user who must enrol (``twofactor.require``) is logged in on the enrolment page."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not twofactor.enrolled(user):
            logged_in = super().form_valid(form)
            return redirect("accounts:two_factor") if twofactor.required(user) else logged_in
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("accounts:two_factor_verify")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user_id = pending.get("user")  # the pk form_valid stored, read back from the session
    user = User.objects.filter(pk=user_id, is_active=True).first() if isinstance(user_id, int) else None
    return (user, pending) if user is not None else None


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.errors else 200
        return render(request, "accounts/two_factor_verify.html", {"form": form}, status=status)
    if AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()}):
        outcome = twofactor.Outcome(twofactor.Verdict.locked)
    else:
        outcome = twofactor.check(user, form.cleaned_data["code"])
    if outcome.verdict is twofactor.Verdict.accepted:
        request.session.pop(PENDING, None)
        login(request, user, backend=pending["backend"])
        django_otp.login(request, outcome.device)
        return redirect(pending["next"])
    # The user is not signed in yet: their id goes in as a field of the event.
    security_event("two_factor_failed", request, outcome=outcome.verdict.value, account=user.pk)
    if outcome.verdict is not twofactor.Verdict.wrong:
        return _refused(request, outcome)
    form.add_error("code", _("This code is not right, or was already used. Try the next one."))
    return render(request, "accounts/two_factor_verify.html", {"form": form}, status=400)


def _refused(request: HttpRequest, outcome: twofactor.Outcome) -> HttpResponse:
    """429: no code was looked at. ``wait``: a few seconds; ``locked``: the cool-off time."""
    if outcome.verdict is twofactor.Verdict.wait:
        seconds = outcome.wait_seconds
        why = ngettext(
            "Wait %(seconds)d second before trying another code.",
            "Wait %(seconds)d seconds before trying another code.",
            seconds,
        ) % {"seconds": seconds}
    else:
        why = _("Too many wrong codes. For your safety, log-in is paused for this account for a while.")
    form = CodeForm()
    return render(request, "accounts/two_factor_verify.html", {"form": form, "refused": why}, status=429)


@login_required
def two_factor_settings(request: SignedInRequest) -> HttpResponse:
    if not is_care_team(request.user):
        raise Http404("two-factor log-in is offered to clinicians")
    if twofactor.enrolled(request.user):
        return _turn_off(request)
    return _turn_on(request)


def _turn_on(request: SignedInRequest) -> HttpResponse:
    device = twofactor.enrolment(request.user)
    secret = twofactor.secret_text(device)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.confirm(request.user, secret, form.cleaned_data["code"])
        except InvalidInput:
            form.add_error("code", _("This code is not right. Check the clock of your phone and try again."))
        else:
            device.refresh_from_db()
            django_otp.login(request, device)  # this session has just proved the new device
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
    uri = twofactor.provisioning_uri(device)
    context = {"form": form, "secret": secret, "uri": uri, "required": twofactor.required(request.user)}
    return render(request, "accounts/two_factor_enrol.html", context, status=400 if form.errors else 200)


def _turn_off(request: SignedInRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        twofactor.disable(request.user)
        messages.success(request, _("Two-factor log-in is off."))
        return redirect("accounts:preferences")
    return render(request, "accounts/two_factor_on.html", {"form": form}, status=400 if form.errors else 200)
