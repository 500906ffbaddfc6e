"""The forest plot of the diary insights: well-formed SVG, labels that never overlap, a fitting axis."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from nervepath.outcomes.insights import SCALES, FactorEffect, factor_ids
from nervepath.reports.forest import MAX_LABEL, TEXT, factor_name, forest_svg, label_lines

NS = "{http://www.w3.org/2000/svg}"


def effect(factor: str, lag: int, value: float, half: float, q: float) -> FactorEffect:
    kind = "scale" if factor in SCALES else "trigger"
    n_with = None if kind == "scale" else 40
    return FactorEffect(
        factor, kind, lag, value, (value - half, value + half), q, q, 150, n_with, half / 2, 5
    )


EVERY = [
    effect(f, lag, 0.3 * (i - 5), 0.5, 0.05 if i % 4 == 0 else 0.5)
    for i, f in enumerate(factor_ids())
    for lag in (0, 1)
]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_row_label_has_its_own_lines_above_its_interval(language: str) -> None:
    root = parsed(forest_svg(EVERY, label="plot", language=language))
    rows = root.findall(f"{NS}g")
    assert len(rows) == len(EVERY)
    previous_bottom = 0.0
    for row in rows:
        texts = [float(t.get("y", "0")) for t in row.findall(f"{NS}text")]
        lines = [el for el in row.findall(f"{NS}line") if el.get("y1") == el.get("y2")]  # the interval
        interval_y = float(lines[0].get("y1", "0"))
        assert texts[0] - TEXT >= previous_bottom - 1  # below the previous row's interval
        assert all(b - a >= TEXT for a, b in itertools.pairwise(texts))
        assert interval_y - 9 > texts[-1]  # the interval (and the zero line beside it) under the text
        previous_bottom = interval_y + 9


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("factor", factor_ids())
def test_no_label_line_is_longer_than_the_drawing_allows(factor: str, language: str) -> None:
    for lag in (0, 1):
        assert all(len(line) <= MAX_LABEL for line in label_lines(effect(factor, lag, 1, 1, 0.5), language))


@pytest.mark.parametrize(
    ("value", "half", "reach"), [(2.1, 0.5, "+5"), (0.3, 0.1, "+0.5"), (-7.0, 1.0, "+10"), (0.0, 1.0, "+1")]
)
def test_the_axis_reaches_past_the_widest_interval(value: float, half: float, reach: str) -> None:
    root = parsed(forest_svg([effect("cold", 0, value, half, 0.01)], label="plot"))
    ticks = [t.text for t in root.findall(f"{NS}text")][-6:-3]
    assert ticks[-1] == reach


def test_findings_are_filled_squares_and_the_others_hollow_circles() -> None:
    root = parsed(forest_svg([effect("cold", 0, 2, 0.5, 0.01), effect("heat", 0, 0.1, 1, 0.6)], label="plot"))
    finding, other = root.findall(f"{NS}g")
    assert finding.find(f"{NS}rect") is not None
    assert finding.find(f"{NS}circle") is None
    assert other.find(f"{NS}circle") is not None
    assert other.find(f"{NS}rect") is None


def test_spanish_numbers_use_a_decimal_comma() -> None:
    svg = forest_svg([effect("cold", 0, 2.1, 0.5, 0.01)], label="x", language="es")
    assert "+2,5" in svg
    assert "menos dolor" in svg
    assert "Frío · el mismo día" in svg


def test_text_is_escaped_and_nothing_is_drawn_for_no_effects() -> None:
    assert "&lt;b&gt;" in forest_svg([effect("cold", 0, 1, 1, 0.5)], label="<b>")
    assert forest_svg([], label="plot") == ""


@pytest.mark.parametrize(
    ("factor", "language", "shown"),
    [
        ("sleep_interference", "en", "Pain got in the way of sleep"),
        ("retired_trigger", "en", "a trigger no longer in the diary"),
        ("retired_trigger", "es", "un desencadenante que ya no está en el diario"),
    ],
)
def test_a_factor_is_named_by_the_diary_never_by_its_id(factor: str, language: str, shown: str) -> None:
    assert factor_name(factor, language) == shown
