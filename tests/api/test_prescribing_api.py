"""Prescribing checks through the API: a blocked start, dose change or medicine answers 422 with code
``prescribing_check``, the field, a message and the checks, and writes nothing; ``override_reason``
goes through; the trial's and the medicine's representations carry their ``checks``.

alice (tests/api/conftest.py) runs a pregabalin trial at 150 mg/day; she has no age on record until
``aged`` gives her one (72, 60 kg, creatinine 1.0: CrCl 48.2 mL/min, pregabalin at most 300 mg/day).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.demographics import set_birth_date_and_sex
from nervepath.web.records.situation import set_situation
from tests.api.conftest import Api, World

pytestmark = pytest.mark.django_db

TODAY = date.today().isoformat()
REASON = "Specialist advice after a joint review"
CONTRACT_KEYS = ["rule", "flag", "severity", "message", "sources", "overridden", "reason"]


@pytest.fixture
def aged(world: World) -> None:
    alice = world.clinic.alice
    born = date.today().replace(year=date.today().year - 72) - timedelta(days=1)
    set_birth_date_and_sex(alice, born, "female")
    set_situation(alice, {"weight_kg": 60, "serum_creatinine_mg_dl": 1.0})


def error(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.content
    body: dict[str, Any] = response.json()["error"]
    return body


def test_a_second_gabapentinoid_answers_422_naming_drug_id(world: World, as_bob: Api) -> None:
    alice = world.clinic.alice.pk
    response = as_bob.post(
        f"/patients/{alice}/trials", {"drug_id": "gabapentin", "start_date": TODAY, "daily_mg": 300}
    )
    body = error(response)
    assert list(body) == ["code", "field", "message", "checks"]
    assert (body["code"], body["field"]) == ("prescribing_check", "drug_id")
    assert "Pregabalin" in body["message"]
    assert [list(c) for c in body["checks"]] == [CONTRACT_KEYS] * len(body["checks"])
    assert [
        (c["severity"], c["flag"], c["overridden"]) for c in body["checks"] if c["severity"] == "block"
    ] == [("block", "duplicate_class", False)]
    assert not world.clinic.alice.trials.filter(drug_id="gabapentin").exists()


def test_the_override_starts_it_and_the_trial_carries_its_checks(world: World, as_bob: Api) -> None:
    alice = world.clinic.alice.pk
    body = {"drug_id": "gabapentin", "start_date": TODAY, "daily_mg": 300, "override_reason": REASON}
    response = as_bob.post(f"/patients/{alice}/trials", body)
    assert response.status_code == 201, response.content
    trial = response.json()
    block = next(c for c in trial["checks"] if c["severity"] == "block")
    assert (block["flag"], block["overridden"], block["reason"], block["date"]) == (
        "duplicate_class",
        True,
        REASON,
        TODAY,
    )
    event = AuditEvent.objects.filter(object_type="trial_override").get()
    assert (event.username, event.object_id, event.patient_id) == ("bob", str(trial["id"]), alice)
    # Read back, the trial still carries them.
    assert as_bob.get(f"/trials/{trial['id']}").json()["checks"] == trial["checks"]


def test_a_short_override_reason_names_override_reason(world: World, as_bob: Api) -> None:
    alice = world.clinic.alice.pk
    body = {"drug_id": "gabapentin", "start_date": TODAY, "daily_mg": 300, "override_reason": "  because  "}
    detail = error(as_bob.post(f"/patients/{alice}/trials", body))
    assert (detail["code"], detail["field"]) == ("invalid_input", "override_reason")


def test_a_dose_above_the_maximum_answers_422_naming_daily_mg(world: World, as_bob: Api, aged: None) -> None:
    trial = world.trials["alice"].pk
    detail = error(as_bob.post(f"/trials/{trial}/doses", {"date": TODAY, "daily_mg": 301}))
    assert (detail["code"], detail["field"]) == ("prescribing_check", "daily_mg")
    assert detail["checks"][0]["flag"] == "above_maximum"
    assert "300 mg a day" in detail["checks"][0]["message"]
    assert as_bob.get(f"/trials/{trial}").json()["doses"] == [
        {"date": str(world.trials["alice"].start_date), "daily_mg": 150.0}
    ]
    response = as_bob.post(
        f"/trials/{trial}/doses", {"date": TODAY, "daily_mg": 301, "override_reason": REASON}
    )
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert [c["reason"] for c in checks if c["severity"] == "block"] == [REASON]
    assert {c["date"] for c in checks} == {TODAY}


def test_a_dose_at_the_maximum_goes_through_with_its_warnings(world: World, as_bob: Api, aged: None) -> None:
    trial = world.trials["alice"].pk
    response = as_bob.post(f"/trials/{trial}/doses", {"date": TODAY, "daily_mg": 300})
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks
    assert {(c["severity"], c["overridden"]) for c in checks} == {("warn", False)}


def test_a_blocked_medicine_answers_422_and_the_override_adds_it(world: World, as_bob: Api) -> None:
    alice = world.clinic.alice.pk
    body: dict[str, Any] = {"drug_id": "gabapentin", "daily_dose": 300}
    detail = error(as_bob.post(f"/patients/{alice}/medications", body))
    assert (detail["code"], detail["field"]) == ("prescribing_check", "drug_id")
    assert not world.clinic.alice.medications.filter(drug_id="gabapentin").exists()
    response = as_bob.post(f"/patients/{alice}/medications", {**body, "override_reason": REASON})
    assert response.status_code == 201, response.content
    assert response.json()["checks"][0]["overridden"] is True
    listed = as_bob.get(f"/patients/{alice}/medications").json()["items"]
    assert next(m for m in listed if m["drug_id"] == "gabapentin")["checks"] == response.json()["checks"]


def test_a_medicine_dose_above_the_maximum_answers_422(world: World, as_bob: Api, aged: None) -> None:
    alice = world.clinic.alice.pk
    added = as_bob.post(f"/patients/{alice}/medications", {"drug_id": "duloxetine", "daily_dose": 30})
    assert added.status_code == 201, added.content
    detail = error(as_bob.post(f"/medications/{added.json()['id']}/dose", {"daily_dose": 121}))
    assert (detail["code"], detail["field"]) == ("prescribing_check", "daily_mg")
    assert "120 mg a day" in detail["message"]
