"""Conditions, medications and the care plan through the API: the response, then the database,
then the audit row; and nothing written when a write fails."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import nervepath.web.api
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import CarePlanItem, Condition, Medication, QuestionnaireResponse, Trial
from tests.api.conftest import CONDITION, START, Api, World

TODAY = date.today()


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    return body["error"]


def rows(model: Any) -> list[dict[str, Any]]:
    return list(model.objects.order_by("pk").values())


def test_it_records_a_condition_then_updates_it(as_bob: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/conditions"
    created = as_bob.post(url, {"condition_id": "hypertension", "onset_date": "2020-05-01"})
    assert created.status_code == 201
    assert (created.json()["condition_id"], created.json()["onset_date"]) == ("hypertension", "2020-05-01")
    again = as_bob.post(url, {"condition_id": "hypertension", "note": "on treatment"})
    assert again.status_code == 200
    stored = Condition.objects.get(patient=world.clinic.alice, condition_id="hypertension")
    assert (stored.pk, stored.onset_date, stored.note) == (created.json()["id"], None, "on treatment")
    event = AuditEvent.objects.filter(action="change").last()
    assert event is not None
    assert (event.object_type, event.object_id) == ("condition", str(stored.pk))


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"condition_id": "gout_of_the_soul"}, "condition_id", "unknown_identifier"),
        ({"condition_id": "hypertension", "onset_date": "2999-01-01"}, "onset_date", "invalid_input"),
        ({"condition_id": "hypertension", "onset": "2020-01-01"}, "onset", "invalid_input"),
        ({"condition_id": "Hypertension"}, "condition_id", "invalid_input"),
    ],
)
def test_it_names_the_field_of_a_bad_condition(
    as_bob: Api, world: World, body: dict[str, Any], field: str, code: str
) -> None:
    before = rows(Condition)
    response = as_bob.post(f"/patients/{world.clinic.alice.pk}/conditions", body)
    assert response.status_code == 422
    assert (error_of(response)["field"], error_of(response)["code"]) == (field, code)
    assert rows(Condition) == before


def test_it_removes_a_condition_and_answers_204_again(as_bob: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/conditions/{CONDITION}"
    removed = as_bob.delete(url)
    assert (removed.status_code, removed.content) == (204, b"")
    assert not world.clinic.alice.conditions.exists()
    assert world.clinic.dave.conditions.filter(condition_id=CONDITION).exists()
    # A removal is logged as a deletion of the row it removed; removing it again changes nothing.
    assert AuditEvent.objects.filter(action="delete", object_type="condition").count() == 1
    assert as_bob.delete(url).status_code == 204
    assert AuditEvent.objects.exclude(action="read").count() == 1


def test_it_refuses_to_remove_a_condition_it_does_not_know(as_bob: Api, world: World) -> None:
    before = rows(Condition)
    response = as_bob.delete(f"/patients/{world.clinic.alice.pk}/conditions/no_such_condition")
    assert response.status_code == 422
    assert (error_of(response)["field"], error_of(response)["code"]) == ("condition_id", "unknown_identifier")
    assert rows(Condition) == before


def test_it_adds_a_medication_in_the_unit_of_its_drug(as_bob: Api, world: World) -> None:
    response = as_bob.post(
        f"/patients/{world.clinic.alice.pk}/medications", {"drug_id": "fentanyl_patch", "daily_dose": 12}
    )
    assert response.status_code == 201
    stored = Medication.objects.get(pk=response.json()["id"])
    assert (stored.patient, stored.drug_id, stored.daily_dose, stored.unit) == (
        world.clinic.alice,
        "fentanyl_patch",
        12,
        "mcg_per_h",
    )
    event = AuditEvent.objects.get(action="change")
    assert (event.object_type, event.object_id) == ("medication", str(stored.pk))


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"drug_id": "omeprazole", "daily_dose": 40}, 409, "drug_id"),
        ({"drug_id": "snake_oil", "daily_dose": 40}, 422, "drug_id"),
        ({"drug_id": "metformin", "daily_dose": 0}, 422, "daily_dose"),
        ({"drug_id": "metformin", "daily_dose": True}, 422, "daily_dose"),
        ({"drug_id": "metformin", "daily_dose": 500, "start_date": "2999-01-01"}, 422, "start_date"),
    ],
)
def test_it_refuses_a_bad_medication_and_writes_nothing(
    as_bob: Api, world: World, body: dict[str, Any], status: int, field: str
) -> None:
    before = rows(Medication)
    response = as_bob.post(f"/patients/{world.clinic.alice.pk}/medications", body)
    assert response.status_code == status
    assert error_of(response)["field"] == field
    assert rows(Medication) == before


def test_it_changes_a_dose_and_keeps_the_old_one_as_history(as_bob: Api, world: World) -> None:
    old = world.medications["alice"]
    response = as_bob.post(f"/medications/{old.pk}/dose", {"daily_dose": 40})
    assert response.status_code == 200
    new = Medication.objects.get(pk=response.json()["id"])
    old.refresh_from_db()
    assert (old.daily_dose, old.stop_date) == (20, TODAY)
    assert (new.pk != old.pk, new.daily_dose, new.start_date, new.stop_date) == (True, 40, TODAY, None)
    assert AuditEvent.objects.get(action="change").object_id == str(new.pk)


def test_it_stops_a_medication_once(as_bob: Api, world: World) -> None:
    medication = world.medications["alice"]
    day = (TODAY - timedelta(days=2)).isoformat()
    stopped = as_bob.post(f"/medications/{medication.pk}/stop", {"date": day})
    assert (stopped.status_code, stopped.json()["stop_date"]) == (200, day)
    before = rows(Medication)
    for path, body in (("stop", {}), ("dose", {"daily_dose": 10})):
        again = as_bob.post(f"/medications/{medication.pk}/{path}", body)
        assert (again.status_code, error_of(again)["code"]) == (409, "conflict")
    assert rows(Medication) == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("stop", {"date": (START - timedelta(days=1)).isoformat()}, "date"),
        ("stop", {"date": (TODAY + timedelta(days=1)).isoformat()}, "date"),
        ("dose", {"daily_dose": -5}, "daily_dose"),
        ("dose", {"daily_dose": 10, "when": "today"}, "when"),
    ],
)
def test_it_names_the_field_of_a_bad_medication_change(
    as_bob: Api, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    before = rows(Medication)
    response = as_bob.post(f"/medications/{world.medications['alice'].pk}/{path}", body)
    assert (response.status_code, error_of(response)["field"]) == (422, field)
    assert rows(Medication) == before


def test_it_answers_404_for_a_medication_that_does_not_exist(as_root: Api, world: World) -> None:
    assert as_root.post("/medications/999999/stop", {}).status_code == 404


def test_it_adds_a_care_plan_item_and_moves_its_status(as_bob: Api, world: World) -> None:
    body = {"kind": "follow_up", "item_id": "pain_review", "title": "Review pain", "due_date": "2030-01-31"}
    created = as_bob.post(f"/patients/{world.clinic.alice.pk}/care-plan", body)
    assert created.status_code == 201
    assert (created.json()["status"], created.json()["due_date"]) == ("not-started", "2030-01-31")
    moved = as_bob.post(f"/care-plan/{created.json()['id']}/status", {"status": "in-progress"})
    assert (moved.status_code, moved.json()["status"]) == (200, "in-progress")
    assert CarePlanItem.objects.get(pk=created.json()["id"]).status == "in-progress"
    assert AuditEvent.objects.filter(action="change", object_type="careplanitem").count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "a_kind_that_is_far_too_long", "item_id": "x", "title": "T"}, "kind"),
        ({"kind": "follow_up", "item_id": "Not Snake", "title": "T"}, "item_id"),
        ({"kind": "follow_up", "item_id": "x", "title": "   "}, "title"),
        ({"kind": "follow_up", "item_id": "x", "title": "T", "due_date": "31/01/2030"}, "due_date"),
    ],
)
def test_it_names_the_field_of_a_bad_care_plan_item(
    as_bob: Api, world: World, body: dict[str, Any], field: str
) -> None:
    before = rows(CarePlanItem)
    response = as_bob.post(f"/patients/{world.clinic.alice.pk}/care-plan", body)
    assert (response.status_code, error_of(response)["field"]) == (422, field)
    assert rows(CarePlanItem) == before


def test_it_refuses_an_unknown_care_plan_status(as_bob: Api, world: World) -> None:
    before = rows(CarePlanItem)
    response = as_bob.post(f"/care-plan/{world.care_items['alice'].pk}/status", {"status": "done"})
    assert (response.status_code, error_of(response)["field"]) == (422, "status")
    assert rows(CarePlanItem) == before


def test_it_names_the_body_field_of_an_unknown_trial_drug(as_bob: Api, world: World) -> None:
    before = Trial.objects.count()
    body = {"drug_id": "snake_oil", "start_date": TODAY.isoformat(), "daily_mg": 10}
    response = as_bob.post(f"/patients/{world.clinic.alice.pk}/trials", body)
    assert (response.status_code, error_of(response)["field"]) == (422, "drug_id")
    assert Trial.objects.count() == before


def test_it_stores_when_a_questionnaire_was_answered(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/questionnaires"
    body = {"instrument_id": "gad7", "answers": [1] * 7, "taken_at": "2026-01-10T09:30:00+01:00"}
    response = as_alice.post(url, body)
    assert response.status_code == 201
    stored = QuestionnaireResponse.objects.get(pk=response.json()["id"])
    assert (stored.score, stored.taken_at.isoformat()) == (7, "2026-01-10T08:30:00+00:00")


def test_it_refuses_a_questionnaire_answered_in_the_future(as_alice: Api, world: World) -> None:
    before = QuestionnaireResponse.objects.count()
    body = {"instrument_id": "gad7", "answers": [1] * 7, "taken_at": "2999-01-01T00:00:00Z"}
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/questionnaires", body)
    assert (response.status_code, error_of(response)["field"]) == (422, "taken_at")
    assert QuestionnaireResponse.objects.count() == before


def test_it_builds_the_api_on_the_records_services_not_on_the_pages() -> None:
    package = Path(nervepath.web.api.__file__).parent
    importing = [p.name for p in package.glob("*.py") if "nervepath.web.pages" in p.read_text()]
    assert importing == []
