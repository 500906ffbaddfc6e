"""Template context shared by every page: the user's role and the navigation that goes with it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nervepath.web.accounts.roles import Role, role_of

_PATIENT_NAV = [
    ("pages:today", _("Today")),
    ("pages:check", _("Check")),
    ("pages:treatments", _("My treatments")),
    ("pages:plan", _("My plan")),
    ("pages:insights", _("What affects my pain")),
    ("pages:learn", _("Learn")),
]
_CLINIC_NAV = [
    ("pages:clinic", _("Patients")),
    ("pages:outcomes", _("Outcomes")),
    ("pages:learn", _("Learn")),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    role = role_of(request.user)
    nav = {Role.patient: _PATIENT_NAV, Role.clinician: _CLINIC_NAV, Role.admin: _CLINIC_NAV}.get(role, [])
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {"role": role.value, "nav": [(name, label, name == current) for name, label in nav]}
