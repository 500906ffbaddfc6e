"""Use case of a questionnaire: record a response, scored once, when it is recorded.

It takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import questionnaires as store
from nervepath.web.records.models import Patient, QuestionnaireResponse
from nervepath.web.records.questionnaires import recorded_score

__all__ = ["record_questionnaire", "recorded_score"]


def record_questionnaire(
    who: Actor,
    patient: Patient,
    instrument_id: str,
    answers: Mapping[str, Any] | Sequence[Any],
    taken_at: datetime | None = None,
) -> QuestionnaireResponse:
    """Score ``answers`` with the one engine and store them with score, band and flags."""
    with transaction.atomic():
        return logged(who, patient.pk, store.record_questionnaire(patient, instrument_id, answers, taken_at))
