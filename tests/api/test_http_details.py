"""The smaller HTTP points of issue 18: a dead token is 401 (not a CSRF 403), HEAD answers like GET
without a body, no date before 1900 enters through the API, and docs/api.md asks no client to read
the HttpOnly CSRF cookie.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nervepath.web.accounts.tokens import issue_token, revoke_token
from nervepath.web.api.main import operation_methods
from tests.api.conftest import World, bearer
from tests.security.test_cache_control import persona_for
from tests.web.test_access_matrix import ALL_URLS, kwargs_for, probe_body

ROOT = Path(__file__).resolve().parents[2]


def diary_url(world: World) -> str:
    return reverse("api:diary_write", kwargs={"patient_id": world.clinic.alice.pk})


@pytest.mark.parametrize("token", ["revoked", "unknown", "np_" + "x" * 40])
def test_a_dead_token_on_a_write_is_401_not_a_csrf_refusal(world: World, token: str) -> None:
    if token == "revoked":
        row, token = issue_token(world.user("alice"), "write")
        revoke_token(row.pk)
    client = Client(enforce_csrf_checks=True)  # as a real server checks CSRF
    response = client.post(
        diary_url(world), {"date": "2024-01-01", "pain_average": 3}, "application/json", **bearer(token)
    )
    assert response.status_code == 401, response.content
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_live_token_still_writes_and_a_session_write_without_csrf_is_still_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    body = {"date": "2024-01-01", "pain_average": 3}
    assert (
        client.post(diary_url(world), body, "application/json", **bearer(world.tokens["alice"])).status_code
        == 201
    )
    client.force_login(world.user("alice"))
    refused = client.post(diary_url(world), body, "application/json")
    assert refused.status_code == 403


GET_URLS = sorted(name for name in ALL_URLS if operation_methods().get(name, "GET") == "GET")


@pytest.mark.parametrize("name", GET_URLS)
def test_head_answers_like_get_without_a_body(world: World, settings: Any, name: str) -> None:
    settings.NERVEPATH_REQUIRE_TWO_FACTOR = False
    persona = persona_for(name)
    url = reverse(name, kwargs=kwargs_for(ALL_URLS[name], "alice", world))
    client = Client()
    headers = bearer(world.tokens[persona]) if name.startswith("api:") and persona != "anonymous" else {}
    if not name.startswith("api:") and persona != "anonymous":
        client.force_login(world.user(persona))
    got = client.get(url, **headers)  # a page that takes only POST answers both with 405
    head = client.head(url, **headers)
    assert head.status_code == got.status_code
    assert head.content == b""
    for header in ("Content-Type", "ETag", "Cache-Control", "Allow"):
        assert head.get(header) == got.get(header), header
    if not got.streaming and got.status_code == 200:
        assert head["Content-Length"] == str(len(got.content))


DATES = [
    ("api:diary_write", "date", "0001-01-01"),
    ("api:diary_write", "date", "1899-12-31"),
    ("api:questionnaire_create", "taken_at", "0001-01-01T00:00:00Z"),
    ("api:questionnaire_create", "taken_at", "1899-12-31T23:59:59+00:00"),
    ("api:trial_start", "start_date", "0001-01-01"),
    ("api:medication_add", "start_date", "0001-01-01"),
    ("api:condition_add", "onset_date", "0001-01-01"),
]


@pytest.mark.parametrize(("name", "field", "value"), DATES)
def test_the_api_refuses_a_date_before_1900_naming_the_field(
    world: World, name: str, field: str, value: str
) -> None:
    url = reverse(name, kwargs=kwargs_for(ALL_URLS[name], "alice", world))
    body = probe_body(name, world) | {field: value}
    response = Client().post(url, json.dumps(body), "application/json", **bearer(world.tokens["bob"]))
    assert response.status_code == 422, response.content
    assert response.json()["error"]["field"] == field


def test_the_api_takes_the_first_day_of_1900(world: World) -> None:
    body = probe_body("api:questionnaire_create", world) | {"taken_at": "1900-01-01T12:00:00+00:00"}
    url = reverse("api:questionnaire_create", kwargs={"patient_id": world.clinic.alice.pk})
    assert Client().post(url, body, "application/json", **bearer(world.tokens["bob"])).status_code == 201


def test_the_api_doc_does_not_ask_clients_to_read_the_http_only_csrf_cookie() -> None:
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert "value of the `csrftoken` cookie" not in doc
    assert "HttpOnly" in doc
    assert "csrfmiddlewaretoken" in doc  # where a page's script finds the token instead
