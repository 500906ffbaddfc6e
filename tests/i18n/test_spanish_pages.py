"""Every page a person reads, in Spanish, holds no English outside elements marked lang="en".

The demo clinic gives each page real content (diary, trials, checks, red flags, questionnaires, a care
plan, insights). What people typed themselves (care-plan titles, notes) is written in Spanish here, as a
Spanish-speaking clinic would; everything else on the page is the application's or the data's words.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from django.test import Client
from django.urls import reverse

from nervepath.knowledge.loader import knowledge_base
from nervepath.web.demo import DEMO_LOGINS, build_demo_clinic
from nervepath.web.pages.questionnaires import self_report_instruments
from nervepath.web.records import models as m
from nervepath.web.records.validation import today
from tests.english import english_in_html
from tests.i18n.user_texts import write_user_texts_in_spanish


@pytest.fixture
def demo(db: None) -> m.Patient:
    build_demo_clinic(patients=4, years=0.3, seed=7, today=today())
    write_user_texts_in_spanish()
    return m.Patient.objects.get(display_name="Pat Demo")


def _client(username: str | None) -> Client:
    from django.contrib.auth.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def _leftovers(client: Client, urls: Iterable[str]) -> dict[str, list[str]]:
    """For each page with English in it: the English words with the text around them."""
    found: dict[str, list[str]] = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        assert response.headers["Content-Language"] == "es", url
        words = english_in_html(response.content.decode())
        if words:
            found[url] = sorted({f"{word!r} in {text!r}" for word, text in words})[:8]
    return found


def _report(found: dict[str, list[str]]) -> str:
    return "English on Spanish pages:\n" + "\n".join(
        f"{url}\n    " + "\n    ".join(words) for url, words in sorted(found.items())
    )


def test_patient_pages_are_spanish(demo: m.Patient) -> None:
    client = _client(DEMO_LOGINS["patient"][0])
    urls = [
        reverse("pages:today"),
        reverse("pages:treatments"),
        reverse("pages:plan"),
        reverse("pages:insights"),
        reverse("pages:check"),
        reverse("pages:learn"),
        reverse("accounts:preferences"),
        reverse("accounts:link"),
        reverse("accounts:my_data"),
        reverse("accounts:access_log"),
        *(reverse("pages:check_step", args=[i.id]) for i in self_report_instruments()),
    ]
    found = _leftovers(client, urls)
    assert not found, _report(found)


def test_learn_entries_are_spanish(demo: m.Patient) -> None:
    client = _client(DEMO_LOGINS["patient"][0])
    found = _leftovers(client, [reverse("pages:entry", args=[e]) for e in sorted(knowledge_base())])
    assert not found, _report(found)


def test_clinician_pages_are_spanish(demo: m.Patient) -> None:
    client = _client(DEMO_LOGINS["clinician"][0])
    patients = list(m.Patient.objects.order_by("pk"))
    urls = [
        reverse("pages:clinic"),
        reverse("pages:outcomes"),
        reverse("accounts:invitations"),
        *(reverse("pages:patient", args=[p.pk]) for p in patients),
        reverse("pages:situation", args=[demo.pk]),
    ]
    found = _leftovers(client, urls)
    assert not found, _report(found)


def test_public_pages_are_spanish(db: None) -> None:
    client = _client(None)
    urls = [reverse("accounts:login"), reverse("accounts:signup"), reverse("pages:learn")]
    found = _leftovers(client, urls)
    assert not found, _report(found)
