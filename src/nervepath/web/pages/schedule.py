"""When an assigned questionnaire is next due: a pure function of the assignment and the last answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from nervepath.web.pages.models import QuestionnaireAssignment
from nervepath.web.records.models import Patient


@dataclass(frozen=True)
class Due:
    instrument_id: str
    due_on: date
    assignment_id: int


def next_due(start: date, every_days: int | None, last_taken: date | None) -> date | None:
    """The day the questionnaire is next due; None when a one-off was already answered."""
    if last_taken is None or last_taken < start:
        return start
    if every_days is None:
        return None
    return max(start, last_taken + timedelta(days=every_days))


def due_for(patient: Patient, on: date) -> list[Due]:
    """The patient's active assignments that are due on or before ``on``."""
    last = _last_taken(patient)
    due = []
    for a in _active(patient):
        when = next_due(a.start_date, a.every_days, last.get(a.instrument_id))
        if when is not None and when <= on:
            due.append(Due(a.instrument_id, when, a.pk))
    return due


def _active(patient: Patient) -> Iterable[QuestionnaireAssignment]:
    return QuestionnaireAssignment.objects.filter(patient=patient, active=True)


def _last_taken(patient: Patient) -> dict[str, date]:
    last: dict[str, date] = {}
    for instrument_id, taken_at in patient.questionnaires.values_list("instrument_id", "taken_at"):
        day = taken_at.date()
        last[instrument_id] = max(day, last.get(instrument_id, day))
    return last
