"""FHIR Bundle export and import through the database: nothing is lost, every resource is valid R4."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from fhir.resources.R4B import get_fhir_model_class

from nervepath.errors import InvalidInput
from nervepath.fhir.bundle import from_bundle, to_bundle
from nervepath.outcomes.records import DayEvent, RegionScore
from nervepath.web.records import models as m
from nervepath.web.records.diary import DayInput, add_event, add_regions, record_day
from nervepath.web.records.exchange import diary_csv, save_patient_record
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.trials import (
    add_side_effect,
    change_dose,
    decide_on_trial,
    start_trial,
    stop_trial,
)
from tests.examples import DN4_EXAMPLE as DN4

START = date(2026, 1, 10)


def enrich(patient: m.Patient) -> None:
    """Ann's record with something in every table and every optional field."""
    m.Condition.objects.create(
        patient=patient, condition_id="diabetes_type_2", onset_date=date(2010, 5, 1), note="on metformin"
    )
    m.Condition.objects.create(patient=patient, condition_id="hypertension")
    m.Medication.objects.create(
        patient=patient, drug_id="metformin", daily_dose=2000, start_date=date(2011, 1, 1)
    )
    m.Medication.objects.create(
        patient=patient,
        drug_id="fentanyl_patch",
        daily_dose=12.5,
        unit="mcg/h",
        start_date=date(2025, 1, 1),
        stop_date=date(2025, 6, 1),
    )
    for i in range(20):
        day, _ = record_day(
            patient,
            DayInput(
                START + timedelta(days=i - 7),
                7 - i // 4,
                pain_worst=8,
                sleep_interference=i % 5,
                mood=6,
                activity=3,
                sitting_hours=7.5,
                note=f"day {i}\nsecond line" if i % 3 else None,
                qualities=["burning", "electric_shocks"],
                triggers=["cold"],
            ),
        )
    add_regions(day, [RegionScore("left_foot", 6), RegionScore("right_foot", 4)])
    add_event(
        day,
        DayEvent(datetime(2026, 1, 22, 21, 30, tzinfo=timezone(timedelta(hours=1))), "flare", 9, "stairs"),
    )
    add_event(day, DayEvent(datetime(2026, 1, 22, 8, 0, tzinfo=UTC), "dose_taken"))
    first = start_trial(patient, "gabapentin", date(2025, 9, 1), 300)
    change_dose(first, date(2025, 9, 8), 900)
    add_side_effect(first, "dizziness")
    decide_on_trial(first, date(2025, 10, 1), "stop", "Dr Bell", "too dizzy")
    stop_trial(first, date(2025, 10, 2), "side_effects")
    second = start_trial(patient, "pregabalin", START, 150, review_date="2026-03-01")
    change_dose(second, START + timedelta(days=7), 300)
    decide_on_trial(second, START + timedelta(days=14), "continue")
    record_questionnaire(patient, "dn4", DN4, datetime(2026, 1, 3, 10, 15, 30, 123456, tzinfo=UTC))
    # NPSI in item order, its two unscored items unanswered (None): they travel as items without an answer.
    npsi = [3, 2, 2, None, 5, 4, None, 1, 0, 6, 2, 3]
    record_questionnaire(patient, "npsi", npsi, datetime(2026, 1, 4, 9, tzinfo=UTC))
    m.MedicationTaken.objects.create(
        patient=patient, drug_id="pregabalin", date=START, doses_planned=2, doses_taken=1
    )
    m.CarePlanItem.objects.create(
        patient=patient,
        kind="nondrug",
        item_id="exercise",
        title="Walk 20 minutes a day",
        status="in-progress",
        note="with a friend",
        due_date=date(2026, 4, 1),
    )
    m.CarePlanItem.objects.create(patient=patient, kind="test", item_id="hba1c", title="HbA1c blood test")


def test_it_round_trips_a_rich_patient_through_fhir_without_loss(ann: m.Patient) -> None:
    enrich(ann)
    original = patient_record(ann)
    bundle = json.loads(json.dumps(to_bundle(original)))
    imported = save_patient_record(from_bundle(bundle))
    assert imported.pk != ann.pk
    assert patient_record(imported) == original
    assert len(original.diary) == 20
    assert len(original.trials) == 2
    assert original.diary[-1].events


def test_it_writes_valid_fhir_r4_resources(ann: m.Patient) -> None:
    enrich(ann)
    bundle = to_bundle(patient_record(ann))
    get_fhir_model_class("Bundle").model_validate(bundle)
    kinds = set()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kinds.add(resource["resourceType"])
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert kinds == {
        "Patient",
        "Condition",
        "MedicationStatement",
        "Observation",
        "QuestionnaireResponse",
        "CarePlan",
    }


def test_it_codes_the_daily_average_with_loinc_72514_3(ann: m.Patient) -> None:
    record_day(ann, DayInput("2026-01-05", 6))
    bundle = to_bundle(patient_record(ann))
    observation = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    assert observation["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert observation["valueInteger"] == 6


@pytest.mark.parametrize(
    ("bundle", "field"),
    [
        ({"resourceType": "Patient"}, "resourceType"),
        ({"resourceType": "Bundle", "entry": []}, "Bundle.entry"),
        ({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient"}}]}, "Bundle"),
    ],
)
def test_it_rejects_a_bundle_it_cannot_read(bundle: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{field}: got"):
        from_bundle(bundle)


def test_it_imports_nothing_when_a_value_is_out_of_range(ann: m.Patient) -> None:
    record_day(ann, DayInput("2026-01-05", 6))
    bundle = to_bundle(patient_record(ann))
    next(e for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")["resource"][
        "valueInteger"
    ] = 12
    with pytest.raises(InvalidInput, match="pain_average: got 12"):
        save_patient_record(from_bundle(bundle))
    assert m.Patient.objects.count() == 1


def test_it_exports_the_diary_as_csv_with_running_trials(ann: m.Patient) -> None:
    enrich(ann)
    rows = list(csv.reader(io.StringIO(diary_csv(patient_record(ann)))))
    assert ",".join(rows[0]) == (
        "date,pain_average,pain_worst,sleep_interference,note,mood,activity,sitting_hours,qualities,triggers,trials"
    )
    assert len(rows) == 21
    assert rows[-1] == [
        "2026-01-22",
        "3",
        "8",
        "4",
        "day 19\nsecond line",
        "6",
        "3",
        "7.5",
        "burning;electric_shocks",
        "cold",
        "pregabalin 300",
    ]
