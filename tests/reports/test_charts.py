from datetime import date, timedelta

from nervepath.reports.charts import PainPoint, TreatmentBand, _with_gaps, pain_chart
from nervepath.reports.clinician import render_clinician_html
from tests.reports.factories import make_input

START = date(2026, 1, 1)


def diary(days: int, skip: set[int] = frozenset()) -> list[PainPoint]:
    return [
        PainPoint(START + timedelta(days=i), average=7 - i / 20, worst=min(10, 8 - i / 25))
        for i in range(days)
        if i not in skip
    ]


def test_it_renders_a_png_with_bands_and_dose_steps():
    band = TreatmentBand(
        "pregabalin",
        START + timedelta(days=10),
        None,
        ((START + timedelta(days=10), 150), (START + timedelta(days=17), 300)),
    )
    png = pain_chart(diary(60), [band], start=START, end=START + timedelta(days=59), fmt="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5_000


def test_it_writes_labels_as_text_in_svg_so_reports_can_be_searched():
    band = TreatmentBand("duloxetine 60 mg", START, START + timedelta(days=20), ((START, 30),))
    svg = pain_chart(diary(30), [band], start=START, end=START + timedelta(days=29)).decode()
    assert "duloxetine 60 mg" in svg
    assert "30 mg/day" in svg
    assert "7-day average" not in svg


def test_it_is_byte_stable_for_the_same_input():
    args = {"start": START, "end": START + timedelta(days=29)}
    assert pain_chart(diary(30), **args) == pain_chart(diary(30), **args)


def test_it_says_so_when_the_period_has_no_entries():
    svg = pain_chart([], start=START, end=START + timedelta(days=6)).decode()
    assert "no diary entries in this period" in svg


def test_it_breaks_the_line_over_missing_days_instead_of_bridging_them():
    days, values = _with_gaps(
        [(START, 5.0), (START + timedelta(days=1), 6.0), (START + timedelta(days=4), 4.0)]
    )
    assert days[:2] == [START, START + timedelta(days=1)]
    assert values[2] != values[2]  # NaN marks the gap
    assert days[3] == START + timedelta(days=4)
    assert len(days) == 4


def overlapping_trials(count: int) -> list[TreatmentBand]:
    """``count`` trials starting two days apart, each with two dose steps: their labels would collide."""
    names = ["Pregabalin", "Duloxetine", "Amitriptyline", "Gabapentin", "Nortriptyline", "Tramadol"]
    return [
        TreatmentBand(
            f"{names[i % len(names)]} {i + 1}",
            START + timedelta(days=10 + 2 * i),
            None if i % 3 else START + timedelta(days=40 + 2 * i),
            ((START + timedelta(days=10 + 2 * i), 75.0), (START + timedelta(days=17 + 2 * i), 150.0)),
        )
        for i in range(count)
    ]


def label_boxes(fmt_size: tuple[float, float], bands: list[TreatmentBand], font_size: float = 8.0):
    """The drawn text boxes of the treatment labels, measured by matplotlib on a real render."""
    import matplotlib.figure

    captured = {}
    original = matplotlib.figure.Figure.savefig

    def keep(figure, *args, **kwargs):
        captured["figure"] = figure
        return original(figure, *args, **kwargs)

    matplotlib.figure.Figure.savefig = keep
    try:
        pain_chart(
            diary(60), bands, start=START, end=START + timedelta(days=59), size=fmt_size, font_size=font_size
        )
    finally:
        matplotlib.figure.Figure.savefig = original
    figure = captured["figure"]
    renderer = figure.canvas.get_renderer()
    texts = {band.text() for band in bands}
    return [
        text.get_window_extent(renderer)
        for axes in figure.axes
        for text in axes.texts
        if text.get_text() in texts
    ]


def test_it_never_lets_two_treatment_labels_overlap_however_many_trials():
    bands = overlapping_trials(8)
    for size, font in (((8.0, 3.7), 8.0), ((4.0, 2.8), 10.0)):
        boxes = label_boxes(size, bands, font)
        assert len(boxes) == 8
        for index, box in enumerate(boxes):
            for other in boxes[index + 1 :]:
                assert not box.overlaps(other), (box, other)


def test_it_shares_a_lane_between_trials_that_follow_each_other():
    first = TreatmentBand("Pregabalin", START, START + timedelta(days=20), ((START, 150.0),))
    second = TreatmentBand(
        "Duloxetine", START + timedelta(days=40), None, ((START + timedelta(days=40), 60.0),)
    )
    svg_two = pain_chart(diary(90), [first, second], start=START, end=START + timedelta(days=89))
    svg_one = pain_chart(diary(90), [first], start=START, end=START + timedelta(days=89))
    assert _height(svg_two) == _height(svg_one)  # no second lane was needed
    crowded = pain_chart(diary(90), overlapping_trials(3), start=START, end=START + timedelta(days=89))
    assert _height(crowded) > _height(svg_one)


def _height(svg: bytes) -> float:
    import re

    found = re.search(rb'height="([0-9.]+)pt"', svg)
    assert found
    return float(found.group(1))


def test_it_marks_the_baseline_and_each_treatment_start():
    band = TreatmentBand(
        "Pregabalin", START + timedelta(days=20), None, ((START + timedelta(days=20), 150.0),)
    )
    svg = pain_chart(
        diary(60),
        [band],
        start=START,
        end=START + timedelta(days=59),
        baseline=(START + timedelta(days=13), START + timedelta(days=19)),
        words={"baseline": "Basal"},
    ).decode()
    assert "Basal" in svg
    assert "Pregabalin 150 mg/day" in svg


def test_date_ticks_use_the_month_names_it_is_given():
    span = {"start": START, "end": START + timedelta(days=119)}
    english = pain_chart(diary(120), **span).decode()
    spanish = pain_chart(
        diary(120), **span, words={"months": "ene feb mar abr may jun jul ago sep oct nov dic"}
    ).decode()
    assert ">Feb<" in english
    assert ">feb<" in spanish
    assert ">Feb<" not in spanish
    assert ">2026<" in english  # 1 January shows the year


def test_the_clinician_report_chart_speaks_the_report_language():
    html = render_clinician_html(make_input(), language="es")
    assert "dolor (0-10)" in html
    assert "pain (0-10)" not in html
