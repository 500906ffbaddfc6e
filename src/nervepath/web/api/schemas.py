"""Request and response bodies of the API. Input models forbid unknown fields (422 naming the field)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field

from nervepath.web.api.fields import Hours, Ident, IsoDate, Mg, Note, Score, Version, Word


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class MeOut(Schema):
    username: str
    role: str


class PatientOut(Schema):
    id: int
    display_name: str
    birth_date: date | None
    sex: str
    updated_at: datetime


class DiaryDayIn(Input):
    """One day of the diary; posting a date that already has an entry updates the given fields."""

    date: IsoDate
    pain_average: Score
    pain_worst: Score | None = None
    sleep_interference: Score | None = None
    mood: Score | None = None
    activity: Score | None = None
    sitting_hours: Hours | None = None
    note: Note | None = None
    qualities: list[Ident] | None = Field(default=None, max_length=30)
    triggers: list[Ident] | None = Field(default=None, max_length=30)


class DiaryDayOut(Schema):
    id: int
    date: date
    pain_average: int
    pain_worst: int | None
    sleep_interference: int | None
    mood: int | None
    activity: int | None
    sitting_hours: float | None
    note: str
    qualities: list[str]
    triggers: list[str]
    updated_at: datetime


class QuestionnaireIn(Input):
    instrument_id: Ident
    answers: dict[str, Any] | list[Any] = Field(
        description="by item id, or in item order; yes/no items take true/false, others the option value"
    )


class QuestionnaireOut(Schema):
    id: int
    instrument_id: str
    answers: Any
    score: float | None
    band: str
    taken_at: datetime


class DoseOut(Schema):
    date: date
    daily_mg: float


class DecisionOut(Schema):
    date: date
    decision: str
    author: str
    note: str


class TrialOut(Schema):
    id: int
    patient_id: int
    drug_id: str
    start_date: date
    stop_date: date | None
    stop_reason: str
    review_date: date | None
    side_effects: list[str]
    version: int
    updated_at: datetime
    doses: list[DoseOut]
    decisions: list[DecisionOut]


class TrialStartIn(Input):
    drug_id: Ident
    start_date: IsoDate
    daily_mg: Mg
    review_date: IsoDate | None = None


class DoseIn(Input):
    date: IsoDate
    daily_mg: Mg
    expected_version: Version | None = Field(default=None, description="409 if the trial has moved on")


class StopIn(Input):
    date: IsoDate
    because: Word = Field(description="ineffective, side_effects or other")
    expected_version: Version | None = None


class DecisionIn(Input):
    date: IsoDate
    decision: Word = Field(description="continue, increase, add, switch or stop")
    note: Note = ""


class ConditionOut(Schema):
    id: int
    condition_id: str
    onset_date: date | None
    note: str
    updated_at: datetime


class MedicationOut(Schema):
    id: int
    drug_id: str
    daily_dose: float
    unit: str
    start_date: date | None
    stop_date: date | None
    updated_at: datetime


class CarePlanItemOut(Schema):
    id: int
    kind: str
    item_id: str
    title: str
    status: str
    note: str
    due_date: date | None
    updated_at: datetime


class HitOut(Schema):
    id: str
    title: str
    summary: str
    category: str
    sources: list[str]
    score: float


class SearchOut(Schema):
    query: str
    hits: list[HitOut]


class ImportedOut(Schema):
    patient_id: int
