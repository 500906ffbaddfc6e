"""Is a trial adequate yet? Time on the drug, and time at an effective dose, against the drug table.

The definition is :mod:`nervepath.clinical.adequacy` (the same one ``assess`` uses); this module counts
the weeks from a stored trial's dates and dose steps:

- weeks on the trial: start to stop date (or the day counted to);
- weeks at an effective dose: each dose step lasts from its date to the next step (or the end) and
  counts when its daily dose >= the effective dose (``effective_min_daily_mg``, or the patient's renal
  maximum when lower). A drug without an effective dose in the table (plasters, patches) counts every week.

Example: pregabalin 150 mg from 1 March, 300 mg from 8 March, still running on 5 April; effective
from 300 mg, 4 weeks needed for both: 5 weeks on the trial but 4.0 weeks at 300 mg - adequate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from nervepath.clinical.adequacy import Adequacy, effective_dose, judge_adequacy, requirement
from nervepath.outcomes.records import DoseChange, TrialRecord


@dataclass(frozen=True, slots=True)
class AdequacyRule:
    """What makes a trial of one drug adequate (from the drug table); None: the table gives no number."""

    drug: str
    trial_weeks: float | None
    weeks_at_effective_dose: float | None
    effective_daily_mg: float | None = None
    confirmed: bool = True
    sources: tuple[str, ...] = ()


def weeks_on_trial(trial: TrialRecord, until: date) -> float:
    """Weeks from the start date to the stop date (or ``until``), never negative."""
    return max(0, (min(trial.stop_date or until, until) - trial.start_date).days) / 7


def weeks_at_effective_dose(trial: TrialRecord, until: date, effective_daily_mg: float) -> float:
    """Weeks the trial spent at or above ``effective_daily_mg`` up to its stop date or ``until``.

    Takes: a trial with its dose steps, the day to count to, the lowest effective daily dose.
    Returns: weeks (days / 7), never negative.
    """
    end = min(trial.stop_date or until, until)
    steps = sorted(trial.doses, key=lambda step: step.date)
    days = sum(
        _days_on(step, _next_date(steps, i, end), end)
        for i, step in enumerate(steps)
        if step.daily_mg >= effective_daily_mg
    )
    return days / 7


def _next_date(steps: list[DoseChange], index: int, end: date) -> date:
    return steps[index + 1].date if index + 1 < len(steps) else end


def _days_on(step: DoseChange, next_date: date, end: date) -> int:
    return max(0, (min(next_date, end) - step.date).days)


def effective_weeks(
    trial: TrialRecord, until: date, rule: AdequacyRule, patient_max: float | None = None
) -> float:
    """Weeks at an effective dose (the rule's, or ``patient_max`` when lower), or weeks on the trial
    when the table gives no effective dose."""
    effective = effective_dose(rule.effective_daily_mg, patient_max)
    if effective is None:
        return weeks_on_trial(trial, until)
    return weeks_at_effective_dose(trial, until, effective)


def adequacy(
    trial: TrialRecord, until: date, rule: AdequacyRule, patient_max: float | None = None
) -> Adequacy:
    """The adequacy of a stored trial up to ``until``, by the one definition in ``clinical.adequacy``.

    Takes: the trial, the day to count to, the drug's rule, the patient's maximum daily dose (renal
    maximum) or None. Returns: an Adequacy (adequate or not, and what is missing).
    """
    need = requirement(rule.trial_weeks, rule.weeks_at_effective_dose, rule.effective_daily_mg, patient_max)
    return judge_adequacy(
        need,
        weeks_on_trial(trial, until),
        effective_weeks(trial, until, rule, patient_max),
        top_daily_mg(trial, until),
    )


def is_adequate(
    trial: TrialRecord, until: date, rule: AdequacyRule, patient_max: float | None = None
) -> bool:
    """True when the trial was long enough, and long enough at an effective dose."""
    return adequacy(trial, until, rule, patient_max).adequate is True


def top_daily_mg(trial: TrialRecord, until: date) -> float | None:
    """The highest daily dose of the trial's steps up to ``until``; None before its first step."""
    return max((step.daily_mg for step in trial.doses if step.date <= until), default=None)


@cache
def adequacy_rules() -> dict[str, AdequacyRule]:
    """Adequacy rules for every drug whose table entry gives an adequate-trial length (without one,
    adequacy is never known to hold: see ``clinical.adequacy``)."""
    from nervepath.clinical.drugs import load_drugs

    return {
        drug.id: AdequacyRule(
            drug=drug.id,
            trial_weeks=drug.adequate_trial_weeks,
            weeks_at_effective_dose=drug.weeks_at_max_for_adequate,
            effective_daily_mg=drug.effective_min_daily_mg,
            confirmed=drug.confirmed,
            sources=tuple(drug.sources),
        )
        for drug in load_drugs().values()
        if drug.adequate_trial_weeks is not None
    }


def adequacy_rules_for(patient_max: Mapping[str, float | None]) -> dict[str, AdequacyRule]:
    """The adequacy rules for one patient: each effective dose lowered to the patient's maximum daily
    dose of that drug when that is lower (a renal maximum below the usual effective dose).

    Takes: the patient's maximum by drug id, e.g. ``{o["id"]: o["max_daily_mg"] for o in
    assess_json(case)["options"]}``; a drug missing there keeps its rule.
    Example: gabapentin at CrCl 20 (maximum 700 mg/day): the effective dose is 700, not 1200 mg/day.
    """
    return {
        drug: replace(rule, effective_daily_mg=effective_dose(rule.effective_daily_mg, patient_max.get(drug)))
        for drug, rule in adequacy_rules().items()
    }
