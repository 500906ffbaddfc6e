"""``case_for_patient``: the stored records of Ann as an ``assess`` case, exactly in the contract format."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nervepath.clinical.assess import assess_json
from nervepath.clinical.case import parse_case
from nervepath.errors import InvalidInput
from nervepath.web.records import conditions, medications, questionnaires, situation, trials
from nervepath.web.records.assessment import case_for_patient
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import Condition, Patient
from nervepath.web.records.status import patient_status
from tests.examples import DN4_EXAMPLE as DN4

TODAY = date(2026, 3, 1)
START = date(2026, 1, 10)


@pytest.fixture
def ann_recorded(ann: Patient) -> Patient:
    """Ann, 67, diabetic: 7 days at 8 before pregabalin, 6 afterwards; stopped as ineffective."""
    for offset in range(50):
        day = START + timedelta(days=offset)
        record_day(ann, DayInput(day, 8 if offset < 7 else 6))
    trial = trials.start_trial(ann, "pregabalin", START + timedelta(days=7), 150)
    trials.change_dose(trial, START + timedelta(days=14), 300)
    trials.stop_trial(trial, START + timedelta(days=49), "ineffective")
    trials.start_trial(ann, "duloxetine", START + timedelta(days=49), 30)
    conditions.add_condition(ann, "hypertension")
    conditions.add_condition(ann, "diabetes_type_2")
    medications.add_medication(ann, "metformin", 2000)
    old = medications.add_medication(ann, "omeprazole", 20, "2026-01-01")
    medications.stop_medication(old, "2026-02-01")
    questionnaires.record_questionnaire(ann, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0])
    questionnaires.record_questionnaire(ann, "phq9", [1, 1, 0, 2, 0, 1, 0, 0, 0])
    questionnaires.record_questionnaire(ann, "dn4", DN4)
    changes = {
        "weight_kg": 60,
        "serum_creatinine_mg_dl": 1.1,
        "alcohol_units_per_week": 4,
        "pain_duration_months": 9,
        "pain_etiology": "diabetic_polyneuropathy",
        "pain_distribution_plausible": True,
        "pain_localized": False,
        "sensory_signs_in_painful_area": True,
        "tests_confirm_lesion": False,
    }
    situation.set_situation(ann, changes)
    return ann


def test_it_builds_the_case_from_every_record(ann_recorded: Patient) -> None:
    assert case_for_patient(ann_recorded, TODAY) == {
        "patient": {"age": 67, "sex": "female", "weight_kg": 60.0, "serum_creatinine_mg_dl": 1.1},
        "conditions": ["diabetes_type_2", "hypertension"],
        "medications": [{"id": "metformin", "daily_mg": 2000.0}],
        "alcohol_units_per_week": 4.0,
        "pain": {
            "duration_months": 9.0,
            "etiology": "diabetic_polyneuropathy",
            "distribution_plausible": True,
            "localized": False,
            "nrs_average": 6,
        },
        "exam": {"sensory_signs_in_painful_area": True},
        "tests": {"confirms_lesion": False},
        "answers": {"dn4": DN4, "phq9": [1, 1, 0, 2, 0, 1, 0, 0, 0]},
        "trials": [
            {
                "drug": "pregabalin",
                "max_daily_mg": 300.0,
                "weeks_at_max_dose": 5.0,
                "weeks_on_trial": 6.0,  # a week at 150 mg first
                "pain_reduction_pct": 25.0,
                "stopped_because": "ineffective",
            },
            {
                "drug": "duloxetine",
                "max_daily_mg": 30.0,
                "weeks_at_max_dose": 0.14,  # one day
                "weeks_on_trial": 0.14,
                "pain_reduction_pct": None,  # one diary day on it: too few for a mean
                "stopped_because": "ongoing",
                "current_daily_mg": 30.0,
            },
        ],
    }


def test_it_gives_a_case_the_clinical_pipeline_accepts(ann_recorded: Patient) -> None:
    case = case_for_patient(ann_recorded, TODAY)
    parse_case(case)
    result = assess_json(case)
    statuses = {o["id"]: o["status"] for o in result["options"]}
    assert statuses["pregabalin"] == "tried_ineffective"
    assert result["screening"]["phq9"]["band"] == "mild"
    assert result["creatinine_clearance_ml_min"] is not None


def test_it_reads_red_flags_recorded_as_conditions(ann: Patient) -> None:
    Condition.objects.create(patient=ann, condition_id="progressive_weakness")
    Condition.objects.create(patient=ann, condition_id="hypertension")
    case = case_for_patient(ann, TODAY)
    assert (case["conditions"], case["red_flag_findings"]) == (["hypertension"], ["progressive_weakness"])
    assert assess_json(case)["red_flags"][0]["id"] == "progressive_weakness"


@pytest.mark.parametrize("condition", ["multiple_sclerosis", "spinal_cord_injury"])
def test_it_keeps_a_condition_that_can_cause_the_pain_a_condition_not_its_cause(
    ann: Patient, condition: str
) -> None:
    conditions.add_condition(ann, condition)
    case = case_for_patient(ann, TODAY)
    assert case["conditions"] == [condition]
    assert "etiology" not in case.get("pain", {})
    reasons = assess_json(case)["grading"]["reasons"]
    assert (
        f"Cause not established, but a relevant condition is known: {condition.replace('_', ' ')}." in reasons
    )


def test_it_takes_the_cause_the_clinician_recorded(ann: Patient) -> None:
    conditions.add_condition(ann, "multiple_sclerosis")
    situation.set_situation(ann, {"pain_etiology": "trigeminal_neuralgia"})
    case = case_for_patient(ann, TODAY)
    assert (case["conditions"], case["pain"]["etiology"]) == (["multiple_sclerosis"], "trigeminal_neuralgia")


def test_it_needs_an_age_from_the_birth_date_or_the_situation(db: None) -> None:
    bo = Patient.objects.create(display_name="Bo")
    with pytest.raises(InvalidInput, match="age: got None"):
        case_for_patient(bo, TODAY)
    situation.set_situation(bo, {"age": 45})
    assert case_for_patient(bo, TODAY) == {
        "patient": {"age": 45},
        "conditions": [],
        "medications": [],
        "answers": {},
        "trials": [],
    }


def test_it_gives_the_weeks_at_the_current_dose_of_a_medicine(ann: Patient) -> None:
    situation.set_situation(ann, {"age": 60})
    oxycodone = medications.add_medication(ann, "oxycodone", 20, "2026-02-01")
    medications.change_medication_dose(oxycodone, 40, "2026-02-22")
    case = case_for_patient(ann, TODAY)
    # The dose change on 22 February starts the current dose: one week to 1 March.
    assert case["medications"] == [{"id": "oxycodone", "daily_mg": 40.0, "weeks": 1.0}]
    assert assess_json(case)["opioid_tolerant"] is True


def test_it_takes_the_v2_inputs_from_the_situation(ann: Patient) -> None:
    changes = {
        "weight_kg": 120,
        "height_cm": 177.8,
        "lactating": False,
        "hla_risk_ancestry": False,
        "pain_distal_symmetric": True,
        "pain_etiology": "unknown",
    }
    situation.set_situation(ann, changes)
    case = case_for_patient(ann, TODAY)
    assert case["patient"]["height_cm"] == 177.8
    assert case["patient"]["lactating"] is False
    assert case["patient"]["hla_risk_ancestry"] is False
    assert case["pain"]["distal_symmetric"] is True
    tests = {w["test"] for w in assess_json(case)["workup"]}
    assert {"serum_protein_electrophoresis", "serum_immunofixation", "vitamin_b12"} <= tests


def test_it_refuses_a_v2_input_out_of_range_naming_the_case_field(ann: Patient) -> None:
    with pytest.raises(InvalidInput) as caught:
        situation.set_situation(ann, {"height_cm": 20})
    assert caught.value.field == "patient.height_cm"


def test_pages_judge_adequacy_against_this_patient_s_maximum_as_assess_does(ann: Patient) -> None:
    # 67 y, 60 kg, creatinine 4.0, female: CrCl (73 x 60) / (72 x 4) x 0.85 = 12.9 -> pregabalin at most
    # 75 mg/day (Lyrica label), below the usual effective 300 mg/day.
    situation.set_situation(ann, {"weight_kg": 60, "serum_creatinine_mg_dl": 4.0})
    start = TODAY - timedelta(weeks=5)
    trials.start_trial(ann, "pregabalin", start, 75)
    outcome = patient_status(ann, TODAY).trials[0]
    assert outcome.adequate is True  # 5 weeks at this patient's maximum
    case = case_for_patient(ann, TODAY)
    statuses = {o["id"]: o for o in assess_json(case)["options"]}
    assert statuses["pregabalin"]["max_daily_mg"] == 75
    # With normal kidneys the same 75 mg/day is far below an effective dose: not adequate.
    situation.set_situation(ann, {"serum_creatinine_mg_dl": 0.8})
    assert patient_status(ann, TODAY).trials[0].adequate is False
