"""The clinic page and the human CLI output call an option status by the same English words: the page's
translatable labels (web/pages/assessment.py) match data/reports/statuses.yaml, which the CLI reads."""

from __future__ import annotations

from django.utils import translation

from nervepath.reports.labels import status_words
from nervepath.web.pages.assessment import STATUS_LABELS


def test_it_uses_the_same_english_status_words_on_the_page_and_in_the_cli():
    with translation.override("en"):
        page = {status: str(label) for status, label in STATUS_LABELS.items()}
    assert page == status_words().statuses
