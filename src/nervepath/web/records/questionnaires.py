"""Questionnaire responses, scored on write by the one engine (``nervepath.instruments.score``).

Public: ``record_questionnaire(patient, instrument_id, answers, taken_at=None)``,
``latest_answers(patient, instrument_id)``. The stored score, band and flags are the engine's
verdict at the time of writing; the answers are kept as given so they can be scored again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from nervepath.errors import InvalidInput
from nervepath.instruments import score
from nervepath.web.records.models import Patient, QuestionnaireResponse


def _taken(raw: datetime | None) -> datetime:
    if raw is None:
        return timezone.now()
    if raw.tzinfo is None:
        raise InvalidInput("taken_at", raw.isoformat(), "a time with a time zone")
    if raw > timezone.now():
        raise InvalidInput("taken_at", raw.isoformat(), "a time that is not in the future")
    return raw


def record_questionnaire(
    patient: Patient,
    instrument_id: str,
    answers: Mapping[str, Any] | Sequence[Any],
    taken_at: datetime | None = None,
) -> QuestionnaireResponse:
    """Score ``answers`` and store them with the score, band and flags (e.g. PHQ-9 ``suicide_risk``).

    Raises: UnknownIdentifier (instrument), InvalidInput naming the item for a bad answer.
    """
    when = _taken(taken_at)
    result = score(instrument_id, answers)
    stored = dict(answers) if isinstance(answers, Mapping) else list(answers)
    with transaction.atomic():
        return QuestionnaireResponse.objects.create(
            patient=patient,
            instrument_id=instrument_id,
            answers=stored,
            score=float(result.score),
            band=result.band or "",
            flags=list(result.flags),
            taken_at=when,
        )


def latest_answers(patient: Patient, instrument_id: str) -> Any:
    """The answers of the patient's latest response to ``instrument_id``, or None."""
    latest = patient.questionnaires.filter(instrument_id=instrument_id).order_by("-taken_at", "-pk").first()
    return None if latest is None else latest.answers
