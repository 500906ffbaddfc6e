"""Sign up, link to a clinician, preferences, and clinician invitation codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nervepath.errors import Conflict
from nervepath.web.accounts.forms import LinkForm, PreferencesForm, SignupForm
from nervepath.web.accounts.linking import create_patient_account, use_invitation
from nervepath.web.accounts.models import Invitation, Preferences
from nervepath.web.accounts.permissions import get_clinician_for_user, get_own_patient
from nervepath.web.accounts.signup_throttle import count_refusal, signups_blocked
from nervepath.web.http import SignedInRequest
from nervepath.web.security_log import security_event

_BACKEND = "nervepath.web.accounts.backends.RoleAwareModelBackend"


def _with_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=settings.HTTPS)
    return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and signups_blocked(request):  # before the form, and its name, is read
        security_event("signup_throttled", request)
        return render(request, "accounts/signup.html", {"form": SignupForm(), "throttled": True}, status=429)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        language = translation.get_language() or "en"
        try:
            patient = create_patient_account(form, language)
        except Conflict as exc:
            form.add_error("invitation", str(exc))
        else:
            login(request, patient.user, backend=_BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return _with_language(redirect("pages:today"), language)
    if request.method == "POST":
        count_refusal(request)
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def link(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            care_link = use_invitation(form.cleaned_data["code"], patient)
        except Conflict as exc:
            form.add_error("code", str(exc))
        else:
            name = care_link.clinician.display_name
            messages.success(request, _("You now share your records with %(name)s.") % {"name": name})
            return redirect("accounts:preferences")
    clinicians = patient.clinicians.order_by("display_name")
    return render(request, "accounts/link.html", {"form": form, "clinicians": clinicians})


@login_required
def preferences(request: SignedInRequest) -> HttpResponse:
    prefs, _created = Preferences.objects.get_or_create(user=request.user)
    initial = {"language": prefs.language, "reminder_time": prefs.reminder_time}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        prefs.language = form.cleaned_data["language"]
        prefs.reminder_time = form.cleaned_data["reminder_time"]
        prefs.save()
        translation.activate(prefs.language)
        messages.success(request, _("Your settings are saved."))
        return _with_language(redirect("accounts:preferences"), prefs.language)
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    clinician = get_clinician_for_user(request.user)
    codes = clinician.invitations.all()[:20]
    return render(request, "accounts/invitations.html", {"invitations": codes})


@login_required
@require_POST
def new_invitation(request: HttpRequest) -> HttpResponse:
    clinician = get_clinician_for_user(request.user)
    invitation = Invitation.objects.create(clinician=clinician)
    messages.success(request, _("New code: %(code)s") % {"code": invitation.code})
    return redirect("accounts:invitations")
