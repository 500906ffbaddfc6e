"""Conditions, medications, questionnaires, care links and care plans, the clinical situation.

Each write is checked for what it stores, for the field named on bad input, and for writing
nothing when the input is bad.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from nervepath.errors import Conflict, InvalidInput, NotFound, UnknownIdentifier
from nervepath.web.records import care, conditions, medications, questionnaires, situation
from nervepath.web.records.models import (
    CareLink,
    ClinicalSituation,
    Condition,
    Medication,
    Patient,
    QuestionnaireResponse,
)
from tests.examples import DN4_EXAMPLE as DN4


def test_it_adds_updates_and_removes_a_condition(ann: Patient) -> None:
    _, created = conditions.add_condition(ann, "diabetes_type_2", "2010-05-01")
    assert created
    _, created = conditions.add_condition(ann, "diabetes_type_2", note="on metformin")
    assert not created
    assert [(c.condition_id, c.onset_date, c.note) for c in conditions.list_conditions(ann)] == [
        ("diabetes_type_2", None, "on metformin")
    ]
    conditions.remove_condition(ann, "diabetes_type_2")
    assert not Condition.objects.exists()
    with pytest.raises(NotFound, match="condition diabetes_type_2 was not found"):
        conditions.remove_condition(ann, "diabetes_type_2")


def test_it_refuses_a_condition_id_the_clinical_vocabulary_does_not_know(ann: Patient) -> None:
    with pytest.raises(UnknownIdentifier) as caught:
        conditions.add_condition(ann, "diabetes")
    assert caught.value.field == "condition"
    assert "diabetes_type_2" in caught.value.known
    with pytest.raises(InvalidInput, match="onset_date"):
        conditions.add_condition(ann, "hypertension", "2999-01-01")
    assert not Condition.objects.exists()


def test_it_keeps_the_dose_history_of_a_medication(ann: Patient) -> None:
    first = medications.add_medication(ann, "oxycodone", "20", "2026-01-01")
    assert (first.unit, first.daily_dose) == ("mg", 20.0)
    second = medications.change_medication_dose(first, 30, "2026-02-01")
    assert second.pk != first.pk
    medications.stop_medication(second, "2026-03-01")
    rows = Medication.objects.order_by("start_date")
    assert [(m.daily_dose, m.start_date, m.stop_date) for m in rows] == [
        (20.0, date(2026, 1, 1), date(2026, 2, 1)),
        (30.0, date(2026, 2, 1), date(2026, 3, 1)),
    ]
    assert medications.current_medications(ann) == []


def test_it_changes_the_dose_in_place_on_the_start_day(ann: Patient) -> None:
    row = medications.add_medication(ann, "metformin", 1000, "2026-01-01")
    medications.change_medication_dose(row, 2000, "2026-01-01")
    assert list(Medication.objects.values_list("daily_dose", flat=True)) == [2000.0]


def test_it_takes_the_unit_of_a_patch_from_the_drug_table(ann: Patient) -> None:
    assert medications.add_medication(ann, "fentanyl_patch", 12).unit == "mcg_per_h"


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda p: medications.add_medication(p, "aspirin_x", 10), UnknownIdentifier, "drug"),
        (lambda p: medications.add_medication(p, "metformin", 0), InvalidInput, "daily_dose"),
        (lambda p: medications.add_medication(p, "metformin", "lots"), InvalidInput, "daily_dose"),
        (lambda p: medications.add_medication(p, "metformin", 500, "2999-01-01"), InvalidInput, "start_date"),
    ],
)
def test_it_names_the_field_of_a_bad_medication(ann: Patient, call: object, error: type, field: str) -> None:
    with pytest.raises(error) as caught:
        call(ann)  # type: ignore[operator]
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert not Medication.objects.exists()


def test_it_refuses_a_second_current_row_of_a_drug_and_a_stop_before_the_start(ann: Patient) -> None:
    row = medications.add_medication(ann, "metformin", 1000, "2026-02-01")
    with pytest.raises(Conflict, match="already a current medication"):
        medications.add_medication(ann, "metformin", 500)
    with pytest.raises(InvalidInput, match="date: got '2026-01-01'"):
        medications.stop_medication(row, "2026-01-01")
    medications.stop_medication(row, "2026-02-10")
    with pytest.raises(Conflict, match="was stopped"):
        medications.change_medication_dose(row, 500, "2026-02-11")
    assert Medication.objects.count() == 1


def test_it_scores_a_questionnaire_on_write_and_keeps_flags(ann: Patient) -> None:
    taken = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    response = questionnaires.record_questionnaire(ann, "phq9", [1, 1, 0, 2, 0, 1, 0, 0, 1], taken)
    stored = QuestionnaireResponse.objects.get(pk=response.pk)
    assert (stored.score, stored.band, stored.flags, stored.taken_at) == (
        6.0,
        "mild",
        ["suicide_risk"],
        taken,
    )
    dn4 = questionnaires.record_questionnaire(ann, "dn4", DN4)
    assert (dn4.score, dn4.flags) == (4.0, [])
    assert questionnaires.latest_answers(ann, "dn4") == DN4
    assert questionnaires.latest_answers(ann, "gad7") is None


def test_it_stores_nothing_for_bad_answers_or_a_future_time(ann: Patient) -> None:
    with pytest.raises(InvalidInput, match="answers"):
        questionnaires.record_questionnaire(ann, "phq9", [1, 9, 0, 0, 0, 0, 0, 0, 0])
    with pytest.raises(UnknownIdentifier):
        questionnaires.record_questionnaire(ann, "phq99", [1])
    with pytest.raises(InvalidInput, match="taken_at"):
        questionnaires.record_questionnaire(ann, "dn4", DN4, timezone.now() + timedelta(hours=1))
    with pytest.raises(InvalidInput, match="taken_at"):
        questionnaires.record_questionnaire(ann, "dn4", DN4, datetime(2026, 1, 1, 9, 0))
    assert not QuestionnaireResponse.objects.exists()


def test_it_links_and_unlinks_a_clinician(ann: Patient) -> None:
    carla = care.add_clinician("Dr Carla Reyes")
    assert care.link_patient(carla, ann)[1] is True
    assert care.link_patient(carla, ann)[1] is False
    assert list(ann.clinicians.all()) == [carla]
    care.unlink_patient(carla, ann)
    assert not CareLink.objects.exists()
    with pytest.raises(NotFound):
        care.unlink_patient(carla, ann)
    with pytest.raises(InvalidInput, match="name"):
        care.add_clinician("  ")


def test_it_keeps_a_care_plan(ann: Patient) -> None:
    item = care.add_care_plan_item(ann, "follow_up", "follow_up_visit", "Review the trial", "2026-04-01")
    care.set_care_plan_status(item, "completed")
    stored = care.get_care_plan_item(item.pk)
    assert (stored.status, stored.due_date) == ("completed", date(2026, 4, 1))
    with pytest.raises(InvalidInput, match="status"):
        care.set_care_plan_status(item, "done")
    with pytest.raises(InvalidInput, match="kind"):
        care.add_care_plan_item(ann, "Follow Up", "x", "y")


def test_it_merges_the_situation_and_counts_versions(ann: Patient) -> None:
    first = situation.set_situation(ann, {"weight_kg": 60, "pain_etiology": "diabetic_polyneuropathy"})
    second = situation.set_situation(ann, {"hla_b_1502": True, "red_flag_findings": ["saddle_anesthesia"]})
    assert (first.version, second.version) == (1, 2)
    values = situation.situation_values(situation.get_situation(ann))
    assert {k: v for k, v in values.items() if v not in (None, [])} == {
        "weight_kg": 60.0,
        "pain_etiology": "diabetic_polyneuropathy",
        "hla_b_1502": "positive",
        "red_flag_findings": ["saddle_anesthesia"],
    }
    situation.set_situation(ann, {"pain_etiology": None})
    assert ClinicalSituation.objects.get().pain_etiology == ""
    with pytest.raises(Conflict, match="changed by someone else"):
        situation.set_situation(ann, {"weight_kg": 61}, expected_version=2)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weight_kg": 900}, "patient.weight_kg"),
        ({"pain_etiology": "bad_luck"}, "pain.etiology"),
        ({"red_flag_findings": ["headache"]}, "red_flag_findings[0]"),
        ({"tests_done": ["xray"]}, "tests.done[0]"),
        ({"pain_nrs_average": 11}, "pain.nrs_average"),
        ({"hla_b_1502": "maybe"}, "patient.hla_b_1502"),
        ({"shoe_size": 42}, "situation"),
    ],
)
def test_it_checks_the_situation_as_a_case_and_writes_nothing_on_error(
    ann: Patient, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        situation.set_situation(ann, changes)
    assert caught.value.field == field
    assert not ClinicalSituation.objects.exists()


def test_it_refuses_pregnancy_for_a_male_patient(db: None) -> None:
    bob = Patient.objects.create(display_name="Bob", sex="male")
    with pytest.raises(InvalidInput, match=r"patient\.pregnant"):
        situation.set_situation(bob, {"pregnant": True})
