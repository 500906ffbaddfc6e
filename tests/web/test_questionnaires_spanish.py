"""Alice (a patient) answers every questionnaire with the interface in Spanish.

PHQ-9 and GAD-7 show their published Spanish wording; every other questionnaire says, in Spanish, that
no validated Spanish version can be shown and gives its English items marked ``lang="en"``. Around the
items, and on the result page (band, meaning, the PHQ-9 safety message), everything is Spanish, and
the same answers give the same stored score in both languages.
"""

from __future__ import annotations

import pytest
from django.test import Client

from nervepath.instruments import Instrument, get_instrument, score
from nervepath.instruments.models import AnswerKind, Item
from nervepath.web.pages.questionnaires import self_report_instruments
from nervepath.web.records.models import QuestionnaireResponse
from nervepath.web.records.questionnaires import record_questionnaire
from tests.english import english_in_html
from tests.web.conftest import Clinic

SELF_REPORT = [inst.id for inst in self_report_instruments()]
VALIDATED_SPANISH = {"phq9", "gad7"}
NOTICE = "No hay una versión en español validada de este cuestionario"


def english_in(html: str) -> list[str]:
    """The English words of ``html`` outside ``lang="en"`` elements (tests/english.py)."""
    return [word for word, _ in english_in_html(html)]


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def highest_value(inst: Instrument, item: Item) -> int:
    return max(inst.answer_set(item).allowed_values(), key=lambda v: v * item.weight)


def engine_answers(inst: Instrument, values: dict[str, int]) -> dict[str, object]:
    return {
        i.id: bool(values[i.id]) if inst.answer_set(i).kind is AnswerKind.yes_no else values[i.id]
        for i in inst.items
    }


def answer_every_question(client: Client, inst: Instrument, values: dict[str, int]) -> list[str]:
    """Answers ``inst`` one screen at a time; returns each question page's main part and the result's."""
    pages = [main_of(client.get(f"/check/{inst.id}/?restart=1").content.decode())]
    for item in inst.items:
        response = client.post(
            f"/check/{inst.id}/", {"item": item.id, "answer": str(values[item.id])}, follow=True
        )
        assert response.status_code == 200
        pages.append(main_of(response.content.decode()))
    return pages


@pytest.fixture
def alice_in_spanish(as_alice: Client) -> Client:
    as_alice.cookies["django_language"] = "es"
    return as_alice


def test_it_lists_the_questionnaires_in_spanish(alice_in_spanish: Client) -> None:
    body = main_of(alice_in_spanish.get("/check/").content.decode())
    assert english_in(body) == []
    assert "Escala numérica del dolor" in body
    assert "Gravedad de la depresión" in body
    assert body.count("Preguntas en inglés") == len(SELF_REPORT) - len(VALIDATED_SPANISH)


@pytest.mark.parametrize("instrument_id", sorted(VALIDATED_SPANISH))
def test_it_asks_phq9_and_gad7_in_their_published_spanish_wording(
    alice_in_spanish: Client, instrument_id: str
) -> None:
    inst = get_instrument(instrument_id)
    wording = inst.languages["es"].wording
    assert wording is not None
    pages = answer_every_question(alice_in_spanish, inst, {i.id: 0 for i in inst.items})
    for item, page in zip(inst.items, pages, strict=False):
        assert english_in(page) == []
        assert wording.items[item.id] in page
        assert item.text not in page
        assert NOTICE not in page
        assert 'lang="en"' not in page[page.index('<div id="card"') :]
        assert "Ningún día" in page
        assert "Not at all" not in page
    assert wording.instructions in pages[0]


@pytest.mark.parametrize("instrument_id", sorted(set(SELF_REPORT) - VALIDATED_SPANISH))
def test_it_shows_the_other_questionnaires_in_english_with_a_spanish_notice(
    alice_in_spanish: Client, instrument_id: str
) -> None:
    inst = get_instrument(instrument_id)
    values = {i.id: highest_value(inst, i) for i in inst.items}
    pages = answer_every_question(alice_in_spanish, inst, values)
    for item, page in zip(inst.items, pages, strict=False):
        assert english_in(page) == [], item.id
        assert NOTICE in page
        assert f'<legend class="question-text" lang="en">{item.text}</legend>' in page.replace("&#x27;", "'")
        if inst.answer_set(item).kind is AnswerKind.yes_no:
            assert "<span>Sí</span>" in page
            assert 'lang="en">Yes' not in page


@pytest.mark.parametrize("instrument_id", SELF_REPORT)
def test_it_gives_the_result_page_in_spanish(alice_in_spanish: Client, instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    values = {i.id: highest_value(inst, i) for i in inst.items}
    result = answer_every_question(alice_in_spanish, inst, values)[-1]
    assert english_in(result) == []
    assert "Su resultado" in result or "resultado" in result
    for band in inst.bands:
        assert f"<strong>{band.label}</strong>" not in result
    stored = QuestionnaireResponse.objects.get(instrument_id=instrument_id)
    if stored.band:
        assert f"<strong>{inst.languages['es'].bands[stored.band].label}</strong>" in result


def test_it_gives_the_phq9_self_harm_message_entirely_in_spanish(alice_in_spanish: Client) -> None:
    inst = get_instrument("phq9")
    values = {i.id: 0 for i in inst.items} | {"self_harm": 1}
    result = answer_every_question(alice_in_spanish, inst, values)[-1]
    alert = result[result.index('<div class="alert" role="alert">') :]
    alert = alert[: alert.index("</div>")]
    assert english_in(alert) == []
    assert inst.languages["es"].flags["suicide_risk"] in alert
    assert "Any answer" not in result
    assert "not at all" not in result


def test_it_gives_the_phq9_self_harm_help_in_spanish(alice_in_spanish: Client) -> None:
    inst = get_instrument("phq9")
    values = {i.id: 0 for i in inst.items}
    pages = answer_every_question(alice_in_spanish, inst, values)
    last_question = pages[len(inst.items) - 1]
    assert inst.languages["es"].help["self_harm"] in last_question
    assert english_in(last_question) == []


@pytest.mark.parametrize("instrument_id", SELF_REPORT)
def test_it_scores_the_same_answers_the_same_in_both_languages(as_alice: Client, instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    values = {i.id: highest_value(inst, i) for i in inst.items}
    for language in ("en", "es"):
        as_alice.cookies["django_language"] = language
        answer_every_question(as_alice, inst, values)
    english, spanish = QuestionnaireResponse.objects.filter(instrument_id=instrument_id).order_by("pk")
    expected = score(instrument_id, engine_answers(inst, values))
    assert (english.score, english.band, english.flags) == (spanish.score, spanish.band, spanish.flags)
    assert spanish.score == pytest.approx(expected.score)
    assert spanish.band == (expected.band or "")


@pytest.mark.parametrize("instrument_id", ["dn4", "lanss"])
def test_it_gives_a_clinicians_questionnaire_result_to_the_patient_in_spanish(
    alice_in_spanish: Client, clinic: Clinic, instrument_id: str
) -> None:
    inst = get_instrument(instrument_id)
    values = {i.id: highest_value(inst, i) for i in inst.items}
    response = record_questionnaire(clinic.alice, instrument_id, engine_answers(inst, values))
    body = main_of(alice_in_spanish.get(f"/check/result/{response.pk}/").content.decode())
    assert english_in(body) == []
    assert inst.languages["es"].bands["likely"].label in body
    screen = inst.languages["es"].screen
    assert screen is not None
    assert screen.positive_means in body


def test_it_keeps_the_english_pages_in_english(as_alice: Client) -> None:
    inst = get_instrument("phq9")
    page = main_of(as_alice.get("/check/phq9/?restart=1").content.decode())
    assert inst.items[0].text in page
    assert "Not at all" in page
    assert 'lang="en"' not in page
    assert NOTICE not in page
    assert "<h1>PHQ-9</h1>" in page
    dn4_page = main_of(as_alice.get("/check/dn4_interview/?restart=1").content.decode())
    assert "<span>Yes</span>" in dn4_page
    assert 'lang="en"' not in dn4_page


def test_the_english_finder_sees_english_outside_lang_en_only() -> None:
    assert english_in('<p>Su resultado</p><p lang="en">Does the pain feel like burning?</p>') == []
    assert english_in("<p>Por favor, hable hoy con alguien. Any answer above</p>") == ["any", "answer"]
    assert english_in('<a aria-label="Start PHQ-9">Empezar</a>') == ["start"]
