"""The one chart renderer, shared by the web pages and the PDF reports.

Charts are drawn with matplotlib's object API (no pyplot global state, so it is safe in a web
process) and must stay legible in greyscale: the daily pain line and the 7-day average differ in
style as well as in shade, and missing days are gaps, never interpolated lines. Treatments are
drawn as bars in lanes above the plot, one label per treatment (its name and doses), packed so that
no two labels overlap however many treatments there are; a dashed line marks each treatment's start
across the plot, and the baseline window, when given, is a light band behind the pain line.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

# matplotlib is imported where a chart is drawn, not with this module: it is a second of the web
# app's start-up, and most pages draw no chart.

ChartFormat = Literal["svg", "png"]
HATCHES = ("///", "\\\\\\", "xx", "..", "++", "oo")
MAX_MARKED_DAYS = 120
GREYS = ("#d9d9d9", "#bdbdbd", "#e8e8e8", "#cccccc", "#f0f0f0", "#c4c4c4")
LANE_INCHES = 0.4
LABEL_GAP_PIXELS = 8
WORDS = {
    "pain": "pain (0-10)",
    "empty": "no diary entries in this period",
    "average": "average pain",
    "worst": "worst pain",
    "rolling": "7-day average",
    "baseline": "baseline",
    "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
}


@dataclass(frozen=True)
class PainPoint:
    """One diary day: the average pain (0-10) and, when recorded, the worst."""

    day: date
    average: float
    worst: float | None = None


@dataclass(frozen=True)
class TreatmentBand:
    """A treatment period drawn in a lane above the pain line; ``end`` None means ongoing."""

    label: str
    start: date
    end: date | None = None
    dose_steps: tuple[tuple[date, float], ...] = field(default=())
    unit: str = "mg/day"

    def text(self) -> str:
        """The lane label: the name and the doses in order, e.g. "Pregabalin 150 → 300 mg/day"."""
        if not self.dose_steps:
            return self.label
        doses = " → ".join(f"{dose:g}" for _day, dose in self.dose_steps)
        return f"{self.label} {doses} {self.unit}"


@dataclass(frozen=True)
class LanePlacement:
    """Where a treatment's label went: its lane (0 = nearest the plot) and its left edge in pixels."""

    band: TreatmentBand
    lane: int
    label_left: float
    label_width: float


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
    baseline: tuple[date, date] | None = None,
    font_size: float = 8.0,
    words: Mapping[str, str] | None = None,
) -> bytes:
    """Render daily pain over [start, end] with the treatments in lanes above it.

    Takes diary points, treatment periods and an optional precomputed 7-day average series (the outcomes
    module computes it; the renderer does no statistics). Returns SVG or PNG bytes (``dpi`` sets the
    PNG's resolution). ``size`` is the plot's size in inches; each lane of treatment labels adds
    ``LANE_INCHES * font_size / 8`` to the height. ``baseline`` (first and last day) is shaded and
    labelled. ``words`` replaces the English texts of ``WORDS`` (a page in another language). An
    empty period gives a chart that says so rather than failing. ``legend=False`` leaves the key out
    (about a third of the render time) for a page whose caption explains the lines.
    """
    if end < start:
        start, end = end, start
    text = {**WORDS, **(words or {})}
    shown_bands = [b for b in bands if b.start <= end and (b.end or end) >= start]
    fig, ax = _figure(size, dpi, font_size)
    _style_axes(ax, start, end, text["pain"], font_size, text["months"])
    placements = lay_out_lanes(fig, ax, shown_bands, start, end, font_size)
    lanes = max((p.lane for p in placements), default=-1) + 1
    _grow_for_lanes(fig, size, lanes, font_size, bool(title))
    if baseline is not None:
        _draw_baseline(ax, baseline, start, end, text["baseline"], font_size)
    _draw_starts(ax, shown_bands, start, end)
    _draw_pain(ax, [p for p in points if start <= p.day <= end], text)
    shown = [(day, value) for day, value in rolling if start <= day <= end]
    if shown:
        days, values = _with_gaps(shown)
        ax.plot(_xs(days), values, color="black", linewidth=2.2, linestyle="--", label=text["rolling"])
    if placements:
        _draw_lanes(fig, ax, placements, start, end, font_size)
    if title:
        fig.suptitle(title, fontsize=font_size + 2, x=0.01, ha="left")
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper right", fontsize=font_size - 1, frameon=True)
    return _encode(fig, fmt)


def _figure(size: tuple[float, float], dpi: int, font_size: float) -> tuple[Figure, Axes]:
    # Fixed margins instead of a layout engine: constrained layout costs an extra draw pass,
    # about a third of the render time, and these charts always have the same furniture.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)  # a renderer to measure the labels with, before anything is saved
    fig.subplots_adjust(**_margins(size, font_size))
    return fig, fig.add_subplot()


def lay_out_lanes(
    fig: Figure, ax: Axes, bands: Sequence[TreatmentBand], start: date, end: date, font_size: float
) -> list[LanePlacement]:
    """Give each treatment the lowest lane where neither its bar nor its label meets another's.

    Labels are measured with the figure's renderer (real text extents). A label starts at its
    treatment's start, moved left when it would run past the plot's right edge.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    left_edge, right_edge = ax.get_window_extent().x0, ax.get_window_extent().x1
    taken: list[float] = []  # the right edge of what each lane holds so far, in pixels
    placements = []
    for band in sorted(bands, key=lambda b: (b.start, b.label)):
        width = _text_width(renderer, band.text(), font_size, fig.dpi)
        bar_left = _pixel(ax, max(band.start, start))
        bar_right = _pixel(ax, min(band.end or end, end) + timedelta(days=1))
        label_left = max(left_edge, min(bar_left, right_edge - width))
        occupied_left = min(bar_left, label_left)
        occupied_right = max(bar_right, label_left + width) + LABEL_GAP_PIXELS
        lane = next((i for i, right in enumerate(taken) if right <= occupied_left), len(taken))
        if lane == len(taken):
            taken.append(occupied_right)
        taken[lane] = occupied_right
        placements.append(LanePlacement(band, lane, label_left, width))
    return placements


def _text_width(renderer: RendererBase, text: str, font_size: float, dpi: float) -> float:
    from matplotlib.font_manager import FontProperties

    width, _height, _descent = renderer.get_text_width_height_descent(
        text, FontProperties(size=font_size), ismath=False
    )
    return float(width)


def _pixel(ax: Axes, day: date) -> float:
    return float(ax.transData.transform((_x(day), 0))[0])


def _grow_for_lanes(
    fig: Figure, size: tuple[float, float], lanes: int, font_size: float, title: bool
) -> None:
    """Make room above the plot for ``lanes`` rows of treatments (and the title), keeping the plot's
    own size in inches; the x positions, and so the lanes already laid out, do not move."""
    width, height = size
    margins = _margins(size, font_size)
    extra = lanes * LANE_INCHES * font_size / 8 + (0.3 * font_size / 8 if title else 0)
    total = height + extra
    fig.set_size_inches(width, total)
    fig.subplots_adjust(bottom=margins["bottom"] * height / total, top=margins["top"] * height / total)


def _draw_lanes(
    fig: Figure,
    ax: Axes,
    placements: Sequence[LanePlacement],
    start: date,
    end: date,
    font_size: float,
) -> None:
    """Draw each treatment's bar, dose-step triangles and label in its lane above the plot.

    In the plot's own axes (x in days, y in fractions of the plot's height, above 1), not in a second
    axes: a second axes is a third of the render time of a web chart.
    """
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    above = blended_transform_factory(ax.transData, ax.transAxes)
    lane = LANE_INCHES * font_size / 8 / (ax.get_position().height * fig.get_size_inches()[1])
    for index, placed in enumerate(placements):
        band, bottom = placed.band, 1 + placed.lane * lane
        left, right = max(band.start, start), min(band.end or end, end) + timedelta(days=1)
        bar = Rectangle(
            (_x(left), bottom + 0.08 * lane),
            _x(right) - _x(left),
            0.28 * lane,
            transform=above,
            clip_on=False,
            facecolor=GREYS[index % len(GREYS)],
            edgecolor="#555555",
            hatch=HATCHES[index % len(HATCHES)],
            linewidth=0.6,
        )
        ax.add_patch(bar)
        steps = [_x(day) for day, _dose in band.dose_steps if start <= day <= end]
        ax.plot(
            steps,
            [bottom + 0.22 * lane] * len(steps),
            "^",
            color="black",
            markersize=font_size * 0.6,
            transform=above,
            clip_on=False,
        )
        x = ax.transData.inverted().transform((placed.label_left, 0))[0]
        ax.text(x, bottom + 0.42 * lane, band.text(), fontsize=font_size, va="bottom", transform=above)


def _draw_starts(ax: Axes, bands: Sequence[TreatmentBand], start: date, end: date) -> None:
    for band in bands:
        if start <= band.start <= end:
            ax.axvline(_x(band.start), color="#333333", linewidth=1.0, linestyle=(0, (4, 2)), zorder=1)


def _draw_baseline(
    ax: Axes, window: tuple[date, date], start: date, end: date, label: str, font_size: float
) -> None:
    left, right = max(window[0], start), min(window[1], end)
    if right < left:
        return
    ax.axvspan(_x(left), _x(right + timedelta(days=1)), facecolor="#e6e6e6", edgecolor="none", zorder=0)
    ax.text(_x(left), 10.9, label, fontsize=font_size, va="top", ha="left", color="#333333")


def _draw_pain(ax: Axes, points: Sequence[PainPoint], text: Mapping[str, str]) -> None:
    if not points:
        ax.text(0.5, 0.5, text["empty"], transform=ax.transAxes, ha="center", va="center")
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
        label=text["average"],
    )
    worst = [(p.day, p.worst) for p in points if p.worst is not None]
    if worst:
        wdays, wvalues = _with_gaps([(d, float(v)) for d, v in worst if v is not None])
        ax.plot(_xs(wdays), wvalues, color="#777777", linewidth=0.8, linestyle=":", label=text["worst"])


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


def _style_axes(ax: Axes, start: date, end: date, ylabel: str, font_size: float, months: str) -> None:
    ax.set_xlim(_x(start), _x(end + timedelta(days=1)))
    ax.set_ylim(0, 11)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel(ylabel, fontsize=font_size)
    ax.tick_params(labelsize=font_size)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8 if font_size <= 8 else 5)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(partial(_tick_label, months=months.split())))


def _tick_label(value: float, _position: object, *, months: Sequence[str]) -> str:
    """A date tick in the chart's words: the year on 1 January, the month on the 1st, else "8 Mar"
    (matplotlib's own month names follow the C locale, so they would stay English)."""
    from matplotlib.dates import num2date

    day = num2date(value)
    if day.month == 1 and day.day == 1:
        return str(day.year)
    month = months[day.month - 1]
    return month if day.day == 1 else f"{day.day} {month}"


def _margins(size: tuple[float, float], font_size: float = 8.0) -> dict[str, float]:
    """Margins in inches (room for tick labels and the axis label), as fractions."""
    width, height = size
    scale = font_size / 8
    return {
        "left": 0.55 * scale / width,
        "right": 1 - 0.25 / width,
        "bottom": 0.5 * scale / height,
        "top": 1 - 0.15 / height,
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
