"""The clinician report: the key figures read back from the PDF, page 1 first, bad input survives."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nervepath.errors import InvalidInput
from nervepath.outcomes.records import PatientInfo
from nervepath.reports.citations import Citations
from nervepath.reports.clinician import render_clinician_html, render_clinician_pdf
from nervepath.reports.inputs import Period, period
from nervepath.reports.markup import el
from nervepath.sources import all_sources
from tests.reports.factories import START, day, diary, make_input, phq9, pregabalin
from tests.reports.pdftext import page_size_pt, pages, save_page_one_png

A4 = (595, 842)
LETTER = (612, 792)


@pytest.fixture(scope="module")
def report_pages() -> list[str]:
    return pages(render_clinician_pdf(make_input()))


def test_it_puts_baseline_seven_day_average_and_change_on_page_one(report_pages):
    first = report_pages[0]
    # Baseline: the 7 days before pregabalin all 7/10; the last 7 days all 4/10: (7 - 4) / 7 = 42.9 %.
    assert "AVERAGE PAIN, LAST 7 DAYS 4.0 /10" in first
    assert "BASELINE 7.0 /10 7 days before pregabalin (from 2026-01-15)" in first
    assert "-43%" in first
    assert "moderate response (IMMPACT)" in first
    assert "SLEEP INTERFERENCE, 7 DAYS 3.0 /10" in first


def test_it_shows_the_latest_phq9_and_the_grade_on_page_one(report_pages):
    first = report_pages[0]
    assert "PHQ-9 (DEPRESSION) 9 /27 mild, 2026-03-02" in first
    assert "NeuPSIG grade: probable" in first
    assert "Screening: DN4 4/10, positive" in first
    assert "Red flags None recorded." in first


def test_it_draws_the_pain_chart_with_the_treatment_band_and_dose_steps_on_page_one(report_pages):
    first = report_pages[0]
    assert "Pain over the period" in first
    assert "Pregabalin 150 → 300 mg/day" in first
    assert "7-day average" in first


def test_it_starts_the_details_on_page_two_with_a_row_per_trial(report_pages):
    second = report_pages[1]
    assert second.startswith("Treatment trials")
    assert "Pregabalin 150 → 300 mg 2026-01-15 to ongoing 7.9" in second
    assert "yes (6.9 wk at effective dose)" in second
    assert "7.0 → 4.0 moderate (43% lower)" in second


def test_it_shows_kidney_adjusted_maximum_doses_with_their_flags(report_pages):
    details = " ".join(report_pages[1:])
    assert "Creatinine clearance (Cockcroft-Gault): 47 mL/min." in details
    assert "1400 mg kidney-adjusted (CrCl 47)" in details
    assert "168.75 mg kidney-adjusted (CrCl 47)" in details
    assert "maximum dose lowered for kidney function" in details
    assert "Avoid: Amitriptyline" in details


def test_it_lists_the_full_citation_of_every_source_it_cites(report_pages):
    text = " ".join(report_pages)
    assert "Sources Dworkin RH et al. (2008). Interpreting the clinical importance of treatment" in text
    assert "Finnerup NB et al. (2016). Neuropathic pain: an updated grading system" in text


def test_it_cites_only_sources_that_exist():
    cites = Citations()
    cites.cite(["neupsig_2015", "label_lyrica"])
    assert cites.cited == ["neupsig_2015", "label_lyrica"]
    assert set(cites.cited) <= set(all_sources())
    with pytest.raises(InvalidInput):
        cites.cite(["no_such_source"])


def test_it_puts_a_positive_phq9_item9_flag_above_everything_else():
    report = make_input(questionnaires=[phq9(0), phq9(60, item9=1)])
    first = pages(render_clinician_pdf(report))[0]
    alert = first.index("PHQ-9 item 9 positive on 2026-03-02: thoughts of self-harm reported.")
    assert alert < first.index("Current situation")
    assert "Assess suicide risk today" in first
    save_page_one_png(render_clinician_pdf(report), "clinician-item9-a4")


def test_it_shows_no_self_harm_alert_when_item9_is_zero(report_pages):
    assert "item 9 positive" not in report_pages[0]


@pytest.mark.parametrize(("size", "points"), [("a4", A4), ("letter", LETTER)])
def test_it_prints_the_summary_on_one_page_of_a4_and_letter(size, points):
    pdf = render_clinician_pdf(make_input(), size)
    assert page_size_pt(pdf) == points
    text = pages(pdf)
    assert "Current situation" in text[0]
    assert "Pain over the period" in text[0]
    assert text[1].startswith("Treatment trials")
    png = save_page_one_png(pdf, f"clinician-{size}")
    if png is None:
        pytest.skip("pdftoppm is not installed (Debian package poppler-utils): page 1 not saved as PNG")
    assert png.stat().st_size > 20_000


def test_it_renders_a_period_without_diary_entries():
    report = make_input(span=Period(date(2025, 1, 1), date(2025, 3, 31)), today=date(2025, 3, 31))
    text = pages(render_clinician_pdf(report))
    assert "AVERAGE PAIN, LAST 7 DAYS – not enough diary data" not in text[0]
    assert "not enough diary data" in text[0]
    assert "no diary entries in this period" in text[0]


def test_it_renders_a_patient_without_trials():
    text = pages(render_clinician_pdf(make_input(trials=[])))
    assert "No treatment trials recorded." in text[1]
    assert "BASELINE 7.0 /10 first 7 days of the period" in text[0]


def test_it_renders_a_unicode_name_and_a_very_long_note():
    note = "Burning feet at night, worse after walking. " * 500
    report = make_input(
        patient=PatientInfo("Zoë Ñúñez 李", date(1970, 2, 3), "female"), diary=diary(note=note)
    )
    pdf = render_clinician_pdf(report)
    text = pages(pdf)
    assert "Zoë Ñúñez" in text[0]
    assert f"(shortened; {len(note.strip())} characters in full)" in " ".join(text)
    assert len(text) <= 5
    save_page_one_png(pdf, "clinician-unicode-long-note")


def test_it_escapes_markup_in_names_and_notes():
    report = make_input(
        patient=PatientInfo("<script>alert(1)</script>"), diary=diary(note="<b>bold</b> & co")
    )
    html = render_clinician_html(report)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html


def test_it_says_not_assessed_when_there_is_no_assessment():
    text = " ".join(pages(render_clinician_pdf(make_input(assessment=None))))
    assert "Not assessed (no clinical assessment for this patient)." in text
    assert "NeuPSIG grade: not assessed." in text
    assert "No clinical assessment available: options not shown." in text


def test_it_shows_a_stopped_trial_with_its_reason():
    text = pages(render_clinician_pdf(make_input(trials=[pregabalin(stop=day(60))])))[1]
    assert "2026-01-15 to 2026-03-02" in text
    assert "ineffective" in text


def test_it_rejects_an_unknown_paper_size():
    with pytest.raises(InvalidInput) as caught:
        render_clinician_html(make_input(), "legal")
    assert caught.value.field == "paper"


def test_it_rejects_a_period_that_ends_before_it_starts():
    with pytest.raises(InvalidInput) as caught:
        period(date(2026, 3, 1), date(2026, 2, 1), [], date(2026, 3, 5))
    assert caught.value.field == "to"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(date(2026, 3, 6), None, "from"), (None, date(2026, 3, 6), "to"), (None, date(9999, 12, 31), "to")],
)
def test_it_refuses_a_period_after_today(start, end, field):
    # 9999-12-31 overflowed the chart's axis (a 500 on PostgreSQL's hypothesis run).
    with pytest.raises(InvalidInput) as caught:
        period(start, end, [], date(2026, 3, 5))
    assert caught.value.field == field


def test_it_takes_a_period_that_ends_today():
    assert period(None, date(2026, 3, 5), [], date(2026, 3, 5)).end == date(2026, 3, 5)


def test_it_defaults_the_period_to_the_first_diary_day_until_today():
    assert period(None, None, diary(10), day(30)) == Period(START, day(30))


@given(st.text())
def test_it_never_lets_text_become_markup(text):
    rendered = el("p", text)
    assert rendered.count("<") == 2
    assert rendered.count(">") == 2


def test_it_draws_years_of_daily_entries_as_an_image_and_keeps_page_one_to_one_page():
    from benchmarks.bench_reports import five_years

    report = five_years()
    html = render_clinician_html(report)
    assert '<img src="data:image/png;base64,' in html
    pdf = render_clinician_pdf(report)
    text = pages(pdf)
    assert "Pain over the period" in text[0]
    assert text[1].startswith("Treatment trials")
    save_page_one_png(pdf, "clinician-five-years")
