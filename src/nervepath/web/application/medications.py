"""Use cases of the medicines a patient takes outside a tracked trial: add, change the dose, stop.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.application.prescribing import checked, prescribing_case, restored_on_error, stored
from nervepath.web.application.prescribing import override_reason as override_reason_of
from nervepath.web.records import medications as store
from nervepath.web.records.checks import record_checks
from nervepath.web.records.medications import current_medications, get_medication
from nervepath.web.records.models import Medication, Patient
from nervepath.web.records.validation import today

__all__ = [
    "add_medication",
    "change_medication_dose",
    "current_medications",
    "get_medication",
    "stop_medication",
]


def add_medication(
    who: Actor,
    patient: Patient,
    drug: str,
    daily_dose: Any,
    start_date: Any = None,
    override_reason: str | None = None,
) -> Medication:
    """Record a medicine the patient takes; Conflict when the patient already takes that drug.

    The prescribing checks run first (application/prescribing.py): PrescribingBlocked, nothing written,
    when one blocks and no ``override_reason`` is given; the checks are stored on the row.
    """
    reason = override_reason_of(override_reason)
    with transaction.atomic():
        case = prescribing_case(patient)
        row = store.add_medication(patient, drug, daily_dose, start_date)
        checks = checked(case, row.drug_id, row.daily_dose, reason)
        record_checks(row, stored(checks, who), row.start_date or today())
        return logged(who, patient.pk, row, checks)


def change_medication_dose(
    who: Actor,
    medication: Medication,
    daily_dose: Any,
    day: Any = None,
    override_reason: str | None = None,
) -> Medication:
    """Change the daily dose from ``day`` (today when not given); returns the new current row, which
    keeps the checks of the new dose (the medicine's own drug is not a duplicate of itself)."""
    reason = override_reason_of(override_reason)
    with restored_on_error(medication), transaction.atomic():
        case = prescribing_case(medication.patient)
        row = store.change_medication_dose(medication, daily_dose, day)
        checks = checked(case, row.drug_id, row.daily_dose, reason, replacing=row.drug_id)
        record_checks(row, stored(checks, who), row.start_date or today())
        return logged(who, medication.patient_id, row, checks)


def stop_medication(who: Actor, medication: Medication, day: Any = None) -> Medication:
    """Stop the medicine on ``day`` (today when not given)."""
    with transaction.atomic():
        return logged(who, medication.patient_id, store.stop_medication(medication, day))
