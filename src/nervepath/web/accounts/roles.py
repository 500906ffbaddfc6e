"""The three roles and how a user's role is read: admin (staff), clinician, patient."""

from __future__ import annotations

import enum
from typing import Any

from nervepath.web.records.models import Clinician, Patient


class Role(enum.StrEnum):
    patient = "patient"
    clinician = "clinician"
    admin = "admin"
    none = "none"


def role_of(user: Any) -> Role:
    """The role of a user: staff are admins; otherwise the linked Clinician or Patient decides."""
    if not getattr(user, "is_authenticated", False):
        return Role.none
    cached = getattr(user, "_nervepath_role", None)
    if cached is None:
        cached = _lookup(user)
        user._nervepath_role = cached
    return Role(cached)


def _lookup(user: Any) -> Role:
    if user.is_staff or user.is_superuser:
        return Role.admin
    if Clinician.objects.filter(user=user).exists():
        return Role.clinician
    if Patient.objects.filter(user=user).exists():
        return Role.patient
    return Role.none


def is_care_team(user: Any) -> bool:
    """Clinicians and admins see the clinic pages."""
    return role_of(user) in {Role.clinician, Role.admin}
