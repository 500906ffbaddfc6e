"""Direction of average pain over a period: an ordinary least-squares line through the diary days.

With x = days since the first entry and y = pain_average on the days with an entry (missing days
are left out, never interpolated):

    slope = sum((x - mean_x) * (y - mean_y)) / sum((x - mean_x) ** 2),  intercept = mean_y - slope * mean_x

The fitted change over the period, slope x span, as a share of the fitted starting level
(the intercept), decides the direction: a fall of at least 10 % (the lower end of IMMPACT's
minimally important change, Dworkin 2008) is ``improving``, a rise of at least 10 % ``worsening``,
anything smaller ``stable``. Coverage (days with entries / days in the period) is reported.

Example: entries 8, 7, 6, 5 on four consecutive days: slope -1.0/day, intercept 8.0, change -3.0
(-37.5 %) - improving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from nervepath.outcomes.records import DiaryEntry
from nervepath.outcomes.rules import outcome_rules


class Direction(StrEnum):
    improving = "improving"
    stable = "stable"
    worsening = "worsening"


@dataclass(frozen=True, slots=True)
class Trend:
    slope_per_day: float
    intercept: float
    change_pct: float | None
    direction: Direction
    days_with_entries: int
    days_in_period: int

    @property
    def coverage(self) -> float:
        """Share of the period's days that have an entry (0-1)."""
        return self.days_with_entries / self.days_in_period


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Slope and intercept of the ordinary least-squares line; raises ValueError if all x are equal."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("least squares needs at least two different x values")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, mean_y - slope * mean_x


def pain_trend(diary: Sequence[DiaryEntry]) -> Trend | None:
    """The trend of average pain over the whole diary; None with fewer than two days.

    Source: dworkin_2008_immpact_instruments (minimal change), nervepath_outcomes_rule (applied both ways).
    """
    if len({e.date for e in diary}) < 2:
        return None
    first = min(e.date for e in diary)
    xs = [float((e.date - first).days) for e in diary]
    slope, intercept = least_squares(xs, [float(e.pain_average) for e in diary])
    span = max(xs)
    change = slope * span / intercept * 100 if intercept > 0 else None
    return Trend(slope, intercept, change, _direction(change), len(diary), int(span) + 1)


def _direction(change_pct: float | None) -> Direction:
    limit = outcome_rules().trend.minimal_change_pct
    if change_pct is None or abs(change_pct) < limit:
        return Direction.stable
    return Direction.improving if change_pct < 0 else Direction.worsening
