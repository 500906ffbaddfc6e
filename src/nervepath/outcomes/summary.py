"""A patient's outcomes in one object: baseline, current pain, each trial's response, the trend.

``baseline_pain`` is the pre-trial baseline of the first trial (None without trials);
``current_pain`` is the 7-day mean ending on the last diary day (``as_of``). ``worked`` lists the
drugs with a moderate or substantial response; ``tried`` every drug with a trial, in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from nervepath.outcomes.adequacy import AdequacyRule
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.response import Response, TrialOutcome, trial_outcome
from nervepath.outcomes.trend import Trend, pain_trend
from nervepath.outcomes.windows import WindowMean, window_mean


@dataclass(frozen=True, slots=True)
class PatientSummary:
    baseline: WindowMean | None
    current: WindowMean | None
    trials: tuple[TrialOutcome, ...]
    trend: Trend | None

    @property
    def tried(self) -> list[str]:
        """Drugs with a trial, first trial first, each once."""
        return list(dict.fromkeys(outcome.trial.drug for outcome in self.trials))

    @property
    def worked(self) -> list[str]:
        """Drugs whose trial gave at least a moderate response."""
        good = {Response.moderate, Response.substantial}
        return list(dict.fromkeys(o.trial.drug for o in self.trials if o.response in good))


def patient_summary(
    diary: list[DiaryEntry],
    trials: list[TrialRecord],
    today: date,
    rules: Mapping[str, AdequacyRule],
) -> PatientSummary:
    """Summarise a patient's diary and trials as of ``today``.

    Takes: diary entries, trials, today's date, adequacy rules by drug id (a drug without one has
    unknown adequacy). Returns: a PatientSummary. Sources: see response, windows and trend modules.
    """
    ordered = sorted(trials, key=lambda trial: trial.start_date)
    as_of = max((e.date for e in diary), default=today)
    outcomes = tuple(trial_outcome(trial, diary, today, rules.get(trial.drug)) for trial in ordered)
    baseline = outcomes[0].baseline if outcomes else None
    current = window_mean(diary, as_of) if diary else None
    return PatientSummary(baseline, current, outcomes, pain_trend(diary))


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def trial_as_dict(outcome: TrialOutcome) -> dict[str, Any]:
    """One trial's outcome in the JSON shape of ``nervepath status``."""
    trial = outcome.trial
    return {
        "id": trial.id,
        "drug": trial.drug,
        "start_date": trial.start_date.isoformat(),
        "stop_date": trial.stop_date.isoformat() if trial.stop_date else None,
        "daily_mg": trial.doses[-1].daily_mg if trial.doses else None,
        "baseline_pain": _rounded(outcome.baseline.mean),
        "current_pain": _rounded(outcome.current.mean),
        "reduction_pct": _rounded(outcome.reduction_pct),
        "response": outcome.response.value,
        "adequate": outcome.adequate,
        "weeks_at_effective_dose": _rounded(outcome.weeks_at_effective_dose),
    }


def summary_as_dict(summary: PatientSummary) -> dict[str, Any]:
    """The JSON shape of ``nervepath status`` (keys fixed by the CLI contract, more may follow)."""
    trend = summary.trend
    return {
        "baseline_pain": _rounded(summary.baseline.mean if summary.baseline else None),
        "current_pain_7d": _rounded(summary.current.mean if summary.current else None),
        "as_of": summary.current.last.isoformat() if summary.current else None,
        "trials": [trial_as_dict(outcome) for outcome in summary.trials],
        "trend": None
        if trend is None
        else {
            "direction": trend.direction.value,
            "slope_per_week": round(trend.slope_per_day * 7, 2),
            "coverage": round(trend.coverage, 2),
        },
        "tried": summary.tried,
        "worked": summary.worked,
    }
