"""The chart of one patient's diary: ORM rows mapped to the chart's data and to the one renderer.

A page gets a :class:`PatientChart`. The browser draws it from :meth:`PatientChart.data` (the page's
``json_script`` block, read by ``static/nervepath/chart.js`` with uPlot): every diary day, the
series, the treatments and the baseline, with the words in the page's language. Without JavaScript
the page shows, inside ``<noscript>``, an image from the chart's own address (``PatientChart.fallback``,
``?period=``): :func:`svg_response`, the server-drawn chart of one period, so that a browser that runs
JavaScript never makes the server draw it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.windows import baseline_before, rolling_means
from nervepath.reports.charts import PainPoint, TreatmentBand, pain_chart
from nervepath.reports.labels import drug_unit
from nervepath.reports.words import dose_rate
from nervepath.web.pages.data_words import drug_name
from nervepath.web.records.models import Patient

# The period control: its ids (the ``?period=`` values) and their length in days (None: everything).
PERIODS: dict[str, int | None] = {"4w": 28, "3m": 91, "1y": 365, "all": None}
SERIES = ("pain_average", "pain_worst", "sleep_interference", "mood", "activity")
# The fallback SVG is drawn for a phone first: 4 inches wide at 10.5 pt is >= 11 px text at 360 px
# (the image is about 313 px wide there: 10.5 pt x 313 / 288 pt = 11.4 px).
WEB_SIZE = (4.0, 2.8)
WEB_FONT = 10.5


def _band(trial: TrialRecord) -> TreatmentBand:
    steps = tuple((d.date, d.daily_mg) for d in trial.doses)
    rate = dose_rate(drug_unit(trial.drug), get_language())
    return TreatmentBand(drug_name(trial.drug), trial.start_date, trial.stop_date, steps, rate)


def period_labels() -> dict[str, str]:
    return {"4w": _("4 weeks"), "3m": _("3 months"), "1y": _("1 year"), "all": _("All")}


@dataclass(frozen=True)
class ChartDay:
    """One diary day's values (0-10; None where the day has no value)."""

    day: date
    values: tuple[int | None, ...]


@dataclass(frozen=True)
class PatientChart:
    """A patient's diary, treatments and baseline, ready to be drawn for any period."""

    days: tuple[ChartDay, ...]
    trials: tuple[TrialRecord, ...]
    last: date
    default: str
    label: str
    fallback: str = ""  # the address of the server-drawn SVG (without ``?period=``)

    def first_day(self, period: str) -> date:
        """The first day shown for ``period`` (an id of PERIODS): ``last`` minus its length, or
        the earliest diary day or treatment start for "all"."""
        length = PERIODS[period]
        if length is not None:
            return self.last - timedelta(days=length - 1)
        starts = [d.day for d in self.days[:1]] + [t.start_date for t in self.trials]
        window = self.baseline()
        if window is not None:
            starts.append(window[0])
        return min([*starts, self.last - timedelta(days=27)])

    def baseline(self) -> tuple[date, date, float | None] | None:
        """The window before the first treatment (first and last day) and its mean average pain."""
        return self._baseline

    @cached_property
    def _baseline(self) -> tuple[date, date, float | None] | None:
        if not self.trials:
            return None
        window = baseline_before(self._diary, min(t.start_date for t in self.trials))
        return window.first, window.last, window.mean

    @cached_property
    def _rolling(self) -> dict[date, float | None]:
        """The 7-day mean ending on each day (computed once for the SVG and the data)."""
        return {w.last: w.mean for w in rolling_means(self._diary)}

    def choose(self, asked: str | None) -> str:
        """The period to show: the one asked for when it is known, else the default."""
        return asked if asked in PERIODS else self.default

    def svg(self, period: str) -> SafeString:
        """Inline SVG of ``period``: average/worst pain, 7-day mean, treatments and baseline."""
        start = self.first_day(period)
        points = [PainPoint(d.day, d.values[0] or 0, d.values[1]) for d in self.days if d.day >= start]
        rolling = [(day, mean) for day, mean in self._rolling.items() if day >= start and mean is not None]
        window = self.baseline()
        drawn = pain_chart(
            points,
            [_band(t) for t in self.trials],
            start=start,
            end=self.last,
            rolling=rolling,
            legend=False,  # the caption explains each line, and a screen reader can read it
            size=WEB_SIZE,
            font_size=WEB_FONT,
            baseline=window[:2] if window else None,
            words=_svg_words(),
        ).decode()
        named = escape(f"{self.label}. {self.range_text(period)}")
        svg = drawn[drawn.index("<svg") :].replace("<svg ", f'<svg role="img" aria-label="{named}" ', 1)
        return mark_safe(svg)  # noqa: S308 - SVG comes from our own renderer; the label is escaped

    def fallback_url(self, period: str) -> str:
        """The address of the server-drawn SVG of ``period``."""
        return f"{self.fallback}?period={period}"

    def alt_text(self, period: str) -> str:
        """What the server-drawn SVG of ``period`` shows, in words, for its ``alt``: the label, the
        days and each treatment with its doses."""
        start = self.first_day(period)
        shown = [t for t in self.trials if t.stop_date is None or t.stop_date >= start]
        treatments = [_band(t).text() for t in sorted(shown, key=lambda t: t.start_date)]
        parts = (self.label, self.range_text(period), "; ".join(treatments))
        return " ".join(f"{part}." for part in parts if part)

    def range_text(self, period: str) -> str:
        """The days ``period`` shows, in words ("From 3 September 2026 to 1 December 2026")."""
        first, last = (date_format(day, "DATE_FORMAT") for day in (self.first_day(period), self.last))
        return _("From %(first)s to %(last)s") % {"first": first, "last": last}

    def data(self) -> dict[str, Any]:
        """What chart.js draws: every day from the first shown by "all" to ``last`` (a gap is None),
        each series, the treatments, the baseline and the words, all times in UTC seconds."""
        first = self.first_day("all")
        count = (self.last - first).days + 1
        index = {d.day: d for d in self.days}
        columns: list[list[float | None]] = [[] for _name in SERIES]
        for offset in range(count):
            found = index.get(first + timedelta(days=offset))
            for column, value in zip(columns, found.values if found else (None,) * len(SERIES), strict=True):
                column.append(value)
        rolling = [_rounded(self._rolling.get(first + timedelta(days=o))) for o in range(count)]
        return {
            "lang": get_language(),
            "days": [_seconds(first + timedelta(days=o)) for o in range(count)],
            "series": dict(zip(SERIES, columns, strict=True)) | {"rolling": rolling},
            "trials": [_trial_data(t) for t in sorted(self.trials, key=lambda t: t.start_date)],
            "baseline": _baseline_data(self.baseline()),
            "periods": [
                {"id": key, "days": days, "label": period_labels()[key]} for key, days in PERIODS.items()
            ],
            "period": self.default,
            "label": self.label,
            "words": _words(),
        }

    @cached_property
    def _diary(self) -> list[DiaryEntry]:
        return [DiaryEntry(date=d.day, pain_average=d.values[0] or 0) for d in self.days]


def patient_chart(
    patient: Patient,
    last: date,
    days: int,
    label: str,
    trials: Sequence[TrialRecord],
    fallback: str = "",
) -> PatientChart:
    """The chart of ``patient``'s whole diary up to ``last`` and of ``trials`` (the page reads them
    once for the chart and its other panels). Its default period is the shortest that covers
    ``days`` days and the latest treatment's start with the baseline before it; ``fallback`` is the
    address of its server-drawn SVG."""
    rows = patient.diary_days.filter(date__lte=last).order_by("date").values_list("date", *SERIES)
    chart_days = tuple(ChartDay(row[0], tuple(row[1:])) for row in rows)
    chart = PatientChart(chart_days, tuple(trials), last, "all", label, fallback)
    return replace(chart, default=default_period(chart, days))


def svg_response(request: HttpRequest, chart: PatientChart) -> HttpResponse:
    """The server-drawn SVG of the period in ``?period=`` (an unknown one: the default), as an image
    of its own: what a browser without JavaScript shows in the page's ``<noscript>``."""
    period = chart.choose(request.GET.get("period"))
    svg = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + chart.svg(period)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def default_period(chart: PatientChart, days: int) -> str:
    """The shortest period of at least ``days`` days that shows the latest treatment's baseline."""
    needed = chart.last - timedelta(days=days - 1)
    if chart.trials:
        latest = max(t.start_date for t in chart.trials)
        needed = min(needed, baseline_before((), latest).first)
    for period, length in PERIODS.items():
        if length is not None and chart.first_day(period) <= needed:
            return period
    return "all"


def _seconds(day: date) -> int:
    return int(datetime.combine(day, time(), tzinfo=UTC).timestamp())


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _trial_data(trial: TrialRecord) -> dict[str, Any]:
    band = _band(trial)
    return {
        "name": band.label,
        "text": band.text(),
        "start": _seconds(trial.start_date),
        "end": _seconds(trial.stop_date) if trial.stop_date else None,
        "doses": [[_seconds(d.date), d.daily_mg] for d in trial.doses],
        "unit": band.unit,
    }


def _baseline_data(window: tuple[date, date, float | None] | None) -> dict[str, Any] | None:
    if window is None:
        return None
    first, last, mean = window
    return {"start": _seconds(first), "end": _seconds(last), "mean": _rounded(mean)}


def _words() -> dict[str, str]:
    return {
        "pain_average": _("Average pain"),
        "pain_worst": _("Worst pain"),
        "rolling": _("7-day average"),
        "sleep_interference": _("Sleep interference"),
        "mood": _("Mood"),
        "activity": _("Activity limited"),
        "baseline": _("Baseline"),
        "range": _("From %(first)s to %(last)s"),
    }


def _svg_words() -> dict[str, str]:
    return {
        "pain": _("Pain (0-10)"),
        "empty": _("No diary entries in this period"),
        "baseline": _("Baseline"),
        "months": pgettext("chart month abbreviations", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    }
