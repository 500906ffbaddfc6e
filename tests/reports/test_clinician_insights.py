"""The clinician report's diary insights: the planted finding in the PDF text, with its forest plot."""

from __future__ import annotations

from dataclasses import replace

from nervepath.outcomes.records import DiaryEntry
from nervepath.reports.clinician import insights, render_clinician_pdf
from tests.reports.factories import day, diary, make_input
from tests.reports.pdftext import pages


def cold_diary(days: int = 70) -> list[DiaryEntry]:
    """The factories' diary with cold on every third day, pain 3 points higher on those days."""
    return [
        replace(e, pain_average=e.pain_average + 3, triggers=("cold",)) if i % 3 == 0 else e
        for i, e in enumerate(diary(days))
    ]


def test_the_pdf_names_the_planted_finding() -> None:
    text = " ".join(pages(render_clinician_pdf(make_input(diary=cold_diary()))))
    assert "What went with the pain (diary associations)" in text
    assert "On days with cold, your pain was 3." in text
    assert "Associations, not causes" in text


def test_the_section_draws_the_forest_plot_with_the_finding_filled() -> None:
    html = insights(make_input(diary=cold_diary()))
    assert html.count("<svg") == 1
    assert "Cold · same day" in html
    assert '<rect x="' in html  # a finding's filled square


def test_too_short_a_diary_says_not_enough_data() -> None:
    html = insights(make_input(diary=cold_diary(20), today=day(19)))
    assert "<svg" not in html
    assert "Not enough diary data yet (20 days in the period)." in html
