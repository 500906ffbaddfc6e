"""The one chart renderer, shared by the web pages and the PDF reports.

Charts are drawn with matplotlib's object API (no pyplot global state, so it is safe in a web
process) and must stay legible in greyscale: treatment periods are hatched bands with their label
written on them, the daily pain line and the 7-day average differ in style as well as in shade, and
missing days are gaps, never interpolated lines.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# matplotlib is imported where a chart is drawn, not with this module: it is a second of the web
# app's start-up, and most pages draw no chart.

ChartFormat = Literal["svg", "png"]
HATCHES = ("///", "\\\\\\", "xx", "..", "++", "oo")
MAX_MARKED_DAYS = 120
GREYS = ("#d9d9d9", "#bdbdbd", "#e8e8e8", "#cccccc", "#f0f0f0", "#c4c4c4")


@dataclass(frozen=True)
class PainPoint:
    """One diary day: the average pain (0-10) and, when recorded, the worst."""

    day: date
    average: float
    worst: float | None = None


@dataclass(frozen=True)
class TreatmentBand:
    """A treatment period drawn behind the pain line; ``end`` None means ongoing."""

    label: str
    start: date
    end: date | None = None
    dose_steps: tuple[tuple[date, float], ...] = field(default=())
    unit: str = "mg/day"


def pain_chart(
    points: Sequence[PainPoint],
    bands: Sequence[TreatmentBand] = (),
    *,
    start: date,
    end: date,
    rolling: Sequence[tuple[date, float]] = (),
    fmt: ChartFormat = "svg",
    size: tuple[float, float] = (8.0, 3.2),
    title: str | None = None,
    dpi: int = 110,
    legend: bool = True,
) -> bytes:
    """Render daily pain over [start, end] with treatment bands and dose steps.

    Takes diary points, treatment periods and an optional precomputed 7-day average series (the outcomes
    module computes it; the renderer does no statistics). Returns SVG or PNG bytes (``dpi`` sets the
    PNG's resolution). An empty period gives a
    chart that says "no diary entries in this period" rather than failing. ``legend=False`` leaves
    the key out (about a third of the render time) for a page whose caption explains the lines.
    """
    if end < start:
        start, end = end, start
    # Fixed margins instead of a layout engine: constrained layout costs an extra draw pass,
    # about a third of the render time, and these charts always have the same furniture.
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=dpi)
    fig.subplots_adjust(**_margins(size))
    ax = fig.add_subplot()
    _draw_bands(ax, bands, start, end)
    _draw_pain(ax, [p for p in points if start <= p.day <= end], start, end)
    shown = [(day, value) for day, value in rolling if start <= day <= end]
    if shown:
        days, values = _with_gaps(shown)
        ax.plot(_xs(days), values, color="black", linewidth=2.2, linestyle="--", label="7-day average")
    _style_axes(ax, start, end, title, legend)
    return _encode(fig, fmt)


def _draw_pain(ax: Axes, points: Sequence[PainPoint], start: date, end: date) -> None:
    if not points:
        ax.text(0.5, 0.5, "no diary entries in this period", transform=ax.transAxes, ha="center", va="center")
        return
    days, averages = _with_gaps([(p.day, p.average) for p in points])
    # Dots mark single days on short periods; over months they merge into noise and slow the PDF.
    marker = "o" if len(points) <= MAX_MARKED_DAYS else ""
    ax.plot(
        _xs(days),
        averages,
        color="#222222",
        linewidth=1.2,
        marker=marker,
        markersize=2.5,
        label="average pain",
    )
    worst = [(p.day, p.worst) for p in points if p.worst is not None]
    if worst:
        wdays, wvalues = _with_gaps([(d, float(v)) for d, v in worst if v is not None])
        ax.plot(_xs(wdays), wvalues, color="#777777", linewidth=0.8, linestyle=":", label="worst pain")


def _with_gaps(series: list[tuple[date, float]]) -> tuple[list[date], list[float]]:
    """Insert a NaN after each missing day so the line breaks instead of bridging the gap."""
    days: list[date] = []
    values: list[float] = []
    for index, (day, value) in enumerate(sorted(series)):
        if index and (day - days[-1]).days > 1:
            days.append(days[-1] + timedelta(days=1))
            values.append(float("nan"))
        days.append(day)
        values.append(value)
    return days, values


def _draw_bands(ax: Axes, bands: Sequence[TreatmentBand], start: date, end: date) -> None:
    for index, band in enumerate(bands):
        left, right = max(band.start, start), min(band.end or end, end)
        if right < left:
            continue
        hatch, grey = HATCHES[index % len(HATCHES)], GREYS[index % len(GREYS)]
        ax.axvspan(
            _x(left),
            _x(right + timedelta(days=1)),
            ymin=0,
            ymax=1,
            facecolor=grey,
            hatch=hatch,
            edgecolor="#9a9a9a",
            linewidth=0,
            alpha=0.55,
            zorder=0,
        )
        ax.text(_x(left), 10.35, band.label, fontsize=8, va="bottom", ha="left", clip_on=True)
        for step_day, dose in band.dose_steps:
            if left <= step_day <= right:
                ax.plot([_x(step_day)], [0.25], marker="^", color="black", markersize=6, zorder=3)
                ax.annotate(
                    f"{dose:g} {band.unit}", (_x(step_day), 0.6), fontsize=7, rotation=90, va="bottom"
                )


def _style_axes(ax: Axes, start: date, end: date, title: str | None, legend: bool) -> None:
    ax.set_xlim(_x(start), _x(end + timedelta(days=1)))
    ax.set_ylim(0, 11)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("pain (0-10)")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    from matplotlib import dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper right", fontsize=7, frameon=True)


def _margins(size: tuple[float, float]) -> dict[str, float]:
    """Margins in inches (room for tick labels, the axis label and the band labels), as fractions."""
    width, height = size
    return {
        "left": 0.55 / width,
        "right": 1 - 0.15 / width,
        "bottom": 0.5 / height,
        "top": 1 - 0.45 / height,
    }


def _x(day: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))


def _xs(days: Sequence[date]) -> list[float]:
    # One vectorised conversion: per-day calls dominate the render of a multi-year diary.
    from matplotlib.dates import date2num

    return [float(x) for x in date2num(list(days))] if days else []


def _encode(fig: Figure, fmt: ChartFormat) -> bytes:
    buffer = io.BytesIO()
    # Fixed metadata and hash salt make SVG output byte-stable for the same input.
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    from matplotlib import rc_context

    with rc_context({"svg.hashsalt": "nervepath", "svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
