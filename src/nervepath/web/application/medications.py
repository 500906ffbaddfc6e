"""Use cases of the medicines a patient takes outside a tracked trial: add, change the dose, stop.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import medications as store
from nervepath.web.records.medications import current_medications, get_medication
from nervepath.web.records.models import Medication, Patient

__all__ = [
    "add_medication",
    "change_medication_dose",
    "current_medications",
    "get_medication",
    "stop_medication",
]


def add_medication(
    who: Actor, patient: Patient, drug: str, daily_dose: Any, start_date: Any = None
) -> Medication:
    """Record a medicine the patient takes; Conflict when the patient already takes that drug."""
    with transaction.atomic():
        return logged(who, patient.pk, store.add_medication(patient, drug, daily_dose, start_date))


def change_medication_dose(
    who: Actor, medication: Medication, daily_dose: Any, day: Any = None
) -> Medication:
    """Change the daily dose from ``day`` (today when not given); returns the new current row."""
    with transaction.atomic():
        return logged(who, medication.patient_id, store.change_medication_dose(medication, daily_dose, day))


def stop_medication(who: Actor, medication: Medication, day: Any = None) -> Medication:
    """Stop the medicine on ``day`` (today when not given)."""
    with transaction.atomic():
        return logged(who, medication.patient_id, store.stop_medication(medication, day))
