"""Both reports, in English and in Spanish, name what they show: a work-up test, a red flag, a trial's
response or stop reason, a care plan status ... by the words of its data file, never by its id."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from nervepath.clinical import identifiers
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.outcomes.records import CarePlanEntry
from nervepath.reports.careplan import render_careplan_html
from nervepath.reports.clinician import render_clinician_html
from nervepath.translations import translate
from tests.reports.factories import make_input
from tests.reports.test_reports_spanish import rich_input, spanish

SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
RENDERS = {"clinician": render_clinician_html, "care plan": render_careplan_html}


class _Text(HTMLParser):
    """The text a reader sees: everything but tags, attributes, styles and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def texts() -> dict[tuple[str, str], str]:
    report = rich_input()
    shown = {}
    for name, render in RENDERS.items():
        shown[(name, "en")] = shown_text(render(report))
        shown[(name, "es")] = shown_text(spanish(render, report))
    return shown


KEYS = [(name, language) for name in RENDERS for language in ("en", "es")]


@pytest.mark.parametrize("key", KEYS, ids=lambda k: "-".join(k))
def test_it_shows_no_snake_case_id(texts, key):
    assert SNAKE_CASE.findall(texts[key]) == []


@pytest.mark.parametrize("key", KEYS, ids=lambda k: "-".join(k))
def test_it_shows_no_work_up_test_or_red_flag_id(texts, key):
    # An id with an underscore is snake case (above); one without (ecg, hba1c) would show as that word.
    ids = [i for i in [*identifiers.tests(), *red_flag_catalogue()] if "_" not in i]
    assert [i for i in ids if re.search(rf"\b{re.escape(i)}\b", texts[key])] == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_names_every_work_up_test_and_red_flag_of_the_clinician_report(texts, language):
    assessment = rich_input().assessment or {}
    names = [identifiers.tests()[w["test"]].name for w in assessment["workup"]]
    names += [red_flag_catalogue()[f["id"]].name for f in assessment["red_flags"]]
    assert "ECG" in names or "Renal function (creatinine, eGFR)" in names  # what the ids once showed as
    text = texts[("clinician", language)]
    assert [name for name in names if translate(name, language) not in text] == []


def test_it_prints_a_dash_for_a_care_plan_status_it_does_not_know():
    # an imported FHIR activity status that the clinic's vocabulary does not have
    report = make_input(care_plan=[CarePlanEntry("sleep", "sleep", "Regular bedtime", status="on-hold")])
    text = shown_text(render_careplan_html(report))
    assert "Regular bedtime –" in " ".join(text.split())
    assert "on-hold" not in text
