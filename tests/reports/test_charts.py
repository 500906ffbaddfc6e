from datetime import date, timedelta

from nervepath.reports.charts import PainPoint, TreatmentBand, _with_gaps, pain_chart

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
