"""What goes with more or less pain: associations between the diary's factors and average pain.

For each factor of the diary and each lag (0 = the same day, 1 = the next day), one ordinary
least-squares regression of average pain on the factor, with the treatment period as a covariate:

    pain[d + lag] = a + b * factor[d] + sum(c_p * period_p[d + lag]) + e

- a trigger (``cold``, ``stress``, ...) enters as 1 on the days it was ticked and 0 on the other days,
  so ``b`` is the difference in mean pain between days with and days without it;
- a 0-10 scale (``sleep_interference``, ``mood``, ``activity``) or ``sitting_hours`` enters as its
  value, so ``b`` is the change in pain per point (per hour);
- the period is which trials were running on the pain day (one indicator per combination of running
  trials, none for "no trial"), so a factor that changed when a medicine started is compared within
  periods and not credited with the medicine's effect.

Diary days are not independent (a bad week is several bad days), so the standard error of ``b`` is
heteroskedasticity- and autocorrelation-consistent (HAC, Newey-West: Bartlett kernel) with
``hac_lags(n) = floor(4 * (n / 100) ** (2 / 9))`` lags (the Newey-West 1994 rule of thumb), the
small-sample factor n / (n - k), and t intervals and p-values with n - k degrees of freedom.
The p-values of every factor x lag estimated are adjusted together with Benjamini-Hochberg
(q-values); a *finding* is an estimate with q < ``FINDING_Q``.

Nothing is estimated below the minimum data: ``MIN_DAYS`` days with the factor recorded (and, for
the next-day lag, with a pain score the next day), and for a trigger ``MIN_GROUP`` days with and
``MIN_GROUP`` days without it; such a factor is listed as "not enough data yet". The statistics come
from statsmodels, imported only when an analysis runs so that the command line starts quickly.

The sentences describe an association and never a cause ("On days with cold, your pain was ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from nervepath.outcomes.diary_fields import Words, diary_fields
from nervepath.outcomes.records import DiaryEntry, TrialRecord

Kind = Literal["trigger", "scale"]

LAGS = (0, 1)
MIN_DAYS = 28  # days with the factor recorded before anything is said about it
MIN_GROUP = 7  # days with and days without a trigger
FINDING_Q = 0.10  # false discovery rate of the findings (Benjamini-Hochberg)
SCALES = ("sleep_interference", "mood", "activity", "sitting_hours")

# How a one-unit change of each scale reads in a sentence ("On days when ..., your pain was ...").
_SCALE_WORDS: dict[str, Words] = {
    "sleep_interference": Words(
        en="pain got in the way of sleep 1 point more (0-10)",
        es="el dolor le impidió dormir 1 punto más (0-10)",
    ),
    "mood": Words(
        en="your mood was 1 point higher (0-10)", es="su estado de ánimo fue 1 punto más alto (0-10)"
    ),
    "activity": Words(
        en="pain limited your activity 1 point more (0-10)",
        es="el dolor limitó su actividad 1 punto más (0-10)",
    ),
    "sitting_hours": Words(en="you sat 1 hour longer", es="estuvo sentado/a 1 hora más"),
}


@dataclass(frozen=True, slots=True)
class FactorEffect:
    """The estimated difference in average pain that goes with one factor at one lag."""

    id: str
    kind: Kind
    lag: int
    effect: float
    ci95: tuple[float, float]
    p_value: float
    q_value: float
    n_days: int
    n_with: int | None  # days with the trigger; None for a scale
    se: float
    hac_lags: int

    @property
    def finding(self) -> bool:
        """True when the false discovery rate allows reporting it (q < FINDING_Q)."""
        return self.q_value < FINDING_Q

    def sentence(self, language: str = "en") -> str:
        """The estimate in one plain sentence in ``language`` (``en`` or ``es``); never a cause."""
        return sentence(self, language)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The issue's JSON shape of one factor x lag."""
        return {
            "id": self.id,
            "kind": self.kind,
            "lag": self.lag,
            "effect": self.effect,
            "ci95": [self.ci95[0], self.ci95[1]],
            "p_value": self.p_value,
            "q_value": self.q_value,
            "n_days": self.n_days,
            "finding": self.finding,
            "sentence": self.sentence(language),
        }


@dataclass(frozen=True, slots=True)
class Insights:
    """Every estimate (findings first, then by q-value) and the factors without enough data."""

    days: int
    factors: tuple[FactorEffect, ...]
    not_enough_data: tuple[str, ...]

    @property
    def findings(self) -> tuple[FactorEffect, ...]:
        return tuple(f for f in self.factors if f.finding)

    def to_dict(self, patient: int | str, language: str = "en") -> dict[str, Any]:
        """``{"patient", "days", "factors": [...], "not_enough_data": [...]}`` (issue 20's shape)."""
        return {
            "patient": patient,
            "days": self.days,
            "factors": [f.to_dict(language) for f in self.factors],
            "not_enough_data": list(self.not_enough_data),
        }


def hac_lags(n: int) -> int:
    """Newey-West (1994) rule of thumb for the HAC lags: floor(4 * (n / 100) ** (2 / 9))."""
    return int(4 * (n / 100) ** (2 / 9))  # int() is floor for a positive number


def trigger_ids() -> tuple[str, ...]:
    """The ids of the diary's trigger vocabulary, in file order."""
    fields = diary_fields()
    return tuple(t.id for t in fields.terms(fields.field("triggers")))


def factor_ids() -> tuple[str, ...]:
    """Every factor analysed: the scales, then the triggers."""
    return SCALES + trigger_ids()


def analyse(
    diary: Sequence[DiaryEntry],
    trials: Sequence[TrialRecord] = (),
    start: date | None = None,
    end: date | None = None,
) -> Insights:
    """The associations of every factor with average pain on the diary days from ``start`` to ``end``.

    ``trials`` give the treatment periods (the covariate). Days outside ``start``-``end`` are left out,
    also as the next day of a lag-1 pair.
    """
    days = {e.date: e for e in diary if (start is None or e.date >= start) and (end is None or e.date <= end)}
    estimates: list[_Raw] = []
    short: list[str] = []
    for factor in factor_ids():
        found = [r for lag in LAGS if (r := _estimate(factor, lag, days, trials)) is not None]
        estimates.extend(found)
        if not found:
            short.append(factor)
    qs = _bh([r.p_value for r in estimates])
    effects = [r.with_q(q) for r, q in zip(estimates, qs, strict=True)]
    effects.sort(key=lambda f: (not f.finding, f.q_value, f.id, f.lag))
    return Insights(len(days), tuple(effects), tuple(short))


@dataclass(frozen=True, slots=True)
class _Raw:
    id: str
    kind: Kind
    lag: int
    effect: float
    ci95: tuple[float, float]
    p_value: float
    n_days: int
    n_with: int | None
    se: float
    hac_lags: int

    def with_q(self, q: float) -> FactorEffect:
        return FactorEffect(
            self.id,
            self.kind,
            self.lag,
            self.effect,
            self.ci95,
            self.p_value,
            q,
            self.n_days,
            self.n_with,
            self.se,
            self.hac_lags,
        )


def _value(entry: DiaryEntry, factor: str) -> float | None:
    if factor in SCALES:
        raw = getattr(entry, factor)
        return None if raw is None else float(raw)
    return 1.0 if factor in entry.triggers else 0.0


def period(day: date, trials: Sequence[TrialRecord]) -> tuple[str, ...]:
    """The treatment period of ``day``: the drugs of the trials running that day, sorted ( () for none)."""
    running = {t.drug for t in trials if t.start_date <= day and (t.stop_date is None or day <= t.stop_date)}
    return tuple(sorted(running))


def design(
    factor: str, lag: int, days: dict[date, DiaryEntry], trials: Sequence[TrialRecord]
) -> tuple[list[float], list[float], list[tuple[str, ...]]]:
    """The pairs (factor on day d, pain on day d + lag) in date order, with the period of the pain day."""
    xs: list[float] = []
    ys: list[float] = []
    periods: list[tuple[str, ...]] = []
    for day in sorted(days):
        later = days.get(day + timedelta(days=lag))
        value = _value(days[day], factor)
        if later is None or value is None:
            continue
        xs.append(value)
        ys.append(float(later.pain_average))
        periods.append(period(later.date, trials))
    return xs, ys, periods


def _estimate(
    factor: str, lag: int, days: dict[date, DiaryEntry], trials: Sequence[TrialRecord]
) -> _Raw | None:
    xs, ys, periods = design(factor, lag, days, trials)
    n = len(xs)
    kind: Kind = "scale" if factor in SCALES else "trigger"
    n_with = int(sum(xs)) if kind == "trigger" else None
    if n < MIN_DAYS:
        return None
    if n_with is not None and (n_with < MIN_GROUP or n - n_with < MIN_GROUP):
        return None
    if len(set(xs)) < 2:
        return None
    import numpy as np
    from statsmodels.regression.linear_model import OLS  # type: ignore[import-untyped]

    kinds = sorted(set(periods))[1:]  # the first period (in sort order) is the reference
    columns = [np.ones(n), np.asarray(xs)]
    columns += [np.asarray([1.0 if p == k else 0.0 for p in periods]) for k in kinds]
    exog = np.column_stack(columns)
    if np.linalg.matrix_rank(exog) < exog.shape[1]:
        return None  # the factor is fixed within every period: nothing to compare
    lags = hac_lags(n)
    # A period resting on a day or two can leave its own variance a rounding error below zero; only the
    # factor's (column 1) is read, and a factor without a finite positive one is not estimated.
    with np.errstate(invalid="ignore"):
        fit = OLS(np.asarray(ys), exog).fit(
            cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True
        )
        se = float(fit.bse[1])
        if not np.isfinite(se) or se <= 0:
            return None
        low, high = (float(v) for v in fit.conf_int(alpha=0.05)[1])
    return _Raw(
        factor,
        kind,
        lag,
        float(fit.params[1]),
        (low, high),
        float(fit.pvalues[1]),
        n,
        n_with,
        se,
        lags,
    )


def _bh(p_values: list[float]) -> list[float]:
    if not p_values:
        return []
    from statsmodels.stats.multitest import multipletests  # type: ignore[import-untyped]

    return [float(q) for q in multipletests(p_values, alpha=FINDING_Q, method="fdr_bh")[1]]


# --- sentences -------------------------------------------------------------------------------------


def _label(factor: str, language: str) -> str:
    fields = diary_fields()
    for term in fields.terms(fields.field("triggers")):
        if term.id == factor:
            return term.label.in_language(language).lower()
    return factor


def _number(value: float, spanish: bool) -> str:
    text = f"{value:.1f}"
    if text == "-0.0":
        text = "0.0"
    return text.replace(".", ",") if spanish else text


def _interval(low: float, high: float, spanish: bool) -> str:
    a, b = _number(low, spanish), _number(high, spanish)
    if a.startswith("-") or b.startswith("-"):
        return f"{a} {'a' if spanish else 'to'} {b}"
    return f"{a}-{b}"


def sentence(effect: FactorEffect, language: str = "en") -> str:
    """One sentence in English or Spanish (``es``), e.g. "On days with cold, your pain was 2.1 points
    higher on average (95 % CI 1.6-2.6; 52 of 150 days)." An association, never a cause."""
    spanish = language.split("-")[0].lower() == "es"
    # The interval is said in the direction of the estimate: "0.4 points lower (95 % CI 0.2-0.6)".
    sign = 1.0 if effect.effect >= 0 else -1.0
    size = _number(abs(effect.effect), spanish)
    if size in ("0.0", "0,0"):  # no direction to speak of: say the interval as it is
        sign = 1.0
    low, high = sorted((sign * effect.ci95[0], sign * effect.ci95[1]))
    interval = _interval(low, high, spanish)
    if spanish:
        direction = "más alto" if sign > 0 else "más bajo"
        points = "punto" if size == "1,0" else "puntos"
        change = f"{size} {points} {direction}" if size != "0,0" else "casi igual"
        days = (
            f"{effect.n_with} de {effect.n_days} días"
            if effect.n_with is not None
            else f"{effect.n_days} días"
        )
        tail = f"su dolor fue {change} de media (IC 95 % {interval}; {days})."
        if effect.kind == "trigger":
            when = f"En los días con {_label(effect.id, 'es')}"
            if effect.lag:
                when = f"El día después de un día con {_label(effect.id, 'es')}"
        else:
            words = _SCALE_WORDS[effect.id].es
            when = (
                f"En los días en que {words}"
                if not effect.lag
                else f"El día después de un día en que {words}"
            )
        return f"{when}, {tail}"
    direction = "higher" if sign > 0 else "lower"
    points = "point" if size == "1.0" else "points"
    change = f"{size} {points} {direction}" if size != "0.0" else "about the same"
    days = (
        f"{effect.n_with} of {effect.n_days} days" if effect.n_with is not None else f"{effect.n_days} days"
    )
    tail = f"your pain was {change} on average (95 % CI {interval}; {days})."
    if effect.kind == "trigger":
        label = _label(effect.id, "en")
        when = f"On days with {label}" if not effect.lag else f"On the day after a day with {label}"
    else:
        words = _SCALE_WORDS[effect.id].en
        when = f"On days when {words}" if not effect.lag else f"On the day after a day when {words}"
    return f"{when}, {tail}"
