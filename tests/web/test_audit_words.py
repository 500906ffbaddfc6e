"""The access log says what was read or changed in words, in the reader's language, never a raw id."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from nervepath.web.accounts.audit_words import OBJECT_WORDS, object_words
from nervepath.web.accounts.models import AuditAction, AuditEvent
from tests.web.conftest import Clinic


def test_every_record_a_log_event_can_name_has_words() -> None:
    models = {m._meta.model_name for m in apps.get_app_config("records").get_models()}
    assert models <= set(OBJECT_WORDS), models - set(OBJECT_WORDS)


def test_words_follow_the_language_and_an_override_names_its_record() -> None:
    with translation.override("es"):
        assert object_words("trials") == "ensayos de tratamiento"
        override = object_words("trial_override")
        assert override == "comprobación de la prescripción anulada: ensayo de tratamiento"
    with translation.override("en"):
        assert object_words("diaryday") == "diary day"
        assert object_words("some_new_type") == "record"


@pytest.mark.parametrize(
    ("language", "words"), [("en", "treatment trials"), ("es", "ensayos de tratamiento")]
)
def test_the_access_log_page_shows_the_words(
    client: Client, clinic: Clinic, language: str, words: str
) -> None:
    AuditEvent.objects.create(
        username="bob", action=AuditAction.read, patient_id=clinic.alice.pk, object_type="trials"
    )
    client.force_login(clinic.alice.user)
    page = client.get(reverse("accounts:access_log"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page
    assert "· trials" not in page
