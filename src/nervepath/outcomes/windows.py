"""Means of average pain over windows of days: the pre-trial baseline and rolling 7-day averages.

A window's mean is the arithmetic mean of ``pain_average`` over the days *with an entry* in it;
missing days are counted (``days_with_entries``) and never filled in. With fewer entries than
``min_days_with_entries`` (a project rule, ``data/outcomes/rules.yaml``) the mean is ``None``.

Example: entries 6, 7, 8, 7 on four of the seven days before a trial start give a baseline of
7.0 with coverage 4/7.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from nervepath.outcomes.records import DiaryEntry
from nervepath.outcomes.rules import outcome_rules


@dataclass(frozen=True, slots=True)
class WindowMean:
    """Mean average pain over ``first``..``last`` (inclusive), with its coverage."""

    first: date
    last: date
    mean: float | None
    days_with_entries: int
    days_in_window: int


def window_mean(diary: Iterable[DiaryEntry], last: date, days: int | None = None) -> WindowMean:
    """Mean of ``pain_average`` over the ``days`` days ending on ``last``.

    Takes: diary entries (any order), the last day of the window, the window length (default from
    the rules). Returns: a WindowMean; ``mean`` is None below the minimum coverage.
    Source: nervepath_outcomes_rule (coverage).
    """
    length = days or outcome_rules().windows.window_days
    first = last - timedelta(days=length - 1)
    return _summarise([e.pain_average for e in diary if first <= e.date <= last], first, last, length)


def _summarise(scores: list[int], first: date, last: date, length: int) -> WindowMean:
    enough = len(scores) >= min(outcome_rules().windows.min_days_with_entries, length)
    mean = sum(scores) / len(scores) if scores and enough else None
    return WindowMean(first, last, mean, len(scores), length)


def baseline_before(diary: Iterable[DiaryEntry], start: date) -> WindowMean:
    """The pre-trial baseline: the window that ends the day before ``start``."""
    return window_mean(diary, start - timedelta(days=1))


def rolling_means(diary: Sequence[DiaryEntry], days: int | None = None) -> list[WindowMean]:
    """One window mean ending on every calendar day from the first to the last entry."""
    if not diary:
        return []
    length = days or outcome_rules().windows.window_days
    by_date = {e.date: e.pain_average for e in diary}
    start, end = min(by_date), max(by_date)
    means = []
    for offset in range((end - start).days + 1):
        last = start + timedelta(days=offset)
        window = [last - timedelta(days=back) for back in range(length)]
        scores = [by_date[day] for day in window if day in by_date]
        means.append(_summarise(scores, window[-1], last, length))
    return means
