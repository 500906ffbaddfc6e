"""The input of ``nervepath assess``: one patient's situation (contracts/case-format.md).

Every level forbids unknown keys, so a typo such as ``patient.agee`` fails naming the key. Missing
optional keys mean "not known" and stay ``None``; nothing here invents a default that would change
advice. Pydantic errors become :class:`~nervepath.errors.InvalidInput` in :func:`parse_case` only.

Adults only: NeuPSIG grading and pharmacotherapy recommendations, and the dose tables used, are for
adults, so an age under 18 is refused with a message saying so (docs/assess.md).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from nervepath.clinical.drugs import known_drug_ids, load_drugs
from nervepath.clinical.identifiers import conditions, etiologies, tests
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.errors import InvalidInput, UnknownIdentifier

ADULT_AGE = 18


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Patient(_Strict):
    """Who the patient is; creatinine in mg/dL for Cockcroft-Gault."""

    age: int = Field(ge=0, le=120)
    sex: Literal["female", "male"] | None = None
    weight_kg: float | None = Field(default=None, ge=25, le=350)
    serum_creatinine_mg_dl: float | None = Field(default=None, ge=0.1, le=20)
    pregnant: bool | None = None
    lactating: bool | None = None
    height_cm: float | None = Field(default=None, ge=100, le=250)
    hla_b_1502: Literal["positive", "negative"] | None = None
    hla_risk_ancestry: bool | None = None

    @field_validator("hla_b_1502", mode="before")
    @classmethod
    def _hla_from_bool(cls, value: Any) -> Any:
        # The contract example writes null; true/false are read as positive/negative carrier status.
        if isinstance(value, bool):
            return "positive" if value else "negative"
        return value


class Medication(_Strict):
    """A current medication; ``daily_mg`` is mcg/h for the fentanyl patch."""

    id: str
    daily_mg: float | None = Field(default=None, ge=0)
    weeks: float | None = Field(default=None, ge=0, le=5200)


class Pain(_Strict):
    """The pain: how long, from what, where, and how strong (NRS 0-10)."""

    duration_months: float | None = Field(default=None, ge=0, le=1200)
    etiology: str | None = None
    distribution_plausible: bool | None = None
    localized: bool | None = None
    distal_symmetric: bool | None = None
    nrs_average: int | None = Field(default=None, ge=0, le=10)


class Exam(_Strict):
    sensory_signs_in_painful_area: bool | None = None


class Tests(_Strict):
    """Test results known so far; ``done`` lists work-up tests already done (not suggested again)."""

    confirms_lesion: bool | None = None
    done: list[str] = Field(default_factory=list)


class Trial(_Strict):
    """A past or ongoing treatment trial."""

    drug: str
    max_daily_mg: float | None = Field(default=None, ge=0)
    weeks_at_max_dose: float | None = Field(default=None, ge=0, le=520)
    weeks_on_trial: float | None = Field(default=None, ge=0, le=520)
    current_daily_mg: float | None = Field(default=None, ge=0)
    pain_reduction_pct: float | None = Field(default=None, ge=-100, le=100)
    stopped_because: Literal["ineffective", "side_effects", "ongoing"] | None = None


class Case(_Strict):
    """One patient's situation, as validated input to :func:`nervepath.clinical.assess.assess`."""

    patient: Patient
    conditions: list[str] = Field(default_factory=list)
    medications: list[Medication] = Field(default_factory=list)
    alcohol_units_per_week: float | None = Field(default=None, ge=0, le=500)
    pain: Pain = Field(default_factory=Pain)
    exam: Exam = Field(default_factory=Exam)
    tests: Tests = Field(default_factory=Tests)
    red_flag_findings: list[str] = Field(default_factory=list)
    answers: dict[str, Any] = Field(default_factory=dict)
    trials: list[Trial] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        for field in ("pregnant", "lactating"):
            if getattr(self.patient, field) and self.patient.sex == "male":
                raise ValueError(f"contradictory input: {field} is true for a patient of male sex")
        return self


def parse_case_text(text: str) -> Case:
    """Parse JSON text into a :class:`Case`.

    Raises: InvalidInput naming line and column for a JSON syntax error, or the field for bad content.
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "case", f"line {exc.lineno} column {exc.colno}", f"valid JSON ({exc.msg})"
        ) from exc
    return parse_case(raw)


def parse_case(raw: Any) -> Case:
    """Validate a parsed case (a dict) into a :class:`Case`.

    Raises: InvalidInput whose ``field`` is the dotted path of the first problem (``pain.nrs_average``),
    UnknownIdentifier for an id nervepath does not know (``conditions[2]``).
    """
    if not isinstance(raw, dict):
        raise InvalidInput("case", type(raw).__name__, "a JSON object with at least a 'patient' key")
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    _check_identifiers(case)
    _check_adult(case)
    return case


def _invalid(exc: ValidationError) -> InvalidInput:
    errors = exc.errors()
    # An unknown key explains the other errors (a misspelt key is also "missing"), so it is named first.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(p) for p in first["loc"] if not str(p).startswith("function-after")]
    path = _dotted(loc) or "case"
    if first["type"] == "value_error" and "contradictory" in first["msg"]:
        field = "lactating" if "lactating" in first["msg"] else "pregnant"
        return InvalidInput(
            f"patient.{field}", True, "false or null when patient.sex is male (contradictory input)"
        )
    if first["type"] == "extra_forbidden":
        return InvalidInput(path, first.get("input"), "no such key (unknown keys are an error)")
    return InvalidInput(path, first.get("input"), first["msg"].lower().removeprefix("input should be "))


def _dotted(loc: list[str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path


def _check_identifiers(case: Case) -> None:
    treatments = [d for d, drug in load_drugs().items() if drug.role.value == "treatment"]
    checks: list[tuple[str, list[str | None], list[str]]] = [
        ("conditions", list(case.conditions), list(conditions())),
        ("medications", [m.id for m in case.medications], sorted(known_drug_ids())),
        ("red_flag_findings", list(case.red_flag_findings), list(red_flag_catalogue())),
        ("tests.done", list(case.tests.done), list(tests())),
        ("trials", [t.drug for t in case.trials], treatments),
    ]
    for field, values, known in checks:
        suffix = {"medications": ".id", "trials": ".drug"}.get(field, "")
        for index, value in enumerate(values):
            if value not in known:
                raise UnknownIdentifier(f"{field}[{index}]{suffix}", value, known)
    if case.pain.etiology is not None and case.pain.etiology not in etiologies():
        raise UnknownIdentifier("pain.etiology", case.pain.etiology, list(etiologies()))


def _check_adult(case: Case) -> None:
    if case.patient.age < ADULT_AGE:
        raise InvalidInput(
            "patient.age",
            case.patient.age,
            "an adult age (18-120): the guidelines and dose tables used are for adults",
        )
