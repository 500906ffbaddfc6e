"""Prescribing checks kept with a trial or a medicine, in the clinician report and the patient's care plan:
an overridden block on page 1 and in its own section with who and why; plain words in the care plan."""

from __future__ import annotations

from typing import Any

from nervepath.outcomes.records import DoseChange, TrialRecord
from nervepath.reports.careplan import render_careplan_html, render_careplan_pdf
from nervepath.reports.clinician import render_clinician_html, render_clinician_pdf
from nervepath.reports.inputs import PrescribingRecord
from tests.reports.factories import day, make_input
from tests.reports.pdftext import pages

REASON = "Specialist advice: short trial above the usual maximum"
ABOVE = {
    "rule": "renal_table_pregabalin",
    "flag": "above_maximum",
    "severity": "block",
    "message": "Pregabalin 450 mg a day is above the maximum for this patient, 300 mg a day",
    "sources": ["label_lyrica", "a_source_since_renamed"],  # a stored check outlives a renamed source
    "overridden": True,
    "reason": REASON,
    "by": "Dr Bob",
}
WARNING = {
    "rule": "flag_falls",
    "flag": "falls",
    "severity": "warn",
    "message": "Falls risk in an older adult.",
    "sources": [],
    "overridden": False,
    "reason": None,
}


def _above_max(*checks: dict[str, Any], stop: int | None = None) -> dict[str, Any]:
    trial = TrialRecord(
        "pregabalin",
        day(14),
        (DoseChange(day(14), 150), DoseChange(day(28), 450)),
        stop_date=day(stop) if stop is not None else None,
        stop_reason="side_effects" if stop is not None else "",
        id=1,
    )
    return {"trials": [trial], "prescribing": [PrescribingRecord("pregabalin", tuple(checks), 1)]}


def test_the_clinician_report_puts_an_overridden_check_on_page_one_with_who_and_why() -> None:
    text = pages(render_clinician_pdf(make_input(**_above_max(ABOVE, WARNING))))
    assert "Prescribing check overridden" in text[0]
    assert (
        "Pregabalin: Pregabalin 450 mg a day is above the maximum for this patient, 300 mg a day." in text[0]
    )
    assert f"Overridden by Dr Bob: {REASON}" in text[0]
    rest = " ".join(text[1:])
    assert "Prescribing checks" in rest
    assert "Falls risk in an older adult." in rest
    assert "Warning (not blocking)" in rest


def test_a_check_on_a_stopped_trial_stays_in_the_section_but_not_on_page_one() -> None:
    html = render_clinician_html(make_input(**_above_max(ABOVE, stop=40)))
    assert "Prescribing check overridden" not in html
    assert "<h2>Prescribing checks</h2>" in html
    assert REASON in html


def test_a_report_without_checks_has_no_prescribing_section() -> None:
    html = render_clinician_html(make_input())
    assert "Prescribing check" not in html


def test_an_override_without_an_author_still_shows_the_reason() -> None:
    anonymous = {k: v for k, v in ABOVE.items() if k != "by"}
    html = render_clinician_html(make_input(**_above_max(anonymous)))
    assert f"Overridden: {REASON}" in html


def test_the_care_plan_says_it_in_plain_words_and_does_not_contradict_the_dose() -> None:
    text = " ".join(pages(render_careplan_pdf(make_input(**_above_max(ABOVE, WARNING)))))
    assert "Now: 450 mg a day" in text
    assert (
        "This dose is above the usual most for you (300 mg a day (lowered for your kidney function))" in text
    )
    assert "Never take more than 300 mg a day" not in text
    assert "Next step: this is already the most for you" in text
    assert "This dose is higher than the usual most for you. Your clinician chose it on purpose." in text
    assert f"Reason given by Dr Bob: {REASON}" in text
    assert "There is something to watch with this medicine." in text
    assert "above_maximum" not in text
    assert "renal_table" not in text
    assert "flag_falls" not in text


def test_the_care_plan_asks_to_check_a_dose_above_the_maximum_that_nobody_overrode() -> None:
    html = render_careplan_html(make_input(**_above_max()))
    assert "This dose is above the usual most for you" in html
    assert "Please check this dose with your clinician soon." in html
