"""The clinic page and the human CLI output call an option status by the same English words: the page's
translatable labels (web/pages/assessment.py) match data/reports/statuses.yaml, which the CLI and the reports
read. Every status has its words in both languages and its CLI colour, every safety flag its meaning."""

from __future__ import annotations

import pytest
from django.utils import translation

from nervepath.cli.assess import STATUS_STYLE
from nervepath.clinical.catalogue import Kind
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.reports import labels
from nervepath.reports.labels import status_words
from nervepath.web.pages.assessment import STATUS_LABELS, option_row
from nervepath.web.pages.templatetags.nervepath import grade


def test_it_uses_the_same_english_status_words_on_the_page_and_in_the_cli():
    with translation.override("en"):
        page = {status: str(label) for status, label in STATUS_LABELS.items()}
    assert page == status_words().statuses


def _row(status: str, flags: list[str]) -> dict:
    """The page's row for an option as the assess JSON gives it: ids as plain strings."""
    return option_row({"id": "gabapentin", "kind": "drug", "status": status, "flags": flags, "sources": []})


@pytest.mark.parametrize("status", list(OptionStatus))
def test_it_words_every_option_status_in_english_and_spanish_on_the_page_in_the_cli_and_reports(status):
    with translation.override("en"):
        english = str(_row(status.value, [])["status_label"])
    with translation.override("es"):
        spanish = str(_row(status.value, [])["status_label"])
    assert english == labels.status_label(status)
    assert "_" not in english
    assert spanish not in ("", english)
    assert STATUS_STYLE[status]


@pytest.mark.parametrize("flag", list(OptionFlag))
def test_it_says_what_every_safety_flag_asks_to_watch_on_the_page_in_the_cli_and_reports(flag):
    meaning = labels.flag_meaning(flag)
    assert meaning
    assert "_" not in meaning
    assert _row("caution", [flag.value])["flag_words"] == [meaning]


@pytest.mark.parametrize("kind", list(Kind))
def test_it_words_every_option_kind_in_english_and_spanish(kind):
    row = option_row({"id": "x", "kind": kind.value, "status": "recommended", "flags": [], "sources": []})
    with translation.override("en"):
        english = str(row["kind_label"])
    with translation.override("es"):
        spanish = str(row["kind_label"])
    assert "_" not in english
    assert spanish not in ("", english)


@pytest.mark.parametrize(
    ("language", "level", "shown"),
    [
        ("en", "possible", "possible"),
        ("es", "possible", "posible"),
        ("es", "definite", "definitivo"),
        ("en", "x", "–"),
    ],
)
def test_the_grade_on_the_page_is_the_reports_word_in_the_page_language(
    language: str, level: str, shown: str
) -> None:
    with translation.override(language):
        assert grade(level) == shown
