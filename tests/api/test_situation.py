"""The clinical situation (GET/PUT, versioned) and the assessment of a patient's stored record."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nervepath.clinical.assess import assess_json
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.api.schemas import SituationIn
from nervepath.web.api.situation import body_field
from nervepath.web.records.assessment import case_for_patient
from nervepath.web.records.models import ClinicalSituation
from nervepath.web.records.situation import SITUATION_FIELDS
from tests.api.conftest import Api, World

SITUATION = {
    "age": 67,
    "weight_kg": 60,
    "serum_creatinine_mg_dl": 1.1,
    "pain_etiology": "diabetic_polyneuropathy",
    "pain_distribution_plausible": True,
    "pain_nrs_average": 7,
    "sensory_signs_in_painful_area": True,
    "tests_done": ["hba1c"],
}


def url(world: World, suffix: str = "situation") -> str:
    return f"/patients/{world.clinic.alice.pk}/{suffix}"


def stored() -> list[dict[str, Any]]:
    return list(ClinicalSituation.objects.values())


def test_it_takes_exactly_the_fields_of_the_stored_situation() -> None:
    assert set(SituationIn.model_fields) - {"expected_version"} == set(SITUATION_FIELDS)


def test_it_answers_an_empty_situation_before_one_is_recorded(as_alice: Api, world: World) -> None:
    body = as_alice.get(url(world)).json()
    assert (body["patient_id"], body["version"], body["updated_at"]) == (world.clinic.alice.pk, None, None)
    assert (body["weight_kg"], body["tests_done"]) == (None, [])
    assert not ClinicalSituation.objects.exists()
    assert AuditEvent.objects.get().object_type == "clinicalsituation"


def test_it_records_a_situation_then_replaces_it_by_version(as_bob: Api, world: World) -> None:
    first = as_bob.put(url(world), SITUATION)
    assert (first.status_code, first.json()["version"], first.json()["weight_kg"]) == (201, 1, 60)
    second = as_bob.put(url(world), {"age": 67, "weight_kg": 62, "expected_version": 1})
    assert (second.status_code, second.json()["version"]) == (200, 2)
    row = ClinicalSituation.objects.get(patient=world.clinic.alice)
    # PUT replaces: what the second body left out is unknown again.
    assert (row.version, row.weight_kg, row.pain_etiology, row.tests_done) == (2, 62, "", [])
    changes = AuditEvent.objects.filter(action="change", object_type="clinicalsituation")
    assert changes.count() == 2


def test_it_answers_409_to_a_stale_version_and_keeps_the_situation(as_bob: Api, world: World) -> None:
    as_bob.put(url(world), SITUATION)
    as_bob.put(url(world), {**SITUATION, "weight_kg": 61, "expected_version": 1})
    before = stored()
    stale = as_bob.put(url(world), {**SITUATION, "weight_kg": 99, "expected_version": 1})
    assert stale.status_code == 409
    assert stale.json()["error"] == {
        "code": "conflict",
        "message": "version: the situation was changed by someone else; reload it and try again",
        "field": "version",
    }
    assert stored() == before


def test_it_refuses_a_version_for_a_situation_never_recorded_as_such(as_bob: Api, world: World) -> None:
    assert as_bob.put(url(world), {"age": 50, "expected_version": 3}).status_code == 409
    assert not ClinicalSituation.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"weight_kg": 10}, "weight_kg", "invalid_input"),
        ({"pain_etiology": "bad_luck"}, "pain_etiology", "unknown_identifier"),
        ({"tests_done": ["hba1c", "tea_leaves"]}, "tests_done.1", "unknown_identifier"),
        ({"red_flag_findings": ["bad_mood"]}, "red_flag_findings.0", "unknown_identifier"),
        ({"hla_b_1502": "maybe"}, "hla_b_1502", "invalid_input"),
        ({"age": 12}, "age", "invalid_input"),
        ({"pregnant": "yes"}, "pregnant", "invalid_input"),
        ({"pregnant": 1}, "pregnant", "invalid_input"),
        ({"pain_nrs_average": 11}, "pain_nrs_average", "invalid_input"),
        ({"shoe_size": 44}, "shoe_size", "invalid_input"),
    ],
)
def test_it_names_the_body_field_of_a_bad_situation(
    as_bob: Api, world: World, change: dict[str, Any], field: str, code: str
) -> None:
    as_bob.put(url(world), SITUATION)
    before = stored()
    response = as_bob.put(url(world), {**SITUATION, **change})
    assert response.status_code == 422
    assert (response.json()["error"]["field"], response.json()["error"]["code"]) == (field, code)
    assert stored() == before


def test_it_refuses_pregnancy_for_a_male_patient(as_bob: Api, world: World) -> None:
    world.clinic.alice.sex = "male"
    world.clinic.alice.save()
    response = as_bob.put(url(world), {**SITUATION, "pregnant": True})
    assert (response.status_code, response.json()["error"]["field"]) == (422, "pregnant")
    assert not ClinicalSituation.objects.exists()


def test_it_answers_304_until_the_situation_changes(as_bob: Api, world: World) -> None:
    as_bob.put(url(world), SITUATION)
    tag = as_bob.get(url(world))["ETag"]
    assert as_bob.get(url(world), HTTP_IF_NONE_MATCH=tag).status_code == 304
    as_bob.put(url(world), {**SITUATION, "pain_nrs_average": 5})
    assert as_bob.get(url(world), HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_it_assesses_the_stored_record_as_the_cli_would(as_bob: Api, world: World) -> None:
    world.clinic.alice.sex = "female"  # Cockcroft-Gault needs the sex as well as weight and creatinine
    world.clinic.alice.save()
    as_bob.put(url(world), SITUATION)
    response = as_bob.get(url(world, "assess"))
    assert response.status_code == 200
    expected = json.loads(json.dumps(assess_json(case_for_patient(world.clinic.alice))))
    assert response.json() == expected
    assert response.json()["creatinine_clearance_ml_min"] is not None  # weight and creatinine were used
    assert response["ETag"]
    event = AuditEvent.objects.filter(action="read").last()
    assert event is not None
    assert (event.object_type, event.patient_id) == ("assessment", world.clinic.alice.pk)


def test_it_takes_recorded_medications_into_the_assessment(as_bob: Api, world: World) -> None:
    as_bob.put(url(world), SITUATION)
    first = as_bob.get(url(world, "assess"))
    assert first.json()["mme_per_day"] in (0, None)
    assert as_bob.get(url(world, "assess"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    as_bob.post(url(world, "medications"), {"drug_id": "oxycodone", "daily_dose": 30})
    after = as_bob.get(url(world, "assess"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after.json()["mme_per_day"] > 0


def test_it_names_what_the_record_lacks_for_an_assessment(as_bob: Api, world: World) -> None:
    response = as_bob.get(url(world, "assess"))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "age"


@pytest.mark.parametrize(
    ("case_path", "field"),
    [
        ("patient.weight_kg", "weight_kg"),
        ("pain.etiology", "pain_etiology"),
        ("tests.done[2]", "tests_done.2"),
        ("red_flag_findings[0]", "red_flag_findings.0"),
        ("conditions[1]", "conditions.1"),
        ("age", "age"),
    ],
)
def test_it_turns_a_case_path_into_the_body_field(case_path: str, field: str) -> None:
    assert body_field(case_path) == field


def test_it_records_the_v2_inputs_and_assesses_with_them(as_bob: Api, world: World) -> None:
    world.clinic.alice.sex = "female"  # Cockcroft-Gault needs it
    world.clinic.alice.save()
    body = SITUATION | {"height_cm": 177.8, "weight_kg": 120, "hla_risk_ancestry": False, "lactating": None}
    answer = as_bob.put(url(world), body)
    assert (answer.status_code, answer.json()["height_cm"], answer.json()["hla_risk_ancestry"]) == (
        201,
        177.8,
        False,
    )
    result = as_bob.get(url(world, "assess")).json()
    assert any("adjusted body weight" in note for note in result["notes"])
    refused = as_bob.put(url(world), SITUATION | {"height_cm": 400, "expected_version": 1})
    assert refused.status_code in (400, 422)
    assert "height_cm" in json.dumps(refused.json())
