"""The front door: send each person to their own start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nervepath.web.accounts.roles import Role, role_of


def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role is Role.patient:
        return redirect("pages:today")
    if role in {Role.clinician, Role.admin}:
        return redirect("pages:clinic")
    return render(request, "pages/landing.html")
