"""The clinician's and the patient's pages name work-up tests, red flags, care plan parts and stop
reasons by their words, in the active language; a value no vocabulary knows is never shown as its id."""

from __future__ import annotations

import pytest
from django.utils import translation

from nervepath.errors import UnknownIdentifier
from nervepath.web.pages.assessment import _red_flag_words, _test_name
from nervepath.web.pages.treatments import TrialRow, plan_heading
from nervepath.web.records.models import Trial


@pytest.mark.parametrize(
    ("test_id", "language", "shown"),
    [("ecg", "en", "ECG"), ("renal_function", "en", "Renal function (creatinine, eGFR)")],
)
def test_it_names_a_work_up_test_from_the_catalogue(test_id: str, language: str, shown: str) -> None:
    with translation.override(language):
        assert _test_name(test_id) == shown


def test_it_names_a_red_flag_in_the_active_language() -> None:
    with translation.override("es"):
        assert _red_flag_words("progressive_weakness")["name"] == "Debilidad progresiva"


def test_it_refuses_a_test_or_red_flag_the_catalogue_does_not_have() -> None:
    with pytest.raises(UnknownIdentifier):
        _test_name("made_up_test")
    with pytest.raises(UnknownIdentifier):
        _red_flag_words("made_up_flag")


@pytest.mark.parametrize(
    ("kind", "language", "shown"),
    [
        ("follow_up", "en", "Follow-up"),
        ("medication_review", "en", "Other parts of the plan"),
        ("medication_review", "es", "Otras partes del plan"),
    ],
)
def test_it_heads_a_care_plan_part_by_its_words(kind: str, language: str, shown: str) -> None:
    with translation.override(language):
        assert plan_heading(kind) == shown


@pytest.mark.parametrize(
    ("reason", "language", "shown"),
    [
        ("side_effects", "en", "Side effects"),
        ("", "en", ""),
        ("patient_moved_away", "en", "Other reason"),
        ("patient_moved_away", "es", "Otro motivo"),
    ],
)
def test_it_says_why_a_trial_was_stopped_in_words(reason: str, language: str, shown: str) -> None:
    row = TrialRow(Trial(drug_id="pregabalin", stop_reason=reason), "Pregabalin", None, "", [])
    with translation.override(language):
        assert row.stop_words == shown
