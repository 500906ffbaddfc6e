"""The patient's care plan: medicines from the record and drug data only, sourced warnings, review."""

from __future__ import annotations

import pytest

from nervepath.outcomes.records import DoseChange, TrialRecord
from nervepath.reports.careplan import render_careplan_html, render_careplan_pdf, review_date
from nervepath.reports.side_effects import advice_for, side_effect_advice
from nervepath.sources import all_sources
from tests.reports.factories import day, make_input, pregabalin
from tests.reports.pdftext import page_size_pt, pages, save_page_one_png


@pytest.fixture(scope="module")
def plan_text() -> str:
    return " ".join(pages(render_careplan_pdf(make_input())))


def test_it_lists_the_current_medicine_with_its_dose_calendar(plan_text):
    assert "Pregabalin" in plan_text
    assert "Now: 300 mg a day (started 2026-01-15)" in plan_text
    assert "2026-01-15 150 mg a day 2026-01-22 300 mg a day" in plan_text
    assert "Usually taken as: 300-600 mg in 2 divided doses" in plan_text


def test_it_offers_no_further_step_at_this_patients_maximum(plan_text):
    # CrCl 47 mL/min: the pregabalin label table caps the daily dose at 300 mg, the dose taken now.
    assert "Next step: this is already the most for you: no further increase" in plan_text
    assert "then add 150 mg/day" not in plan_text
    assert "Never take more than 300 mg a day (lowered for your kidney function)." in plan_text


def test_it_takes_the_next_step_from_the_kidney_band_below_the_maximum():
    below = TrialRecord("pregabalin", day(14), (DoseChange(day(14), 150),), review_date=day(84), id=1)
    text = " ".join(pages(render_careplan_pdf(make_input(trials=[below]))))
    # CrCl 47: the Lyrica label's 30-60 band, not the usual "to 300 mg/day within 1 week, then add 150".
    assert "raise as tolerated to 150 mg/day, then 225, and at most 300 mg/day" in text
    assert "then add 150 mg/day every 3-7 days" not in text
    assert "only as agreed with your clinician" in text
    assert "Never take more than 300 mg a day (lowered for your kidney function)." in text


def test_it_says_when_to_call_with_sources(plan_text):
    assert "When to call" in plan_text
    assert "breathing becomes slow, shallow or difficult" in plan_text
    assert "Do not stop this medicine suddenly" in plan_text
    assert "US FDA (2019). Serious breathing difficulties with gabapentin and pregabalin" in plan_text


def test_it_shows_the_next_review_and_the_care_plan_items(plan_text):
    assert "Next review: 2026-03-26" in plan_text
    assert "Exercise and activity Walk most days, building up slowly" in plan_text


def test_it_says_as_agreed_where_the_drug_data_has_no_titration():
    plaster = TrialRecord("lidocaine_plaster", day(20), (DoseChange(day(20), 3),), id=2)
    text = " ".join(pages(render_careplan_pdf(make_input(trials=[plaster]))))
    assert "Lidocaine 5% plaster" in text
    assert "Next step: any change in dose is as agreed with your clinician." in text


def test_it_leaves_out_stopped_medicines():
    html = render_careplan_html(make_input(trials=[pregabalin(stop=day(60))]))
    assert "No nerve-pain medicine is recorded as started." in html
    assert "When to call" not in html


def test_it_suggests_non_drug_options_when_the_plan_has_no_items():
    html = render_careplan_html(make_input(care_plan=[]))
    assert "To discuss with your clinician:" in html
    assert "Physiotherapy" in html


def test_it_asks_for_a_review_date_when_none_is_planned():
    report = make_input(trials=[], care_plan=[])
    assert review_date(report) is None
    assert "Next review: ask your clinician to set a date." in render_careplan_html(report)


def test_it_prints_on_letter_paper():
    pdf = render_careplan_pdf(make_input(), "letter")
    assert page_size_pt(pdf) == (612, 792)
    if save_page_one_png(pdf, "careplan-letter") is None:
        pytest.skip("pdftoppm is not installed (Debian package poppler-utils): page 1 not saved as PNG")


def test_it_cites_only_existing_sources_in_the_side_effect_data():
    known = set(all_sources())
    for entry in side_effect_advice():
        assert set(entry.sources) <= known, entry.id


def test_it_finds_advice_by_drug_id_and_by_class():
    assert [a.id for a in advice_for("pregabalin")] == ["gabapentinoid_breathing", "gabapentinoid_stopping"]
    assert "duloxetine_liver" in [a.id for a in advice_for("duloxetine")]
    assert "duloxetine_liver" not in [a.id for a in advice_for("venlafaxine")]
    assert advice_for("no_such_drug") == []
