"""The learn and entry pages render an entry's markup (safely), speak the reader's language and put
the red flags first."""

from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from nervepath.knowledge.loader import knowledge_base
from nervepath.web.pages.templatetags.nervepath import entry_markup, learn_groups

pytestmark = pytest.mark.django_db

# As in tests/web/conftest.py: the settings demand a SECRET_KEY outside DEBUG.
if not os.environ.get("SECRET_KEY"):
    django_settings.SECRET_KEY = "tests-only-secret-key-of-enough-length-0123456789"


def page(path: str, language: str = "en") -> str:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("**Go now**", "<strong>Go now</strong>"),
        ("*gently*", "<em>gently</em>"),
        ("- one;\n\n- two", "<li>"),
        ("a <script>alert(1)</script>", "a &lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ],
)
def test_the_markup_filter_renders_markup_and_escapes_html(text: str, html: str) -> None:
    assert html in entry_markup(text)


@pytest.mark.parametrize(
    "text", ["[click](javascript:alert(1))", "![x](http://evil.example/x.png)", "<http://evil.example>"]
)
def test_the_markup_filter_renders_no_links_or_images(text: str) -> None:
    rendered = entry_markup(text)
    assert "<a " not in rendered
    assert "<img" not in rendered


def test_the_red_flag_page_shows_bold_text_not_asterisks() -> None:
    body = page("/learn/red_flags/")
    assert "**" not in body
    assert "<strong>Call an ambulance or go to the emergency room now if you have:</strong>" in body
    assert "<li>" in body


@pytest.mark.parametrize("entry_id", [e.id for e in knowledge_base().values() if "**" in e.text])
def test_no_entry_page_shows_literal_markup(entry_id: str) -> None:
    assert "**" not in page(f"/learn/{entry_id}/")


def test_the_red_flag_page_speaks_spanish() -> None:
    body = page("/learn/red_flags/", "es")
    assert "Signos de alarma: cuándo pedir ayuda urgente" in body
    assert "<strong>Vaya a urgencias o llame a una ambulancia ahora si tiene:</strong>" in body
    assert "**" not in body


def test_an_untranslated_entry_shows_english_on_the_spanish_page(monkeypatch: pytest.MonkeyPatch) -> None:
    untranslated = knowledge_base()["tens"].model_copy(update={"translations": {}})
    monkeypatch.setattr("nervepath.web.pages.views.learn.get_entry", lambda entry_id: untranslated)
    assert untranslated.title in page("/learn/tens/", "es")


@pytest.mark.parametrize(("language", "title"), [("en", "Warning signs"), ("es", "Signos de alarma")])
def test_the_learn_page_puts_the_red_flags_before_everything_else(language: str, title: str) -> None:
    body = page("/learn/", language)
    first = body.index('href="/learn/') + len('href="')
    assert body.startswith("/learn/red_flags/", first)
    assert title in body[first : first + 300]
    search_form = body.index('role="search"')
    assert body.index('href="/learn/', search_form) == body.index('href="/learn/red_flags/', search_form)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_topic_list_starts_with_the_urgent_group(language: str) -> None:
    groups = learn_groups(knowledge_base().values(), language)
    assert groups[0]["urgent"] is True
    assert [row[0] for row in groups[0]["entries"]] == ["red_flags"]  # type: ignore[index]
    listed = [row[0] for g in groups for row in g["entries"]]  # type: ignore[attr-defined]
    assert sorted(listed) == sorted(knowledge_base())


@pytest.mark.parametrize(
    ("language", "headings"),
    [("en", ["Understanding nerve pain", "Causes"]), ("es", ["Entender el dolor de los nervios", "Causas"])],
)
def test_the_topic_groups_have_headings_in_the_page_language(language: str, headings: list[str]) -> None:
    with translation.override(language):
        groups = learn_groups(knowledge_base().values(), language)
        assert [str(g["category"]) for g in groups[1:3]] == headings


def test_search_results_are_shown_in_the_page_language(client: Client) -> None:
    page = client.get("/learn/?q=burning+feet", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    burning = knowledge_base()["burning_pain"].in_language("es")
    assert burning.title in page
    assert burning.summary in page
    assert knowledge_base()["burning_pain"].summary not in page
