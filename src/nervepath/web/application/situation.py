"""Use cases of a patient's clinical situation (the ``assess`` inputs a clinician records) and of the
birth date and sex that the assessment reads.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import situation
from nervepath.web.records.demographics import set_birth_date_and_sex
from nervepath.web.records.models import ClinicalSituation, Patient
from nervepath.web.records.situation import SITUATION_FIELDS, get_situation, situation_values

__all__ = ["SITUATION_FIELDS", "Demographics", "get_situation", "set_situation", "situation_values"]


@dataclass(frozen=True, slots=True)
class Demographics:
    """The birth date and sex that the situation form records beside the situation (empty clears)."""

    birth_date: Any
    sex: Any


def set_situation(
    who: Actor,
    patient: Patient,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    demographics: Demographics | None = None,
) -> ClinicalSituation:
    """Merge ``changes`` into the patient's situation (and record ``demographics`` when given): one
    change, one audit event. Conflict when ``expected_version`` is stale; nothing is kept on error."""
    with transaction.atomic():
        if demographics is not None:
            set_birth_date_and_sex(patient, demographics.birth_date, demographics.sex)
        return logged(who, patient.pk, situation.set_situation(patient, changes, expected_version))
