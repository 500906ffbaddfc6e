"""The three roles and how a user's role is read: admin (staff), clinician, patient.

The role comes from the user's own Clinician or Patient row. Where the user was loaded with those
rows joined (``USER_ROWS``: the token lookup and the session backend do so), reading it costs no query.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

USER_ROWS = ("clinician", "patient")
"""The one-to-one rows that decide a role; join them (``select_related``) when loading a user."""


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
    if linked_row(user, "clinician") is not None:
        return Role.clinician
    if linked_row(user, "patient") is not None:
        return Role.patient
    return Role.none


def linked_row(user: Any, name: str) -> Any:
    """The user's Clinician or Patient row, or None; Django keeps it (or its absence) on the user."""
    try:
        return getattr(user, name)
    except ObjectDoesNotExist:
        return None


def is_care_team(user: Any) -> bool:
    """Clinicians and admins see the clinic pages."""
    return role_of(user) in {Role.clinician, Role.admin}
