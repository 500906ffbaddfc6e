"""No page, report or CLI output shows what belongs in the data files: provenance remarks, grading
badges, raw source ids or vocabulary ids. Checked on the demo clinic, as each persona sees it."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.clinical.vocabulary import Vocabulary, names
from nervepath.knowledge.loader import knowledge_base
from nervepath.reports.careplan import render_careplan_html
from nervepath.reports.clinician import render_clinician_html
from nervepath.sources import all_sources
from nervepath.web.demo import DEMO_LOGINS, build_demo_clinic
from nervepath.web.records.models import Patient
from nervepath.web.records.reporting import report_input_for

INTERNAL = [
    r"shared/seed",
    r"seed of this project",
    r"\bC2\b",
    r"confirmed:? false",
    r"not opened",
    r"unconfirmed",
    r"\.yaml\b",
]
IDS = sorted(
    {*all_sources(), *(i for kind in Vocabulary for i in names(kind) if "_" in i)}, key=len, reverse=True
)
LEAK = re.compile("|".join([*INTERNAL, *(rf"\b{re.escape(i)}\b" for i in IDS)]), re.IGNORECASE)


def visible_text(page: str) -> str:
    """The text a reader sees: no tags, attributes, scripts or styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def leaks(text: str) -> list[str]:
    return sorted({m.group(0) for m in LEAK.finditer(text)})


@pytest.fixture
def demo(db: None) -> list[Patient]:
    build_demo_clinic(patients=3, years=0.2, seed=7, today=date(2026, 11, 30))
    return list(Patient.objects.order_by("pk"))


def _client(role: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=DEMO_LOGINS[role][0]))
    return client


def _pages(client: Client, urls: list[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = leaks(visible_text(response.content.decode()))
    return {url: words for url, words in found.items() if words}


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_shows_clinicians_no_internal_words_or_ids(demo: list[Patient], language: str) -> None:
    client = _client("clinician")
    client.cookies["django_language"] = language
    urls = ["/clinic/", "/clinic/outcomes/"]
    for patient in demo:
        urls += [f"/clinic/patients/{patient.pk}/", f"/clinic/patients/{patient.pk}/situation/"]
    urls += [f"/learn/{entry_id}/" for entry_id in sorted(knowledge_base())]
    assert _pages(client, urls) == {}


def test_it_shows_patients_no_internal_words_or_ids(demo: list[Patient]) -> None:
    urls = ["/today/", "/treatments/", "/plan/", "/insights/", "/learn/", "/check/"]
    urls += [f"/learn/{entry_id}/" for entry_id in sorted(knowledge_base())]
    assert _pages(_client("patient"), urls) == {}


def test_it_prints_no_internal_words_or_ids_in_the_reports(demo: list[Patient]) -> None:
    for patient in demo:
        report = report_input_for(patient, today=date(2026, 11, 30))
        assert leaks(visible_text(render_clinician_html(report))) == []
        assert leaks(visible_text(render_careplan_html(report))) == []


@pytest.mark.parametrize(
    "arguments",
    [
        ["rules"],
        ["learn", "--id", "thyroid_problems"],
        ["learn", "phantom"],
        ["assess", "--example", "dpn-on-oxycodone"],
    ],
)
def test_it_prints_no_internal_words_or_source_ids_in_the_cli(arguments: list[str]) -> None:
    result = CliRunner().invoke(app, arguments, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert leaks(result.stdout) == []
