"""The whole clinical pipeline in one call: ``assess(case) -> Assessment`` and the contract JSON.

Screening scores -> NeuPSIG grade -> red flags -> creatinine clearance and MME -> work-up ->
treatment options with personal safety checks and doses -> mental-health flags. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nervepath.clinical.case import Case, parse_case
from nervepath.clinical.current_use import doses_taken
from nervepath.clinical.grading import Grading, grade
from nervepath.clinical.mme import mme_per_day, opioid_tolerant
from nervepath.clinical.option import Option
from nervepath.clinical.options import build_options
from nervepath.clinical.profile import build_profile
from nervepath.clinical.redflags import RedFlag, needs_urgent_referral, red_flags_for
from nervepath.clinical.renal import ClearanceWeight, clearance_weight, creatinine_clearance
from nervepath.clinical.screening import (
    mental_health,
    phq9_item9,
    score_answers,
    screening_dict,
    screening_notes,
)
from nervepath.clinical.workup import WorkupItem, workup
from nervepath.instruments import Score


@dataclass(frozen=True)
class Assessment:
    """Everything ``assess`` finds for one case."""

    screening: dict[str, dict[str, Any]]
    grading: Grading
    red_flags: list[RedFlag]
    creatinine_clearance_ml_min: float | None
    workup: list[WorkupItem]
    options: list[Option]
    mme_per_day: float | None
    mental_health: dict[str, Any]
    opioid_tolerant: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def urgent_referral(self) -> bool:
        """True when any red flag needs same-day assessment."""
        return needs_urgent_referral(self.red_flags)

    def to_dict(self) -> dict[str, Any]:
        """The exact contract JSON of contracts/case-format.md (plus documented extra keys)."""
        mme = self.mme_per_day
        return {
            "screening": self.screening,
            "grading": self.grading.to_dict(),
            "red_flags": [f.to_dict() for f in self.red_flags],
            "urgent_referral": self.urgent_referral,
            "creatinine_clearance_ml_min": self.creatinine_clearance_ml_min,
            "workup": [w.to_dict() for w in self.workup],
            "options": [o.to_dict() for o in self.options],
            "mme_per_day": int(mme) if mme is not None and float(mme).is_integer() else mme,
            "mental_health": self.mental_health,
            "opioid_tolerant": self.opioid_tolerant,
            "notes": self.notes,
        }


def assess(case: Case, recorded: Mapping[str, Score] | None = None) -> Assessment:
    """Run the clinical pipeline on a validated case.

    Takes: a :class:`Case` (see :func:`nervepath.clinical.case.parse_case`) and, optionally, the
    questionnaire results already on record by instrument id (a stored response's score, band and
    flags, given by the engine when it was recorded): those are used as they are, and the case's
    answers to the same instruments, if any, are not scored again.
    Returns: an :class:`Assessment`.
    Raises: InvalidInput for questionnaire answers the instruments engine rejects.
    Source: NeuPSIG 2015/2016/2025, NICE CG173, EAN 2019, ASCO 2020, CDC 2022, labels (per rule).
    """
    given = recorded or {}
    scores = {**score_answers({k: v for k, v in case.answers.items() if k not in given}), **given}
    p = case.patient
    crcl = creatinine_clearance(p.age, p.weight_kg, p.serum_creatinine_mg_dl, p.sex, p.height_cm)
    taken = doses_taken(case)  # current medications and running trials
    mme = mme_per_day((drug, daily) for drug, daily, _ in taken)
    tolerant = opioid_tolerant(taken)
    profile = build_profile(case, crcl, mme.per_day, phq9_item9(scores), tolerant)
    return Assessment(
        screening=screening_dict(scores),
        grading=grade(case, screening_notes(scores)),
        red_flags=red_flags_for(case.red_flag_findings),
        creatinine_clearance_ml_min=crcl,
        workup=workup(profile),
        options=build_options(case, profile),
        mme_per_day=mme.per_day,
        mental_health=mental_health(scores),
        opioid_tolerant=tolerant,
        notes=_notes(case, crcl, mme.notes),
    )


def _notes(case: Case, crcl: float | None, mme_notes: list[str]) -> list[str]:
    notes = list(mme_notes)
    p = case.patient
    if crcl is None:
        notes.insert(
            0, "Renal function unknown (creatinine, weight or sex missing): check before gabapentinoids."
        )
    elif p.weight_kg is not None:
        weight = clearance_weight(p.weight_kg, p.height_cm, p.sex)
        notes.insert(0, _weight_note(weight))
    return notes


def _weight_note(weight: ClearanceWeight) -> str:
    if weight.kind == "adjusted":
        return (
            f"Creatinine clearance used adjusted body weight ({weight.kg:g} kg) because the BMI is "
            f"{weight.bmi:g}."
        )
    return f"Creatinine clearance used actual body weight ({weight.kg:g} kg)."


def assess_json(raw: Any, recorded: Mapping[str, Score] | None = None) -> dict[str, Any]:
    """Validate a parsed case and return the contract JSON of its assessment (``recorded``: as
    :func:`assess`).

    Raises: InvalidInput / UnknownIdentifier naming the field (see :func:`parse_case`).
    """
    return assess(parse_case(raw), recorded).to_dict()
