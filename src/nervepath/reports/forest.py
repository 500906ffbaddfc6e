"""The forest plot of the diary insights: each factor's effect on pain with its 95 % interval.

Drawn by hand as SVG text (no matplotlib: it is a few lines and boxes, and a page that shows it
should not pay a chart library's start-up). Shared by the web pages and the clinician report.

Every row has its label on a line of its own above its interval (two lines, factor then lag, when
one would be too long), so labels never overlap each other, the intervals or the line of no
difference, however narrow the screen (the drawing is 340 units wide and scales down to a 360 px
phone). Findings (q < 0.10) are filled black squares; the other estimates hollow grey
circles, so the plot reads in greyscale. The axis is symmetric around 0 (no difference).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from nervepath.outcomes.diary_fields import Words, diary_fields
from nervepath.outcomes.insights import SCALES, FactorEffect

WIDTH = 340
LEFT, RIGHT = 12, 12  # room for the end tick labels
TEXT = 15  # one line of a label
GAP = 21  # the interval line under the label, and the space to the next row
TOP = 4
AXIS = 52  # ticks, their numbers and the two direction words
LINE = 38  # characters of a label line (bold 12 px fits about 42 in the drawing's width)
MAX_LABEL = 40  # a longer line is cut with an ellipsis (the full label is the row's <title>)

# Short names of the scales for a plot row (the sentences say them in full).
_SCALE_NAMES: dict[str, Words] = {
    "sleep_interference": Words(en="Pain got in the way of sleep", es="El dolor impidió dormir"),
    "mood": Words(en="Mood", es="Estado de ánimo"),
    "activity": Words(en="Pain limited activity", es="El dolor limitó la actividad"),
    "sitting_hours": Words(en="Hours sitting", es="Horas sentado/a"),
}
_LAGS = {0: Words(en="same day", es="el mismo día"), 1: Words(en="next day", es="el día siguiente")}
_LOWER = Words(en="lower pain", es="menos dolor")
_HIGHER = Words(en="higher pain", es="más dolor")
_PER_POINT = Words(en="per point", es="por punto")
_PER_HOUR = Words(en="per hour", es="por hora")
_UNIT = Words(en="points of pain (0-10)", es="puntos de dolor (0-10)")
# A trigger recorded in older diary days that data/diary/fields.yaml no longer lists: named as such,
# never by its id.
_OLD_TRIGGER = Words(
    en="a trigger no longer in the diary", es="un desencadenante que ya no está en el diario"
)


def factor_name(factor: str, language: str = "en") -> str:
    """The diary's name of a factor (a scale's short name or a trigger's label) in ``language``."""
    if factor in _SCALE_NAMES:
        return _SCALE_NAMES[factor].in_language(language)
    fields = diary_fields()
    for term in fields.terms(fields.field("triggers")):
        if term.id == factor:
            return term.label.in_language(language)
    return _OLD_TRIGGER.in_language(language)


def row_label(effect: FactorEffect, language: str = "en") -> tuple[str, str]:
    """(``Pain got in the way of sleep (per point)``, ``same day``): the factor (for a scale, that the
    effect is per point or per hour) and its lag."""
    name = factor_name(effect.id, language)
    if effect.id in SCALES:
        unit = _PER_HOUR if effect.id == "sitting_hours" else _PER_POINT
        name = f"{name} ({unit.in_language(language)})"
    return name, _LAGS.get(effect.lag, _LAGS[1]).in_language(language)


def label_lines(effect: FactorEffect, language: str = "en") -> tuple[str, ...]:
    """The label of a row: ``Cold · same day`` on one line, or the factor and its lag on two lines
    when one line would be longer than ``LINE`` characters (each cut at ``MAX_LABEL``)."""
    name, lag = row_label(effect, language)
    one = f"{name} · {lag}"
    return (one,) if len(one) <= LINE else (_cut(name), _cut(lag))


def _number(value: float, language: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language.split("-")[0].lower() == "es" else text


def _reach(effects: Sequence[FactorEffect]) -> float:
    """Half the axis: the widest interval end, rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    widest = max((max(abs(e.ci95[0]), abs(e.ci95[1]), abs(e.effect)) for e in effects), default=1.0)
    if not math.isfinite(widest) or widest <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(widest))
    for step in (1, 2, 2.5, 5, 10):
        if widest <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop ends at 10 * power >= widest


def _cut(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def forest_svg(
    effects: Sequence[FactorEffect], *, label: str, language: str = "en", width: str | None = None
) -> str:
    """The effects (in the order given) as one ``<svg>`` element, ``label`` its accessible name.

    ``width`` sets the drawn width (e.g. ``"12cm"`` for a PDF); without it the SVG fills its box
    (``width="100%"``) and keeps its proportions. Returns an empty string for no effects.
    """
    if not effects:
        return ""
    reach = _reach(effects)
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    middle = (plot_left + plot_right) / 2

    def x(value: float) -> float:
        clipped = max(-reach, min(reach, value))
        return round(middle + clipped / reach * (plot_right - plot_left) / 2, 2)

    labels = [label_lines(effect, language) for effect in effects]
    plot_bottom = TOP + sum(TEXT * len(lines) + GAP for lines in labels)
    height = plot_bottom + AXIS
    size = f'width="{escape(width)}"' if width else 'width="100%"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" {size} '
        f'role="img" aria-label="{escape(label)}" class="forest" '
        'style="font-family: sans-serif; font-size: 12px; max-width: 40rem; height: auto">',
        f"<title>{escape(label)}</title>",
    ]
    top = TOP
    for effect, lines in zip(effects, labels, strict=True):
        colour = "#000" if effect.finding else "#777"
        weight = "; font-weight: bold" if effect.finding else ""
        full = " · ".join(row_label(effect, language))
        parts.append(f"<g><title>{escape(full)}</title>")
        for k, line in enumerate(lines):
            parts.append(
                f'<text x="{plot_left}" y="{top + TEXT * k + 12}" style="fill: {colour}{weight}">'
                f"{escape(line)}</text>"
            )
        line_y = top + TEXT * len(lines) + 8
        # The line of no difference, dashed, beside the interval only (never through a label).
        parts.append(
            f'<line x1="{x(0)}" y1="{line_y - 9}" x2="{x(0)}" y2="{line_y + 9}" '
            'style="stroke: #555; stroke-width: 1; stroke-dasharray: 3 3"/>'
        )
        low, high = sorted(effect.ci95)
        parts.append(
            f'<line x1="{x(low)}" y1="{line_y}" x2="{x(high)}" y2="{line_y}" '
            f'style="stroke: {colour}; stroke-width: 2"/>'
        )
        for end in (low, high):  # whiskers, unless the interval runs off the axis
            if -reach <= end <= reach:
                parts.append(
                    f'<line x1="{x(end)}" y1="{line_y - 4}" x2="{x(end)}" y2="{line_y + 4}" '
                    f'style="stroke: {colour}; stroke-width: 1.5"/>'
                )
        cx = x(effect.effect)
        if effect.finding:
            parts.append(f'<rect x="{cx - 5}" y="{line_y - 5}" width="10" height="10" style="fill: #000"/>')
        else:
            parts.append(
                f'<circle cx="{cx}" cy="{line_y}" r="4.5" '
                'style="fill: #fff; stroke: #777; stroke-width: 1.5"/>'
            )
        parts.append("</g>")
        top += TEXT * len(lines) + GAP
    # The axis: a line, five ticks with their numbers, the unit and which side is which.
    parts.append(
        f'<line x1="{plot_left}" y1="{plot_bottom}" x2="{plot_right}" y2="{plot_bottom}" '
        'style="stroke: #000; stroke-width: 1"/>'
    )
    ticks = (-reach, -reach / 2, 0.0, reach / 2, reach)
    for k, tick in enumerate(ticks):
        anchor = "start" if k == 0 else "end" if k == len(ticks) - 1 else "middle"
        at = x(tick)
        parts.append(
            f'<line x1="{at}" y1="{plot_bottom}" x2="{at}" y2="{plot_bottom + 4}" style="stroke: #000"/>'
        )
        shown = "0" if tick == 0 else ("+" if tick > 0 else "−") + _number(abs(tick), language)
        parts.append(
            f'<text x="{at}" y="{plot_bottom + 17}" style="text-anchor: {anchor}; fill: #000">{shown}</text>'
        )
    words_y = plot_bottom + 33
    parts.append(
        f'<text x="{plot_left}" y="{words_y}" style="fill: #000">'
        f"← {escape(_LOWER.in_language(language))}</text>"
    )
    parts.append(
        f'<text x="{plot_right}" y="{words_y}" style="text-anchor: end; fill: #000">'
        f"{escape(_HIGHER.in_language(language))} →</text>"
    )
    parts.append(
        f'<text x="{middle}" y="{words_y + 15}" style="text-anchor: middle; fill: #555; font-size: 11px">'
        f"{escape(_UNIT.in_language(language))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
