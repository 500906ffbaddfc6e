"""Personal tokens (hashed, scoped, revocable) and the web session (with CSRF on writes)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.http import HttpRequest
from django.test import Client
from ninja.errors import AuthenticationError
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.accounts.tokens import issue_token, revoke_token
from nervepath.web.api.auth import caller
from nervepath.web.records.models import DiaryDay
from nervepath.web.tokens.models import ApiToken
from tests.api.conftest import World, bearer

TODAY = date.today().isoformat()


def test_it_stores_only_the_hash_of_a_token(world: World) -> None:
    row, token = issue_token(world.clinic.alice.user, "read", "phone")
    stored = ApiToken.objects.get(pk=row.pk)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {stored.digest, stored.prefix, stored.name}
    assert token.startswith("np_")
    assert len(token) > 40


def test_it_notes_when_a_token_was_last_used(world: World) -> None:
    row, token = issue_token(world.clinic.alice.user, "read")
    assert row.last_used_at is None
    Client().get("/api/v1/me", **bearer(token))
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_it_refuses_a_revoked_token(world: World) -> None:
    row, token = issue_token(world.clinic.alice.user, "write")
    assert Client().get("/api/v1/me", **bearer(token)).status_code == 200
    revoke_token(row.pk)
    assert Client().get("/api/v1/me", **bearer(token)).status_code == 401


def test_it_refuses_a_token_of_a_deactivated_user(world: World) -> None:
    user = world.clinic.dave.user
    user.is_active = False
    user.save()
    assert Client().get("/api/v1/me", **bearer(world.tokens["dave"])).status_code == 401


def test_it_refuses_an_unknown_token(world: World) -> None:
    assert Client().get("/api/v1/me", **bearer("np_guess")).status_code == 401


def test_it_accepts_the_web_session_for_reading(client: Client, world: World) -> None:
    client.force_login(world.clinic.alice.user)
    assert client.get("/api/v1/me").json()["username"] == "alice"


def test_it_demands_the_csrf_token_for_session_writes(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.clinic.alice.user)
    url = f"/api/v1/patients/{world.clinic.alice.pk}/diary"
    body = {"date": TODAY, "pain_average": 3}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert not DiaryDay.objects.exists()
    client.get("/accounts/settings/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201


def test_it_needs_no_csrf_token_with_a_bearer_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    url = f"/api/v1/patients/{world.clinic.alice.pk}/diary"
    body = {"date": TODAY, "pain_average": 3}
    response = client.post(url, body, content_type="application/json", **bearer(world.tokens["alice"]))
    assert response.status_code == 201


def test_it_creates_and_revokes_a_token_from_the_cli(world: World) -> None:
    runner = CliRunner()
    created = runner.invoke(app, ["token", "create", "--user", "bob", "--scope", "read", "--format", "json"])
    assert created.exit_code == 0, created.output
    import json

    shown = json.loads(created.stdout)
    assert Client().get("/api/v1/me", **bearer(shown["token"])).status_code == 200
    revoked = runner.invoke(app, ["token", "revoke", str(shown["id"])])
    assert revoked.exit_code == 0
    assert Client().get("/api/v1/me", **bearer(shown["token"])).status_code == 401


def test_it_names_the_field_of_a_bad_cli_token_request(world: World) -> None:
    result = CliRunner().invoke(app, ["token", "create", "--user", "bob", "--scope", "admin"])
    assert result.exit_code == 2
    assert "scope" in result.stderr
    assert CliRunner().invoke(app, ["token", "create", "--user", "nobody", "--scope", "read"]).exit_code == 2


def test_it_gives_a_view_the_user_its_authentication_found(world: World) -> None:
    request = HttpRequest()
    request.auth = world.clinic.alice.user  # type: ignore[attr-defined]
    assert caller(request) == world.clinic.alice.user


def test_it_answers_unauthenticated_where_no_user_reached_the_view() -> None:
    with pytest.raises(AuthenticationError):
        caller(HttpRequest())
