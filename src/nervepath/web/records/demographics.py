"""The patient's birth date and sex, which ``assess`` needs (age; Cockcroft-Gault) beyond the situation.

Public: ``set_birth_date_and_sex(patient, birth_date, sex)``. Added for the web app's situation form;
the other records services do not change a patient once created.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.records import validation as v
from nervepath.web.records.models import Patient, Sex


def set_birth_date_and_sex(patient: Patient, birth_date: Any, sex: Any) -> Patient:
    """Record the birth date (None or "" clears it) and sex (None or "" is ``unknown``).

    Returns: the saved patient. Raises: InvalidInput naming ``birth_date`` (not a past ISO date) or
    ``sex`` (not one of female, male, other, unknown); nothing is written then.
    """
    born = v.past_date("birth_date", birth_date) if birth_date else None
    chosen = v.choice("sex", sex, list(Sex.values)) if sex else Sex.unknown
    patient.birth_date, patient.sex = born, chosen
    with transaction.atomic():
        patient.save(update_fields=["birth_date", "sex", "updated_at"])
    return patient
