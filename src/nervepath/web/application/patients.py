"""Use case of a patient's record itself: add a patient.

It takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import patients as store
from nervepath.web.records.models import Patient
from nervepath.web.records.patients import get_patient, list_patients

__all__ = ["add_patient", "get_patient", "list_patients"]


def add_patient(who: Actor, name: str, birth_date: Any = None, sex: str | None = None) -> Patient:
    """Add a patient record (without a login)."""
    with transaction.atomic():
        patient = store.add_patient(name, birth_date, sex)
        return logged(who, patient.pk, patient)
