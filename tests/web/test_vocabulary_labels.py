"""The situation page names conditions and causes of pain as the data files do, in the page's language,
and offers "Not known" once for an unknown cause."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone, translation

from nervepath.clinical.identifiers import etiologies
from nervepath.web.pages.sentences import sentence_text
from nervepath.web.pages.situation_forms import ConditionForm, SituationForm
from nervepath.web.records.conditions import add_condition
from nervepath.web.records.questionnaires import record_questionnaire
from tests.web.conftest import Clinic


def _choices(form: object, field: str) -> list[tuple[str, str]]:
    return [(value, str(words)) for value, words in form.fields[field].choices]  # type: ignore[attr-defined]


def test_it_offers_not_known_once_for_the_cause_of_pain() -> None:
    with translation.override("en"):
        choices = _choices(SituationForm(), "pain_etiology")
    assert choices[0] == ("", "Not known")
    assert [words for _, words in choices].count("Not known") == 1
    assert "Unknown" not in [words for _, words in choices]
    assert {value for value, _ in choices[1:]} == set(etiologies()) - {"unknown"}
    assert ("hiv_neuropathy", "HIV neuropathy") in choices


def test_it_reads_a_stored_unknown_cause_as_not_known() -> None:
    assert SituationForm(initial={"pain_etiology": "unknown"}).initial["pain_etiology"] == ""


def test_it_names_conditions_in_the_pages_language() -> None:
    with translation.override("en"):
        english = _choices(ConditionForm(), "condition")
    assert ("copd", "COPD (chronic obstructive pulmonary disease)") in english
    assert not [words for value, words in english if value and "_" in words]
    with translation.override("es"):
        spanish = _choices(ConditionForm(), "condition")
    assert ("copd", "EPOC (enfermedad pulmonar obstructiva crónica)") in spanish


def test_it_lists_recorded_conditions_by_name(as_bob: Client, clinic: Clinic) -> None:
    add_condition(clinic.alice, "copd")
    add_condition(clinic.alice, "hiv")
    for url in (f"/clinic/patients/{clinic.alice.pk}/situation/", f"/clinic/patients/{clinic.alice.pk}/"):
        page = as_bob.get(url).content.decode()
        assert "COPD (chronic obstructive pulmonary disease)" in page
        assert "HIV infection" in page
        assert ">Copd" not in page
        assert "Hiv" not in page


def test_it_names_a_questionnaire_flag_by_its_questionnaire_and_meaning(
    as_bob: Client, clinic: Clinic
) -> None:
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1], timezone.now() - timedelta(hours=2))
    (row,) = [r for r in as_bob.get("/clinic/").context["page"] if r[0].display_name == "Alice Patient"]
    (concern,) = [c for c in row[1] if c.flag == "suicide_risk"]
    assert str(concern.label).startswith("Questionnaire flag: PHQ-9 — ")
    assert "suicide" not in str(concern.label)


def test_it_says_the_grading_reasons_names_in_spanish() -> None:
    with translation.override("es"):
        cause = sentence_text("History of a lesion or disease that causes neuropathic pain: HIV neuropathy.")
        known = sentence_text("Cause not established, but a relevant condition is known: multiple sclerosis.")
    assert "neuropatía por VIH" in cause
    assert "esclerosis múltiple" in known
