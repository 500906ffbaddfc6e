"""Outcome arithmetic against hand-worked examples and an independent computation (stdlib statistics)."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nervepath.outcomes import (
    Direction,
    Response,
    baseline_before,
    classify_reduction,
    least_squares,
    pain_trend,
    reduction_pct,
    rolling_means,
    window_mean,
)
from nervepath.outcomes.records import DiaryEntry
from nervepath.outcomes.rules import outcome_rules
from nervepath.sources import all_sources

START = date(2026, 3, 1)


def days(*scores: int | None, first: date = START) -> list[DiaryEntry]:
    return [
        DiaryEntry(first + timedelta(days=i), score) for i, score in enumerate(scores) if score is not None
    ]


def test_it_cites_only_registered_sources() -> None:
    assert outcome_rules().source_ids() <= set(all_sources())


def test_it_takes_the_baseline_from_the_seven_days_before_the_start() -> None:
    diary = days(9, 6, None, 7, None, 8, None, 7, 1, first=START - timedelta(days=8))
    base = baseline_before(diary, START)
    assert (base.mean, base.days_with_entries, base.days_in_window) == (7.0, 4, 7)
    assert base.first == START - timedelta(days=7)


def test_it_gives_no_mean_below_four_days_and_never_fills_gaps() -> None:
    base = baseline_before(days(7, None, None, 8, None, None, 6, first=START - timedelta(days=7)), START)
    assert base.mean is None
    assert base.days_with_entries == 3


def test_it_rolls_seven_day_means_over_every_calendar_day() -> None:
    diary = days(*range(10))
    means = rolling_means(diary)
    assert len(means) == 10
    assert means[3].mean == pytest.approx(1.5)
    assert means[9].mean == pytest.approx(statistics.fmean(range(3, 10)))
    assert means[2].mean is None


def test_it_computes_the_worked_example_of_the_brief() -> None:
    pct = reduction_pct(7.1, 4.6)
    assert pct == pytest.approx(35.21, abs=0.01)
    assert classify_reduction(pct) is Response.moderate


@pytest.mark.parametrize(
    ("pct", "expected"),
    [
        (29.99, Response.none),
        (30, Response.moderate),
        (49.9, Response.moderate),
        (50, Response.substantial),
        (-20, Response.none),
    ],
)
def test_it_classifies_reductions_by_the_immpact_thresholds(pct: float, expected: Response) -> None:
    assert classify_reduction(pct) is expected


def test_it_has_no_reduction_from_a_zero_or_missing_baseline() -> None:
    assert reduction_pct(0, 3) is None
    assert reduction_pct(None, 3) is None


def test_it_fits_the_documented_trend_example() -> None:
    trend = pain_trend(days(8, 7, 6, 5))
    assert trend is not None
    assert (trend.slope_per_day, trend.intercept) == pytest.approx((-1.0, 8.0))
    assert trend.change_pct == pytest.approx(-37.5)
    assert trend.direction is Direction.improving


def test_it_reports_coverage_and_calls_small_changes_stable() -> None:
    trend = pain_trend(days(6, None, 5, None, 6, 6))
    assert trend is not None
    assert trend.direction is Direction.stable
    assert (trend.days_with_entries, trend.days_in_period) == (4, 6)


def test_it_needs_two_days_for_a_trend() -> None:
    assert pain_trend(days(5)) is None


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 10)), min_size=2, max_size=60, unique_by=lambda t: t[0]
    )
)
def test_it_matches_statistics_linear_regression(points: list[tuple[int, int]]) -> None:
    xs = [float(x) for x, _ in points]
    ys = [float(y) for _, y in points]
    if len(set(xs)) < 2:
        return
    expected = statistics.linear_regression(xs, ys)
    slope, intercept = least_squares(xs, ys)
    assert slope == pytest.approx(expected.slope, abs=1e-9)
    assert intercept == pytest.approx(expected.intercept, abs=1e-7)


@given(st.lists(st.integers(0, 10), min_size=7, max_size=7))
def test_it_matches_fmean_on_a_full_window(scores: list[int]) -> None:
    window = window_mean(days(*scores), START + timedelta(days=6))
    assert window.mean == pytest.approx(statistics.fmean(scores))
