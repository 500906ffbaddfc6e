"""The figures of the "current situation" box: pain now against baseline, sleep, mood screens.

Every number is computed by ``nervepath.outcomes`` or the instruments engine; this module only picks
which window to show:

- now: the mean average pain of the 7 days ending on the last diary day of the period;
- baseline: the pre-trial baseline of the first trial (as ``nervepath status`` reports it), or, when
  no trial started before that day, the first 7 days of the period;
- change: (baseline - now) / baseline x 100, classified by the IMMPACT thresholds (30 % / 50 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from nervepath.instruments import get_instrument
from nervepath.outcomes import Response, WindowMean, classify_reduction, reduction_pct, window_mean
from nervepath.outcomes.records import DiaryEntry, QuestionnaireRecord
from nervepath.outcomes.rules import outcome_rules
from nervepath.reports.inputs import ReportInput
from nervepath.reports.words import day, drug_name, english, say

SUICIDE_FLAG = "suicide_risk"


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """The latest result of one questionnaire."""

    instrument: str
    day: date
    score: float | None
    max: int | None
    band: str
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Situation:
    now: WindowMean | None
    baseline: WindowMean | None
    baseline_label: str
    change_pct: float | None
    response: Response | None
    sleep_interference: float | None
    phq9: ScreenResult | None
    gad7: ScreenResult | None
    self_harm_flag: bool


def situation(report: ReportInput, language: str = "en") -> Situation:
    """The current situation of ``report``'s patient at the end of its period.

    Returns: a Situation (its baseline label in ``language``).
    Sources: dworkin_2008_immpact_instruments (thresholds), nervepath_outcomes_rule (windows),
    phq9_item9_followup (item 9 read on its own).
    """
    entries = report.diary_in_period()
    now = _now(entries)
    baseline, label = _baseline(report, entries, language)
    pct = reduction_pct(baseline.mean if baseline else None, now.mean if now else None)
    phq9 = latest_screen(report.questionnaires, "phq9")
    mental = (report.assessment or {}).get("mental_health", {})
    flagged = bool(phq9 and SUICIDE_FLAG in phq9.flags) or bool(mental.get("suicide_risk"))
    return Situation(
        now, baseline, label, pct, None if pct is None else classify_reduction(pct),
        sleep_mean(entries, now.last if now else None), phq9,
        latest_screen(report.questionnaires, "gad7"), flagged,
    )  # fmt: skip


def _now(entries: Sequence[DiaryEntry]) -> WindowMean | None:
    if not entries:
        return None
    return window_mean(entries, max(entry.date for entry in entries))


def _baseline(
    report: ReportInput, entries: Sequence[DiaryEntry], language: str
) -> tuple[WindowMean | None, str]:
    if report.summary.trials and report.summary.baseline and report.summary.baseline.mean is not None:
        first = report.summary.trials[0].trial
        drug = first.drug if english(language) else drug_name(first.drug, language)
        label = say(
            "7 days before {drug} (from {date})", language, drug=drug, date=day(first.start_date, language)
        )
        return report.summary.baseline, label
    days = outcome_rules().windows.window_days
    label = say("first {days} days of the period", language, days=days)
    if not entries:
        return None, label
    return window_mean(entries, report.period.start + timedelta(days=days - 1)), label


def sleep_mean(entries: Sequence[DiaryEntry], last: date | None) -> float | None:
    """Mean sleep interference (0-10) over the 7-day window ending on ``last``; None without entries."""
    if last is None:
        return None
    first = last - timedelta(days=outcome_rules().windows.window_days - 1)
    values = [
        e.sleep_interference for e in entries if first <= e.date <= last and e.sleep_interference is not None
    ]
    return sum(values) / len(values) if values else None


def latest_screen(records: Sequence[QuestionnaireRecord], instrument: str) -> ScreenResult | None:
    """The most recent result of ``instrument``: the score, band and flags recorded with it."""
    taken = [record for record in records if record.instrument_id == instrument]
    if not taken:
        return None
    record = max(taken, key=lambda r: r.taken_at)
    top = get_instrument(instrument).range.max
    return ScreenResult(instrument, record.taken_at.date(), record.score, top, record.band, record.flags)
