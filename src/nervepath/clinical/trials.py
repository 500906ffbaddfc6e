"""Judging a past or ongoing drug trial: was it adequate, and did it work?

Adequate = the one definition in :mod:`nervepath.clinical.adequacy`: ``adequate_trial_weeks`` on the
drug in total and ``weeks_at_max_for_adequate`` at an effective dose (the drug's lowest effective daily
dose, or the patient's renal maximum if lower) — Dworkin 2007. Response bands follow IMMPACT (Dworkin
2008): at least 30 % less pain is moderate, at least 50 % substantial.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nervepath.clinical.adequacy import Adequacy, Requirement, effective_dose, judge_adequacy, requirement
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
    ineffective with nothing to hold the trial against), inadequate (stopped as ineffective before an
    adequate trial: may be retried, with what was missing), titrating (ongoing, not yet adequate),
    partial (30-49 %) or responding (50 % or more, even when stopped).
    Source: Dworkin 2007 (trial length), IMMPACT 2008 (response bands).
    """
    if trial.stopped_because == "side_effects":
        return TrialJudgement(Verdict.intolerant, "Stopped because of side effects.")
    result = _adequacy(trial, drug, patient_max)
    relief = trial.pain_reduction_pct
    # Unknown adequacy (no trial length in the sources) does not hold back a verdict on the relief.
    if result.adequate is not False and relief is not None and relief >= MODERATE_PCT:
        # At least 30 % relief is a response by IMMPACT even if the drug was stopped as "ineffective".
        return _response(relief, stopped=trial.stopped_because == "ineffective", adequate=result.adequate)
    if result.adequate and (
        trial.stopped_because == "ineffective" or (relief is not None and relief < MODERATE_PCT)
    ):
        return TrialJudgement(Verdict.ineffective, _failed_text(relief))
    if trial.stopped_because == "ineffective":
        return _stopped_early(result.missing)
    text = f"Keep titrating: {result.missing}." if result.missing else "Ongoing trial: review the response."
    return TrialJudgement(Verdict.titrating, text)


def _response(relief: float, stopped: bool, adequate: bool | None) -> TrialJudgement:
    if stopped:
        trial = "adequate trial" if adequate else "trial"
        return TrialJudgement(
            Verdict.partial if relief < SUBSTANTIAL_PCT else Verdict.responding,
            f"Stopped as ineffective, yet the {trial} gave {relief:g} % less pain (a response by "
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
    if relief is None:
        shown = ""
    elif relief < 0:  # the pain rose: say so, not "-7.1 % less pain"
        shown = f" ({-relief:g} % more pain)"
    else:
        shown = f" ({relief:g} % less pain)"
    return f"Adequate trial without meaningful relief{shown}: switch to another option."


def _stopped_early(missing: str) -> TrialJudgement:
    if not missing:
        # Nothing to check adequacy against (no trial length in the sources): trust the clinician.
        return TrialJudgement(Verdict.ineffective, "Stopped as ineffective.")
    return TrialJudgement(
        Verdict.inadequate, f"Stopped before an adequate trial ({missing}): may be retried."
    )


def _adequacy(trial: Trial, drug: Drug, patient_max: float | None) -> Adequacy:
    """The trial's adequacy by the one definition, :func:`nervepath.clinical.adequacy.judge_adequacy`."""
    return judge_adequacy(_requirement(drug, patient_max), *_weeks(trial, drug, patient_max))


def _requirement(drug: Drug, patient_max: float | None) -> Requirement:
    return requirement(
        drug.adequate_trial_weeks, drug.weeks_at_max_for_adequate, drug.effective_min_daily_mg, patient_max
    )


def _weeks(trial: Trial, drug: Drug, patient_max: float | None) -> tuple[float, float, float | None]:
    """Weeks on the drug, weeks at an effective dose, highest daily dose - as far as the case tells.

    Without ``weeks_on_trial`` the weeks at the highest dose are the only known lower bound of the total;
    the weeks at the highest dose count as weeks at an effective dose when that dose is effective.
    """
    at_max = trial.weeks_at_max_dose or 0.0
    total = max(trial.weeks_on_trial or 0.0, at_max)
    effective = effective_dose(drug.effective_min_daily_mg, patient_max)
    if effective is None:
        return total, total, trial.max_daily_mg
    reached = trial.max_daily_mg is not None and trial.max_daily_mg >= effective
    return total, at_max if reached else 0.0, trial.max_daily_mg
