"""Plain records of one patient, as the core sees them: no ORM, no Django.

The web layer maps its rows to these (``nervepath.web.records.mappers``); ``outcomes`` analyses
them and ``fhir`` exchanges them. Every collection is a tuple in a fixed order (by date, then id)
so that two records holding the same facts compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class PatientInfo:
    display_name: str
    birth_date: date | None = None
    sex: str = "unknown"


@dataclass(frozen=True, slots=True)
class RegionScore:
    region_id: str
    pain: int


@dataclass(frozen=True, slots=True)
class DayEvent:
    """A moment during a diary day (flare, side effect, dose taken, other)."""

    at: datetime
    kind: str
    severity: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DiaryEntry:
    """One diary day; scores are 0-10 numeric rating scales. An attribute per field of
    ``data/diary/fields.yaml`` (``outcomes.diary_fields``), which says what each holds and means."""

    date: date
    pain_average: int
    pain_worst: int | None = None
    sleep_interference: int | None = None
    mood: int | None = None
    activity: int | None = None
    sitting_hours: float | None = None
    note: str = ""
    qualities: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    regions: tuple[RegionScore, ...] = ()
    events: tuple[DayEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class DoseChange:
    date: date
    daily_mg: float


@dataclass(frozen=True, slots=True)
class TrialDecisionRecord:
    date: date
    decision: str
    author: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class TrialRecord:
    """One trial of one drug. ``doses`` starts with the starting dose on ``start_date``."""

    drug: str
    start_date: date
    doses: tuple[DoseChange, ...]
    stop_date: date | None = None
    stop_reason: str = ""
    review_date: date | None = None
    side_effects: tuple[str, ...] = ()
    decisions: tuple[TrialDecisionRecord, ...] = ()
    id: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ConditionRecord:
    condition_id: str
    onset_date: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MedicationRecord:
    drug_id: str
    daily_dose: float
    unit: str = "mg"
    start_date: date | None = None
    stop_date: date | None = None


@dataclass(frozen=True, slots=True)
class AdherenceRecord:
    drug_id: str
    date: date
    doses_planned: int
    doses_taken: int


@dataclass(frozen=True, slots=True)
class QuestionnaireRecord:
    """A stored response with the verdict the instruments engine gave when it was recorded."""

    instrument_id: str
    answers: Any
    taken_at: datetime
    score: float | None = None
    band: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CarePlanEntry:
    kind: str
    item_id: str
    title: str
    status: str = "not-started"
    note: str = ""
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """Everything nervepath holds about one patient: what export writes and import reads."""

    patient: PatientInfo
    conditions: tuple[ConditionRecord, ...] = ()
    medications: tuple[MedicationRecord, ...] = ()
    diary: tuple[DiaryEntry, ...] = ()
    trials: tuple[TrialRecord, ...] = ()
    questionnaires: tuple[QuestionnaireRecord, ...] = ()
    adherence: tuple[AdherenceRecord, ...] = ()
    care_plan: tuple[CarePlanEntry, ...] = ()
