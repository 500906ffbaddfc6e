"""Insights from the diary (issue 20): planted effects are found, null factors are not, too little data
says so, and the estimate and its HAC standard error match an independent calculation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from nervepath.outcomes.insights import (
    FINDING_Q,
    MIN_DAYS,
    MIN_GROUP,
    FactorEffect,
    analyse,
    design,
    factor_ids,
    hac_lags,
    sentence,
    trigger_ids,
)
from nervepath.outcomes.records import DiaryEntry, DoseChange, TrialRecord

START = date(2026, 1, 1)

# Planted: cold the same day +2, stress the next day +1.5, mood -0.3 per point the same day.
PLANTED = {("cold", 0): 2.0, ("stress", 1): 1.5, ("mood", 0): -0.3}
NULL = ("heat", "touch", "walking", "sitting", "sleep_interference", "sitting_hours")


def synthetic(days: int = 365, seed: int = 10, planted: bool = True) -> list[DiaryEntry]:
    """A diary with AR(1) noise (diary days are autocorrelated) and the PLANTED effects."""
    rng = np.random.default_rng(seed)
    noise, entries, stress_before = 0.0, [], False
    others = ("heat", "touch", "walking", "sitting")
    for i in range(days):
        cold, stress = bool(rng.random() < 0.35), bool(rng.random() < 0.3)
        mood, sleep, sitting = int(rng.integers(0, 11)), int(rng.integers(0, 11)), float(rng.integers(0, 13))
        noise = 0.5 * noise + rng.normal(0, 0.7)
        pain = 5.0 + noise
        if planted:
            pain += 2.0 * cold + 1.5 * stress_before - 0.3 * (mood - 5)
        triggers = tuple(t for t in others if rng.random() < 0.3)
        triggers += ("cold",) * cold + ("stress",) * stress
        entries.append(
            DiaryEntry(
                date=START + timedelta(days=i),
                pain_average=int(min(10, max(0, round(pain)))),
                mood=mood,
                sleep_interference=sleep,
                sitting_hours=sitting,
                triggers=triggers,
            )
        )
        stress_before = stress
    return entries


@pytest.fixture(scope="module")
def year() -> dict[tuple[str, int], FactorEffect]:
    return {(f.id, f.lag): f for f in analyse(synthetic()).factors}


@pytest.mark.parametrize(("key", "planted"), sorted(PLANTED.items()))
def test_a_planted_effect_is_a_finding_with_an_interval_that_covers_it(
    year: dict[tuple[str, int], FactorEffect], key: tuple[str, int], planted: float
) -> None:
    found = year[key]
    assert found.finding
    assert found.q_value < FINDING_Q
    assert found.ci95[0] <= planted <= found.ci95[1]


@pytest.mark.parametrize("factor", NULL)
@pytest.mark.parametrize("lag", [0, 1])
def test_a_factor_without_an_effect_is_not_a_finding(
    year: dict[tuple[str, int], FactorEffect], factor: str, lag: int
) -> None:
    assert not year[(factor, lag)].finding


def test_every_factor_is_either_estimated_or_listed_as_not_enough_data() -> None:
    result = analyse(synthetic())
    estimated = {f.id for f in result.factors}
    assert estimated | set(result.not_enough_data) == set(factor_ids())
    assert "activity" in result.not_enough_data  # never entered in this diary
    assert "night" in result.not_enough_data
    assert "poor_sleep" in result.not_enough_data


def test_findings_come_first() -> None:
    factors = analyse(synthetic()).factors
    flags = [f.finding for f in factors]
    assert flags == sorted(flags, reverse=True)


def test_fewer_than_the_minimum_days_says_not_enough_data() -> None:
    result = analyse(synthetic(days=MIN_DAYS - 1))
    assert result.factors == ()
    assert set(result.not_enough_data) == set(factor_ids())


def test_the_minimum_days_is_enough_for_a_scale() -> None:
    result = analyse(synthetic(days=MIN_DAYS))
    assert ("mood", 0) in {(f.id, f.lag) for f in result.factors}
    assert ("mood", 1) not in {(f.id, f.lag) for f in result.factors}  # 27 next-day pairs


@pytest.mark.parametrize(("with_days", "enough"), [(MIN_GROUP - 1, False), (MIN_GROUP, True)])
def test_a_trigger_needs_the_minimum_days_in_each_group(with_days: int, enough: bool) -> None:
    rng = np.random.default_rng(3)
    diary = [
        DiaryEntry(
            START + timedelta(days=i), int(rng.integers(3, 7)), triggers=("cold",) if i < with_days else ()
        )
        for i in range(60)
    ]
    result = analyse(diary)
    assert (("cold", 0) in {(f.id, f.lag) for f in result.factors}) is enough
    assert ("cold" in result.not_enough_data) is (not enough)


def test_the_dates_limit_the_days_analysed() -> None:
    diary = synthetic()
    result = analyse(diary, start=START + timedelta(days=10), end=START + timedelta(days=49))
    assert result.days == 40


def test_the_lag_pairs_a_day_with_the_next_calendar_day_only() -> None:
    diary = [DiaryEntry(START, 5, mood=1), DiaryEntry(START + timedelta(days=1), 6, mood=2)]
    diary.append(DiaryEntry(START + timedelta(days=3), 7, mood=3))  # day 2 missing: day 1 has no next day
    xs, ys, _ = design("mood", 1, {e.date: e for e in diary}, ())
    assert (xs, ys) == ([1.0], [6.0])


def _trial_confounded(days: int = 120) -> tuple[list[DiaryEntry], TrialRecord]:
    """Sitting hours rose when pregabalin started and pain fell; within each period they are unrelated."""
    rng = np.random.default_rng(11)
    switch = START + timedelta(days=days // 2)
    diary = []
    for i in range(days):
        day = START + timedelta(days=i)
        on = day >= switch
        sitting = float(rng.integers(6, 11) if on else rng.integers(0, 5))
        pain = round((3.0 if on else 7.0) + rng.normal(0, 0.7))
        diary.append(DiaryEntry(day, pain, sitting_hours=sitting))
    return diary, TrialRecord("pregabalin", switch, (DoseChange(switch, 150),))


def test_the_treatment_period_is_a_covariate() -> None:
    diary, trial = _trial_confounded()
    naive = {(f.id, f.lag): f for f in analyse(diary).factors}[("sitting_hours", 0)]
    adjusted = {(f.id, f.lag): f for f in analyse(diary, [trial]).factors}[("sitting_hours", 0)]
    assert naive.finding
    assert naive.effect < -0.5
    assert not adjusted.finding
    assert adjusted.ci95[0] <= 0 <= adjusted.ci95[1]


# --- against an independent calculation --------------------------------------------------------------


def _hand_hac(x: np.ndarray, y: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray]:
    """OLS by numpy least squares and the Newey-West (Bartlett) covariance with n / (n - k), by hand."""
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    u = y - x @ beta
    n, k = x.shape
    scores = x * u[:, None]
    meat = scores.T @ scores
    for lag in range(1, lags + 1):
        weight = 1 - lag / (lags + 1)
        gamma = scores[lag:].T @ scores[:-lag]
        meat += weight * (gamma + gamma.T)
    bread = np.linalg.inv(x.T @ x)
    return beta, bread @ meat @ bread * n / (n - k)


@pytest.mark.parametrize(("factor", "lag"), [("cold", 0), ("mood", 0), ("stress", 1)])
def test_the_estimate_and_its_hac_standard_error_match_a_hand_computation(factor: str, lag: int) -> None:
    diary = synthetic(days=60, seed=5)
    trial = TrialRecord(
        "duloxetine", START + timedelta(days=30), (DoseChange(START + timedelta(days=30), 60),)
    )
    xs, ys, periods = design(factor, lag, {e.date: e for e in diary}, [trial])
    x = np.column_stack([np.ones(len(xs)), xs, [1.0 if p else 0.0 for p in periods]])
    beta, cov = _hand_hac(x, np.asarray(ys), hac_lags(len(xs)))
    found = {(f.id, f.lag): f for f in analyse(diary, [trial]).factors}[(factor, lag)]
    assert found.effect == pytest.approx(beta[1], abs=1e-9)
    assert found.se == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-9)
    assert found.n_days == len(xs)


def test_a_trigger_effect_without_periods_is_the_difference_in_mean_pain() -> None:
    diary = synthetic(days=80, seed=2)
    xs, ys, _ = design("cold", 0, {e.date: e for e in diary}, ())
    pain = np.asarray(ys)
    flag = np.asarray(xs) == 1
    found = {(f.id, f.lag): f for f in analyse(diary).factors}[("cold", 0)]
    assert found.effect == pytest.approx(pain[flag].mean() - pain[~flag].mean())
    assert found.n_with == int(flag.sum())


def test_q_values_are_benjamini_hochberg_over_every_factor_and_lag() -> None:
    factors = analyse(synthetic(days=120, seed=9)).factors
    p = np.asarray([f.p_value for f in factors])
    order = np.argsort(p)
    m = len(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1)
    q = np.empty(m)
    q[order] = q_sorted
    assert [f.q_value for f in factors] == pytest.approx(list(q))


@pytest.mark.parametrize(("n", "lags"), [(28, 3), (100, 4), (365, 5)])
def test_the_hac_lag_rule(n: int, lags: int) -> None:
    assert hac_lags(n) == lags


# --- sentences ---------------------------------------------------------------------------------------

_COLD = FactorEffect("cold", "trigger", 0, 2.1, (1.6, 2.6), 0.001, 0.002, 150, 52, 0.25, 4)


@pytest.mark.parametrize(
    ("effect", "language", "expected"),
    [
        (
            _COLD,
            "en",
            "On days with cold, your pain was 2.1 points higher on average "
            "(95 % CI 1.6-2.6; 52 of 150 days).",
        ),
        (
            _COLD,
            "es",
            "En los días con frío, su dolor fue 2,1 puntos más alto de media "
            "(IC 95 % 1,6-2,6; 52 de 150 días).",
        ),
        (
            replace(_COLD, id="stress", lag=1, effect=-0.4, ci95=(-0.9, 0.1)),
            "en",
            "On the day after a day with stress, your pain was 0.4 points lower on average "
            "(95 % CI -0.1 to 0.9; 52 of 150 days).",
        ),
        (
            replace(_COLD, id="mood", kind="scale", effect=-0.3, ci95=(-0.5, -0.1), n_with=None),
            "en",
            "On days when your mood was 1 point higher (0-10), your pain was 0.3 points lower on average "
            "(95 % CI 0.1-0.5; 150 days).",
        ),
        (
            replace(_COLD, id="sitting_hours", kind="scale", effect=0.02, ci95=(-0.1, 0.14), n_with=None),
            "en",
            "On days when you sat 1 hour longer, your pain was about the same on average "
            "(95 % CI -0.1 to 0.1; 150 days).",
        ),
        (
            replace(_COLD, id="sitting_hours", kind="scale", lag=1, effect=1.0, ci95=(0.5, 1.5), n_with=None),
            "es",
            "El día después de un día en que estuvo sentado/a 1 hora más, su dolor fue 1,0 punto más alto "
            "de media (IC 95 % 0,5-1,5; 150 días).",
        ),
    ],
)
def test_the_sentence(effect: FactorEffect, language: str, expected: str) -> None:
    assert sentence(effect, language) == expected


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_sentence_claims_a_cause(language: str) -> None:
    words = ("cause", "because", "makes", "due to", "causa", "porque", "provoca", "debido")
    for found in analyse(synthetic()).factors:
        text = found.sentence(language).lower()
        assert not any(w in text for w in words), text


def test_the_json_shape() -> None:
    data = analyse(synthetic(days=90)).to_dict(patient=4)
    assert set(data) == {"patient", "days", "factors", "not_enough_data"}
    assert data["patient"] == 4
    assert data["days"] == 90
    keys = {"id", "kind", "lag", "effect", "ci95", "p_value", "q_value", "n_days", "finding", "sentence"}
    for item in data["factors"]:
        assert set(item) == keys
        assert item["kind"] in ("trigger", "scale")
        assert item["lag"] in (0, 1)
        assert item["id"] in trigger_ids() or item["kind"] == "scale"
