"""Personas of the API tests (the same as tests/web: alice, bob, carol, dave, root), each with a
personal write token, plus one stored trial and questionnaire response for alice and for dave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import Patient, QuestionnaireResponse, Trial
from nervepath.web.records.trials import start_trial
from tests.web.conftest import Clinic, _web_settings, clinic  # noqa: F401 (fixtures)

START = date.today() - timedelta(days=30)


@dataclass
class World:
    clinic: Clinic
    tokens: dict[str, str]
    trials: dict[str, Trial]
    responses: dict[str, QuestionnaireResponse]

    def user(self, name: str) -> User:
        return User.objects.get(username=name)


def seed(patient: Patient) -> tuple[Trial, QuestionnaireResponse]:
    trial = start_trial(patient, "pregabalin", START, 150)
    response = QuestionnaireResponse.objects.create(
        patient=patient, instrument_id="phq9", answers=[0] * 9, score=0, taken_at=timezone.now()
    )
    return trial, response


def build_world(people: Clinic) -> World:
    """Write tokens for every persona, and a trial and a questionnaire response for alice and dave."""
    tokens = {name: issue_token(User.objects.get(username=name), "write")[1] for name in PERSONAS}
    (alice_trial, alice_q), (dave_trial, dave_q) = seed(people.alice), seed(people.dave)
    return World(
        people, tokens, {"alice": alice_trial, "dave": dave_trial}, {"alice": alice_q, "dave": dave_q}
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
