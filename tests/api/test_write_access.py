"""Every write to the record, the situation and the assessment, at its access boundary.

alice's record is the target. bob (her clinician) and root (admin) may change it; alice herself,
carol (a clinician with no patients) and dave (another patient) get 404, as if it did not exist;
no credentials get 401, a read token 403. On every refusal the database is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import CarePlanItem, ClinicalSituation, Condition, Medication
from tests.api.conftest import CONDITION, Api, World

TODAY = date.today().isoformat()


@dataclass(frozen=True)
class Write:
    method: str
    path: Callable[[World], str]
    body: dict[str, Any] | None


def _patient(suffix: str) -> Callable[[World], str]:
    return lambda w: f"/patients/{w.clinic.alice.pk}/{suffix}"


WRITES = {
    "condition_add": Write("post", _patient("conditions"), {"condition_id": "hypertension"}),
    "condition_remove": Write("delete", _patient(f"conditions/{CONDITION}"), None),
    "medication_add": Write("post", _patient("medications"), {"drug_id": "metformin", "daily_dose": 1000}),
    "medication_dose": Write(
        "post", lambda w: f"/medications/{w.medications['alice'].pk}/dose", {"daily_dose": 40}
    ),
    "medication_stop": Write("post", lambda w: f"/medications/{w.medications['alice'].pk}/stop", {}),
    "care_plan_add": Write(
        "post", _patient("care-plan"), {"kind": "test", "item_id": "hba1c", "title": "Check HbA1c"}
    ),
    "care_plan_status": Write(
        "post", lambda w: f"/care-plan/{w.care_items['alice'].pk}/status", {"status": "completed"}
    ),
    "situation_set": Write("put", _patient("situation"), {"age": 60, "weight_kg": 80}),
}


def state() -> list[Any]:
    """Every row a write above could touch, with every column."""
    models = (Condition, Medication, CarePlanItem, ClinicalSituation)
    return [list(model.objects.order_by("pk").values()) for model in models]


def send(client: Client, write: Write, world: World, headers: dict[str, str]) -> Any:
    url = "/api/v1" + write.path(world)
    if write.body is None:
        return getattr(client, write.method)(url, **headers)
    return getattr(client, write.method)(url, write.body, content_type="application/json", **headers)


def as_persona(world: World, name: str) -> dict[str, str]:
    return Api(world.tokens[name]).headers


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("persona", ["alice", "carol", "dave"])
def test_it_answers_404_to_whoever_may_not_change_the_record(world: World, name: str, persona: str) -> None:
    before = state()
    response = send(Client(), WRITES[name], world, as_persona(world, persona))
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "not_found"
    assert state() == before
    assert not AuditEvent.objects.filter(action="change").exists()


@pytest.mark.parametrize("name", sorted(WRITES))
def test_it_answers_401_without_credentials(world: World, name: str) -> None:
    before = state()
    response = send(Client(), WRITES[name], world, {})
    assert response.status_code == 401
    assert state() == before


@pytest.mark.parametrize("name", sorted(WRITES))
def test_it_refuses_a_read_token_and_changes_nothing(world: World, name: str) -> None:
    _, token = issue_token(User.objects.get(username="bob"), "read")
    before = state()
    response = send(Client(), WRITES[name], world, {"HTTP_AUTHORIZATION": f"Bearer {token}"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert state() == before


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("persona", ["bob", "root"])
def test_it_lets_the_care_team_change_the_record_and_audits_it(world: World, name: str, persona: str) -> None:
    before = state()
    response = send(Client(), WRITES[name], world, as_persona(world, persona))
    assert response.status_code in {200, 201, 204}, response.content
    assert state() != before
    event = AuditEvent.objects.exclude(action="read").get()
    assert event.action == ("delete" if WRITES[name].method == "delete" else "change")
    assert (event.username, event.patient_id) == (persona, world.clinic.alice.pk)


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("bob", 200), ("root", 200), ("carol", 404), ("dave", 404)]
)
def test_it_shows_the_situation_to_the_care_team_only(world: World, persona: str, status: int) -> None:
    response = Api(world.tokens[persona]).get(f"/patients/{world.clinic.alice.pk}/situation")
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 404), ("bob", 200), ("root", 200), ("carol", 404), ("dave", 404)]
)
def test_it_assesses_the_record_for_linked_clinicians_and_admins(
    world: World, persona: str, status: int
) -> None:
    ClinicalSituation.objects.create(patient=world.clinic.alice, age=60)
    response = Api(world.tokens[persona]).get(f"/patients/{world.clinic.alice.pk}/assess")
    assert response.status_code == status
