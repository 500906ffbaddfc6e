"""Use cases of a patient's clinical situation (the ``assess`` inputs a clinician records) and of the
birth date and sex that the assessment reads.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import demographics, situation
from nervepath.web.records.models import ClinicalSituation, Patient
from nervepath.web.records.situation import SITUATION_FIELDS, get_situation, situation_values

__all__ = ["SITUATION_FIELDS", "get_situation", "set_birth_date_and_sex", "set_situation", "situation_values"]


def set_situation(
    who: Actor, patient: Patient, changes: Mapping[str, Any], expected_version: int | None = None
) -> ClinicalSituation:
    """Merge ``changes`` into the patient's situation; Conflict when ``expected_version`` is stale."""
    with transaction.atomic():
        return logged(who, patient.pk, situation.set_situation(patient, changes, expected_version))


def set_birth_date_and_sex(who: Actor, patient: Patient, birth_date: Any, sex: Any) -> Patient:
    """Record the patient's birth date and sex (empty clears)."""
    with transaction.atomic():
        return logged(who, patient.pk, demographics.set_birth_date_and_sex(patient, birth_date, sex))
