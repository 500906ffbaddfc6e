"""Response to a trial by the IMMPACT thresholds, against the pre-trial baseline.

reduction_pct = (baseline - current) / baseline x 100, where baseline is the mean average pain of
the 7 days before the trial started and current the mean of the 7 days ending on the stop date
(or on the last diary day). A reduction of >= 30 % is a moderate, >= 50 % a substantial response
(Dworkin 2008, IMMPACT; Farrar 2001 - thresholds in ``data/outcomes/rules.yaml``).
A running trial that is not yet adequate is ``too_early``; a window without enough entries
gives ``insufficient_data``.

Example: baseline 7.1, current 4.6 gives (7.1 - 4.6) / 7.1 = 35.2 % - a moderate response.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from nervepath.outcomes.adequacy import AdequacyRule, effective_weeks, is_adequate
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.rules import outcome_rules
from nervepath.outcomes.windows import WindowMean, baseline_before, window_mean


class Response(StrEnum):
    none = "none"
    moderate = "moderate"
    substantial = "substantial"
    too_early = "too_early"
    insufficient_data = "insufficient_data"


@dataclass(frozen=True, slots=True)
class TrialOutcome:
    trial: TrialRecord
    baseline: WindowMean
    current: WindowMean
    reduction_pct: float | None
    response: Response
    adequate: bool | None
    weeks_at_effective_dose: float | None


def reduction_pct(baseline: float | None, current: float | None) -> float | None:
    """Percent reduction from ``baseline`` to ``current`` (negative = worse); None without both or at 0."""
    if baseline is None or current is None or baseline == 0:
        return None
    return (baseline - current) / baseline * 100


def classify_reduction(pct: float) -> Response:
    """none / moderate (>= 30 %) / substantial (>= 50 %).

    Source: dworkin_2008_immpact_instruments, farrar_2001_pgic (thresholds in the rules file).
    """
    rule = outcome_rules().response
    if pct >= rule.substantial_reduction_pct:
        return Response.substantial
    return Response.moderate if pct >= rule.moderate_reduction_pct else Response.none


def trial_outcome(
    trial: TrialRecord, diary: list[DiaryEntry], today: date, rule: AdequacyRule | None
) -> TrialOutcome:
    """The outcome of one trial as of ``today``.

    Takes: the trial, the diary, today's date, the drug's adequacy rule (None when the drug table
    gives none: adequacy is then unknown and does not hold back a verdict). Only days on the trial
    count towards ``current``: from the start date to the stop date or the last diary day. Adequacy
    and weeks at an effective dose are counted up to that same last diary day, not to ``today``.
    Returns: a TrialOutcome.
    Sources: dworkin_2008_immpact_instruments (thresholds), nervepath_outcomes_rule (windows).
    """
    baseline = baseline_before(diary, trial.start_date)
    on_trial = [e for e in diary if trial.start_date <= e.date <= (trial.stop_date or today)]
    last_day = max((e.date for e in on_trial), default=trial.stop_date or today)
    current = window_mean(on_trial, last_day)
    pct = reduction_pct(baseline.mean, current.mean)
    # Adequacy is judged where the pain was last measured: weeks on a dose without diary entries
    # cannot show whether the dose worked.
    weeks = effective_weeks(trial, last_day, rule) if rule else None
    adequate = is_adequate(trial, last_day, rule) if rule else None
    return TrialOutcome(trial, baseline, current, pct, _verdict(trial, pct, adequate), adequate, weeks)


def _verdict(trial: TrialRecord, pct: float | None, adequate: bool | None) -> Response:
    if trial.stop_date is None and adequate is False:
        return Response.too_early
    return Response.insufficient_data if pct is None else classify_reduction(pct)
