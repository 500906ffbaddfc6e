"""Judging a past or ongoing drug trial: was it adequate, and did it work?

Adequate = at least ``weeks_at_max_for_adequate`` weeks at an effective dose (the drug's lowest
effective daily dose, or the patient's renal maximum if lower) — Dworkin 2007. Response bands follow
IMMPACT (Dworkin 2008): at least 30 % less pain is moderate, at least 50 % substantial.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from nervepath.clinical.case import Trial
from nervepath.clinical.drugs import Drug

MODERATE_PCT = 30
SUBSTANTIAL_PCT = 50


class Verdict(StrEnum):
    intolerant = "intolerant"
    ineffective = "ineffective"
    inadequate = "inadequate"
    titrating = "titrating"
    partial = "partial"
    responding = "responding"


@dataclass(frozen=True)
class TrialJudgement:
    verdict: Verdict
    why: str


def judge(trial: Trial, drug: Drug, patient_max: float | None) -> TrialJudgement:
    """Judge one trial of ``drug`` for a patient whose maximum daily dose is ``patient_max``.

    Returns: intolerant (side effects), ineffective (adequate trial with under 30 % relief, or stopped as
    ineffective with no relief figure), inadequate (stopped before an adequate trial), titrating
    (ongoing, not yet adequate), partial (30-49 %) or responding (50 % or more, even when stopped).
    Source: Dworkin 2007 (trial length), IMMPACT 2008 (response bands).
    """
    if trial.stopped_because == "side_effects":
        return TrialJudgement(Verdict.intolerant, "Stopped because of side effects.")
    adequate, missing = _adequacy(trial, drug, patient_max)
    relief = trial.pain_reduction_pct
    if adequate and relief is not None and relief >= MODERATE_PCT:
        # At least 30 % relief is a response by IMMPACT even if the drug was stopped as "ineffective".
        return _response(relief, stopped=trial.stopped_because == "ineffective")
    if adequate and (
        trial.stopped_because == "ineffective" or (relief is not None and relief < MODERATE_PCT)
    ):
        return TrialJudgement(Verdict.ineffective, _failed_text(relief))
    if trial.stopped_because == "ineffective":
        return _stopped_early(trial, drug, missing)
    text = f"Keep titrating: {missing}." if missing else "Ongoing trial: review the response."
    return TrialJudgement(Verdict.titrating, text)


def _response(relief: float, stopped: bool) -> TrialJudgement:
    if stopped:
        return TrialJudgement(
            Verdict.partial if relief < SUBSTANTIAL_PCT else Verdict.responding,
            f"Stopped as ineffective, yet the adequate trial gave {relief:g} % less pain (a response by "
            "IMMPACT): worth reconsidering, alone or with a first-line drug of another class.",
        )
    if relief >= SUBSTANTIAL_PCT:
        return TrialJudgement(Verdict.responding, f"Substantial relief ({relief:g} % less pain): continue.")
    return TrialJudgement(
        Verdict.partial,
        f"Partial relief ({relief:g} % less pain): continue; consider adding a first-line drug "
        "of another class.",
    )


def _failed_text(relief: float | None) -> str:
    shown = f" ({relief:g} % less pain)" if relief is not None else ""
    return f"Adequate trial without meaningful relief{shown}: switch to another option."


def _stopped_early(trial: Trial, drug: Drug, missing: str) -> TrialJudgement:
    if not missing:
        # Nothing to check adequacy against (no trial length or dose in the sources): trust the clinician.
        return TrialJudgement(Verdict.ineffective, "Stopped as ineffective.")
    return TrialJudgement(
        Verdict.inadequate, f"Stopped before an adequate trial ({missing}): may be retried."
    )


def _adequacy(trial: Trial, drug: Drug, patient_max: float | None) -> tuple[bool, str]:
    """Whether the trial was adequate, and if not, what is missing, in words."""
    gaps: list[str] = []
    effective = _effective_dose(drug, patient_max)
    if effective is not None and (trial.max_daily_mg is None or trial.max_daily_mg < effective):
        gaps.append(f"reach at least {effective:g} mg/day")
    weeks = drug.weeks_at_max_for_adequate
    if weeks is not None:
        done = trial.weeks_at_max_dose or 0
        if done < weeks:
            gaps.append(f"{math.ceil(weeks - done)} more weeks at an effective dose")
    return (not gaps and (weeks is not None or effective is not None)), "; ".join(gaps)


def _effective_dose(drug: Drug, patient_max: float | None) -> float | None:
    if drug.effective_min_daily_mg is None:
        return None
    if patient_max is None:
        return drug.effective_min_daily_mg
    return min(drug.effective_min_daily_mg, patient_max)
