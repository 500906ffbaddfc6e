"""Questionnaire responses: the one place where answers are scored (``nervepath.instruments.score``).

Public: ``record_questionnaire(patient, instrument_id, answers, taken_at=None)`` stores one
response; ``scored_response`` builds the same row unsaved, for writers that insert in bulk (the
demo clinic); ``recorded_score(response)`` gives a stored row's result as a ``Score``;
``latest_responses``, ``latest_scores`` and ``latest_answers`` read the latest scored response to
each instrument.

A response is scored exactly once, here, when it is recorded. The stored score, band, subscores,
flags and completeness are then the one truth that pages, reports, the assessment, the attention
list and the API read; nothing scores stored answers again. A score that arrives with the answers
(an imported FHIR bundle) is never trusted: the answers are scored again on the way in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from nervepath.errors import InvalidInput
from nervepath.instruments import Score, get_instrument, score
from nervepath.instruments.models import Method
from nervepath.instruments.scoring import band_by_id, result_of
from nervepath.web.records.models import Patient, QuestionnaireResponse
from nervepath.web.records.validation import EARLIEST


def _taken(raw: datetime | None) -> datetime:
    if raw is None:
        return timezone.now()
    if raw.tzinfo is None:
        raise InvalidInput("taken_at", raw.isoformat(), "a time with a time zone")
    if raw > timezone.now():
        raise InvalidInput("taken_at", raw.isoformat(), "a time that is not in the future")
    if raw.date() < EARLIEST:  # a date-time, so past_date's check of every other date missed it
        raise InvalidInput("taken_at", raw.isoformat(), f"a time from {EARLIEST} on")
    return raw


def scored_response(
    patient: Patient,
    instrument_id: str,
    answers: Mapping[str, Any] | Sequence[Any],
    taken_at: datetime | None = None,
) -> QuestionnaireResponse:
    """An unsaved response holding ``answers`` as given and the engine's verdict on them.

    Raises: UnknownIdentifier (instrument), InvalidInput naming the item (``answers.<item>``) for a
    bad answer, InvalidInput (``taken_at``) for a time without a zone or in the future.
    """
    when = _taken(taken_at)
    result = score(instrument_id, answers)
    return QuestionnaireResponse(
        patient=patient,
        instrument_id=instrument_id,
        answers=dict(answers) if isinstance(answers, Mapping) else list(answers),
        score=float(result.score),
        band=result.band or "",
        subscores=dict(result.subscores),
        flags=list(result.flags),
        complete=result.complete,
        taken_at=when,
    )


def record_questionnaire(
    patient: Patient,
    instrument_id: str,
    answers: Mapping[str, Any] | Sequence[Any],
    taken_at: datetime | None = None,
) -> QuestionnaireResponse:
    """Score ``answers`` and store them with the score, band, flags (e.g. PHQ-9 ``suicide_risk``).

    Raises: as :func:`scored_response`; nothing is stored then.
    """
    response = scored_response(patient, instrument_id, answers, taken_at)
    response.save()
    return response


def recorded_score(response: QuestionnaireResponse) -> Score | None:
    """The stored result of ``response`` as the engine's ``Score``, or None when it holds no score.

    Only the instrument's definition is read (its range, and whether the stored band is positive);
    the answers are not.
    """
    if response.score is None:
        return None
    inst = get_instrument(response.instrument_id)
    band = band_by_id(inst, response.band or None)
    # A sum of whole item values is a whole number; the float column would show it as 27.0.
    total = int(response.score) if inst.scoring.total is Method.sum else response.score
    return result_of(inst, total, band, dict(response.subscores), list(response.flags), response.complete)


def latest_responses(patient: Patient, instrument_ids: Iterable[str]) -> dict[str, QuestionnaireResponse]:
    """The patient's latest scored response to each of ``instrument_ids`` that has one (one query)."""
    newest = Window(
        RowNumber(), partition_by=[F("instrument_id")], order_by=[F("taken_at").desc(), F("pk").desc()]
    )
    scored = patient.questionnaires.filter(instrument_id__in=list(instrument_ids), score__isnull=False)
    return {row.instrument_id: row for row in scored.annotate(newest=newest).filter(newest=1)}


def latest_scores(patient: Patient, instrument_ids: Iterable[str]) -> dict[str, Score]:
    """The stored result of the patient's latest scored response to each of ``instrument_ids``."""
    ids = list(instrument_ids)
    found = latest_responses(patient, ids)
    return {name: result for name in ids if name in found and (result := recorded_score(found[name]))}


def latest_answers(patient: Patient, instrument_id: str) -> Any:
    """The answers of the patient's latest scored response to ``instrument_id``, or None."""
    latest = latest_responses(patient, [instrument_id]).get(instrument_id)
    return None if latest is None else latest.answers
