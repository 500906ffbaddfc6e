"""Personas of the API tests (the same as tests/web: alice, bob, carol, dave, root), each with a
personal write token, plus, for alice and for dave, one stored trial, questionnaire response,
condition, current medication and care-plan item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.care import add_care_plan_item
from nervepath.web.records.conditions import add_condition
from nervepath.web.records.medications import add_medication
from nervepath.web.records.models import CarePlanItem, Medication, Patient, QuestionnaireResponse, Trial
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.trials import start_trial
from tests.web.conftest import Clinic, _web_settings, clinic  # noqa: F401 (fixtures)

START = date.today() - timedelta(days=30)
CONDITION = "diabetes_type_2"


@dataclass
class World:
    clinic: Clinic
    tokens: dict[str, str]
    trials: dict[str, Trial]
    responses: dict[str, QuestionnaireResponse]
    medications: dict[str, Medication]
    care_items: dict[str, CarePlanItem]

    def user(self, name: str) -> User:
        return User.objects.get(username=name)


def seed(patient: Patient) -> tuple[Trial, QuestionnaireResponse]:
    trial = start_trial(patient, "pregabalin", START, 150)
    response = record_questionnaire(patient, "phq9", [0] * 9)
    return trial, response


def seed_record(patient: Patient) -> tuple[Medication, CarePlanItem]:
    add_condition(patient, CONDITION)
    medication = add_medication(patient, "omeprazole", 20, START)
    item = add_care_plan_item(patient, "follow_up", "follow_up_visit", "See the clinic in four weeks")
    return medication, item


def build_world(people: Clinic) -> World:
    """Write tokens for every persona; a trial, a response, a condition, a medication and a
    care-plan item for alice and for dave."""
    tokens = {name: issue_token(User.objects.get(username=name), "write")[1] for name in PERSONAS}
    owners = {"alice": people.alice, "dave": people.dave}
    seeded = {name: seed(patient) for name, patient in owners.items()}
    records = {name: seed_record(patient) for name, patient in owners.items()}
    return World(
        people,
        tokens,
        trials={name: trial for name, (trial, _) in seeded.items()},
        responses={name: response for name, (_, response) in seeded.items()},
        medications={name: medication for name, (medication, _) in records.items()},
        care_items={name: item for name, (_, item) in records.items()},
    )


@pytest.fixture
def world(clinic: Clinic) -> World:  # noqa: F811
    return build_world(clinic)


PERSONAS = ("alice", "bob", "carol", "dave", "root")


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


class Api:
    """A test client that sends one persona's token with every request."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = bearer(token) if token else {}

    def get(self, path: str, **extra: str):  # type: ignore[no-untyped-def]
        return self.client.get("/api/v1" + path, **self.headers, **extra)

    def post(self, path: str, body: object, **extra: str):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/api/v1" + path, body, content_type="application/json", **self.headers, **extra
        )

    def put(self, path: str, body: object, **extra: str):  # type: ignore[no-untyped-def]
        return self.client.put(
            "/api/v1" + path, body, content_type="application/json", **self.headers, **extra
        )

    def delete(self, path: str, **extra: str):  # type: ignore[no-untyped-def]
        return self.client.delete("/api/v1" + path, **self.headers, **extra)


@pytest.fixture
def as_alice(world: World) -> Api:
    return Api(world.tokens["alice"])


@pytest.fixture
def as_bob(world: World) -> Api:
    return Api(world.tokens["bob"])


@pytest.fixture
def as_carol(world: World) -> Api:
    return Api(world.tokens["carol"])


@pytest.fixture
def as_root(world: World) -> Api:
    return Api(world.tokens["root"])
