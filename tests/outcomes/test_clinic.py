"""Clinic responder rates and the Wilson score interval, against published figures and an
independent computation (the closed form of Newcombe 1998, method 3, and score-test inversion)."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nervepath.errors import InvalidInput
from nervepath.outcomes.clinic import responder_rates, wilson_interval
from nervepath.outcomes.response import Response
from nervepath.sources import all_sources

# Newcombe 1998, Table I: examples (a)-(d), 95 % Wilson score interval (method 3).
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


def closed_form(x: int, n: int, level: float) -> tuple[float, float]:
    """Newcombe's arrangement: (2np + z^2 -/+ z sqrt(z^2 + 4npq)) / (2(n + z^2))."""
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    p = x / n
    root = z * math.sqrt(z * z + 4 * n * p * (1 - p))
    return (2 * n * p + z * z - root) / (2 * (n + z * z)), (2 * n * p + z * z + root) / (2 * (n + z * z))


def test_it_cites_registered_sources() -> None:
    assert {"wilson_1927_interval", "newcombe_1998_intervals", "dworkin_2008_immpact_instruments"} <= set(
        all_sources()
    )


@pytest.mark.parametrize(("x", "n", "low", "high"), NEWCOMBE)
def test_it_reproduces_newcombes_worked_examples(x: int, n: int, low: float, high: float) -> None:
    result = wilson_interval(x, n)
    assert (round(result.low, 4), round(result.high, 4)) == (low, high)


@given(
    st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_it_agrees_with_the_closed_form_and_inverts_the_score_test(
    pair: tuple[int, int], level: float
) -> None:
    x, n = pair
    result = wilson_interval(x, n, level)
    low, high = closed_form(x, n, level)
    assert result.low == pytest.approx(max(0.0, low), abs=1e-12)
    assert result.high == pytest.approx(min(1.0, high), abs=1e-12)
    assert result.low <= x / n <= result.high
    z = NormalDist().inv_cdf(0.5 + level / 2)
    for bound in (b for b in (result.low, result.high) if 0 < b < 1):
        # At a bound the score statistic |p_hat - p| / sqrt(p(1-p)/n) equals z exactly.
        assert abs(x / n - bound) / math.sqrt(bound * (1 - bound) / n) == pytest.approx(z, rel=1e-6)


@pytest.mark.parametrize(
    ("x", "n", "level", "field"),
    [(1, 0, 0.95, "total"), (5, 4, 0.95, "successes"), (-1, 4, 0.95, "successes"), (1, 4, 1.0, "confidence")],
)
def test_it_names_the_bad_argument(x: int, n: int, level: float, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        wilson_interval(x, n, level)
    assert error.value.field == field


def test_it_counts_only_judged_trials_per_group() -> None:
    outcomes = [
        ("snri", Response.moderate),
        ("snri", Response.substantial),
        ("snri", Response.none),
        ("snri", Response.too_early),
        ("tca", Response.none),
        ("opioid", Response.insufficient_data),
    ]
    rates = responder_rates(outcomes)
    assert set(rates) == {"snri", "tca"}
    assert (rates["snri"].successes, rates["snri"].total) == (2, 3)
    assert rates["snri"].rate == pytest.approx(2 / 3)
    assert (rates["tca"].successes, rates["tca"].total, rates["tca"].low) == (0, 1, 0.0)
