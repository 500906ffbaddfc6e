"""A clinician or admin who must use a second factor reaches nothing else before their session has.

After django-otp's ``OTPMiddleware`` (which tells whether this session passed a second factor):

- someone with an authenticator app whose session never passed it (signed in elsewhere before it was
  turned on, or by a way round the code step) is signed out and sent to log in again;
- someone who must have one (``twofactor.required``) and has none yet reaches only the enrolment
  page, log-out, the language switch, the health check and static files: other pages lead to the
  enrolment page, the API answers 403.

The user's enrolment and the operator's demand come with the user's own row (the session backend
reads them in the same query), so this costs no query.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from nervepath.web.accounts import twofactor
from nervepath.web.unavailable import DATABASE_ERRORS, unavailable

API_PREFIX = "/api/"
ENROL_FIRST = "turn on two-factor log-in on the web page before using the API"


@cache
def _open_paths() -> frozenset[str]:
    names = ("accounts:two_factor", "accounts:logout", "set_language", "health")
    return frozenset(reverse(name) for name in names)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        try:
            # The first look at the user reads the session and the user's row.
            passed = not user.is_authenticated or user.is_verified()  # type: ignore[attr-defined]
        except DATABASE_ERRORS as exc:  # a view would have answered 503: so does this
            return unavailable(request, exc)
        if passed:
            return self.get_response(request)
        if twofactor.is_enrolled(user):
            logout(request)
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
        if not twofactor.required(user) or self._open(request.path):
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            body = {"error": {"code": "forbidden", "message": ENROL_FIRST, "field": None}}
            return JsonResponse(body, status=403)
        return redirect("accounts:two_factor")

    @staticmethod
    def _open(path: str) -> bool:
        return path in _open_paths() or bool(settings.STATIC_URL and path.startswith(settings.STATIC_URL))
