"""The clinician report's diary insights: the planted finding in the PDF text, with its forest plot."""

from __future__ import annotations

import math
from dataclasses import replace

from nervepath.outcomes.insights import analyse
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


def test_a_trial_resting_on_one_day_gives_finite_estimates_and_no_warning() -> None:
    """Sleep changes the day pregabalin starts: next-day sleep meets the trial period on one day only."""
    report = make_input()
    result = analyse(report.diary, report.trials, report.period.start, report.period.end)
    assert result.factors  # still estimated (the suite turns a numpy warning into an error)
    assert all(math.isfinite(f.se) and f.se > 0 for f in result.factors)
    assert all(f.ci95[0] <= f.effect <= f.ci95[1] for f in result.factors)
