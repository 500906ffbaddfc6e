"""Request and response bodies of the API. Input models forbid unknown fields (422 naming the field)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from nervepath.outcomes.diary_fields import DiaryField, diary_fields
from nervepath.web.api.fields import (
    AwareDateTime,
    Flag,
    Ident,
    IsoDate,
    Mg,
    Note,
    Number,
    Score,
    Title,
    Version,
    Whole,
    Word,
    number_between,
    text_of,
    whole_between,
)


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


def _diary_in(field: DiaryField) -> tuple[Any, Any]:  # pydantic types Field(default=None) as None
    """A diary field as the API takes it: type, bounds, length and description from the data file."""
    low, high = field.bounds or (0, 0)
    kinds: dict[str, Any] = {
        "date": IsoDate,
        "score": whole_between(low, high),
        "hours": number_between(low, high),
        "text": text_of(field.max_length),
        "ids": Annotated[list[Ident], Field(max_length=field.max_items)],
    }
    described = diary_fields().describe(field)
    if field.required:
        return kinds[field.kind], Field(description=described)
    return kinds[field.kind] | None, Field(default=None, description=described)


def _diary_out(field: DiaryField) -> tuple[Any, FieldInfo]:
    kinds: dict[str, Any] = {"date": date, "score": int, "hours": float, "text": str, "ids": list[str]}
    never_null = field.required or field.kind in ("text", "ids")
    kind = kinds[field.kind] if never_null else kinds[field.kind] | None
    return kind, Field(description=diary_fields().describe(field))


# One property per diary field entered over the API, as data/diary/fields.yaml defines it (ADR 0010).
# The type checker cannot see fields made at run time; it checks the uses of these against their bases.
if TYPE_CHECKING:
    DiaryDayIn = Input
    DiaryDayOut = Schema
else:
    DiaryDayIn = create_model(
        "DiaryDayIn",
        __base__=Input,
        __doc__="One day of the diary; posting a date that already has an entry updates the given fields.",
        **{f.id: _diary_in(f) for f in diary_fields().entered_in("api")},
    )
    DiaryDayOut = create_model(
        "DiaryDayOut",
        __base__=Schema,
        id=(int, ...),
        **{f.id: _diary_out(f) for f in diary_fields().entered_in("api")},
        updated_at=(datetime, ...),
    )


class QuestionnaireIn(Input):
    instrument_id: Ident
    answers: dict[str, Any] | list[Any] = Field(
        description="by item id, or in item order; yes/no items take true/false, others the option value"
    )
    taken_at: AwareDateTime | None = Field(default=None, description="when answered; default: now")


class QuestionnaireOut(Schema):
    """A stored response with the engine's verdict recorded with it (never scored again on read)."""

    id: int
    instrument_id: str
    answers: Any
    score: float | None = Field(description="the total; null only for an old row whose answers are not valid")
    band: str = Field(description="the band id of the instrument's data file, empty where none applies")
    flags: list[str] = Field(description="item flags raised, e.g. suicide_risk (PHQ-9 item 9 above 0)")
    taken_at: datetime


class DoseOut(Schema):
    date: date
    daily_mg: float


class DecisionOut(Schema):
    date: date
    decision: str
    author: str
    note: str


class CheckOut(Schema):
    """A prescribing check (contracts/case-format.md, "Prescribing checks")."""

    rule: str
    flag: str
    severity: str = Field(description="block or warn")
    message: str
    sources: list[str]
    overridden: bool = Field(description="true when the clinician went ahead despite this blocking check")
    reason: str | None = Field(description="the override reason, null unless overridden")


class StoredCheckOut(CheckOut):
    """A prescribing check kept with a trial or medicine, dated with the start or change it was made for."""

    date: date


OVERRIDE = "go ahead despite a blocking prescribing check: why (at least 10 characters)"


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
    checks: list[StoredCheckOut] = Field(
        description="the prescribing checks of the start and each dose change"
    )


class TrialStartIn(Input):
    drug_id: Ident
    start_date: IsoDate
    daily_mg: Mg
    review_date: IsoDate | None = None
    override_reason: Note | None = Field(default=None, description=OVERRIDE)


class DoseIn(Input):
    date: IsoDate
    daily_mg: Mg
    expected_version: Version | None = Field(default=None, description="409 if the trial has moved on")
    override_reason: Note | None = Field(default=None, description=OVERRIDE)


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
    checks: list[StoredCheckOut] = Field(description="the prescribing checks of this dose")
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


class ConditionIn(Input):
    """A diagnosed condition; recording one the patient already has updates its onset date and note."""

    condition_id: Ident
    onset_date: IsoDate | None = None
    note: Note = ""


class MedicationIn(Input):
    drug_id: Ident
    daily_dose: Mg = Field(description="in the drug's unit (mg; mcg/h for the fentanyl patch)")
    start_date: IsoDate | None = None
    override_reason: Note | None = Field(default=None, description=OVERRIDE)


class MedicationDoseIn(Input):
    daily_dose: Mg
    date: IsoDate | None = Field(default=None, description="from this day on; default: today")
    override_reason: Note | None = Field(default=None, description=OVERRIDE)


class MedicationStopIn(Input):
    date: IsoDate | None = Field(default=None, description="default: today")


class CarePlanItemIn(Input):
    kind: Ident = Field(description="a snake_case kind such as follow_up (at most 20 characters)")
    item_id: Ident = Field(description="a snake_case id such as follow_up_visit")
    title: Title
    due_date: IsoDate | None = None
    note: Note = ""


class CarePlanStatusIn(Input):
    status: Word = Field(description="not-started, in-progress, completed or cancelled")


class SituationFields(Schema):
    """What ``assess`` needs beyond the other records (contracts/case-format.md, section as prefix)."""

    age: Whole | None = Field(default=None, description="used only when the patient has no birth date")
    weight_kg: Number | None = None
    height_cm: Number | None = Field(default=None, description="with the weight: BMI, adjusted weight at 30+")
    serum_creatinine_mg_dl: Number | None = None
    pregnant: Flag | None = None
    lactating: Flag | None = None
    hla_b_1502: Word | None = Field(default=None, description="positive or negative")
    hla_risk_ancestry: Flag | None = Field(
        default=None, description="ancestry where HLA-B*15:02 is common (CPIC); false: no caution needed"
    )
    alcohol_units_per_week: Number | None = None
    pain_duration_months: Number | None = None
    pain_etiology: Ident | None = None
    pain_distribution_plausible: Flag | None = None
    pain_localized: Flag | None = None
    pain_distal_symmetric: Flag | None = None
    pain_nrs_average: Score | None = None
    sensory_signs_in_painful_area: Flag | None = None
    tests_confirm_lesion: Flag | None = None
    tests_done: list[Ident] = Field(default_factory=list, max_length=50)
    red_flag_findings: list[Ident] = Field(default_factory=list, max_length=50)


class SituationIn(SituationFields):
    """The whole situation: ``PUT`` replaces it, so a field left out becomes unknown."""

    model_config = ConfigDict(extra="forbid")

    expected_version: Version | None = Field(default=None, description="409 if the situation has moved on")


class SituationOut(SituationFields):
    patient_id: int
    version: int | None = Field(description="null until a situation is recorded")
    updated_at: datetime | None
