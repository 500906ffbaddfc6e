"""Log-in protection: lockout, Argon2, password rules, session expiry (the second factor:
test_second_factor.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nervepath.web.records.models import Patient
from tests.security.conftest import PASSWORD
from tests.web.conftest import Clinic

LOGIN = "/accounts/login/"


def log_in(client: Client, name: str, password: str | None = None) -> object:
    return client.post(LOGIN, {"username": name, "password": password or PASSWORD[name]})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_it_locks_a_username_out_after_five_failures_even_with_the_right_password(
    client: Client, clinic: Clinic
) -> None:
    statuses = [log_in(client, "alice", "wrong-password").status_code for _ in range(5)]  # type: ignore[attr-defined]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account out
    assert log_in(client, "alice").status_code == 429  # type: ignore[attr-defined]
    assert not signed_in(client)
    assert log_in(Client(), "bob").status_code == 302  # type: ignore[attr-defined]


def test_it_stores_new_passwords_as_argon2(client: Client, clinic: Clinic, settings: object) -> None:
    from nervepath.web import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS  # type: ignore[attr-defined]
    user = User.objects.create_user("erin", "erin@example.org", "a-long-enough-passphrase")
    assert user.password.startswith("argon2$argon2id$")
    assert log_in(client, "erin", "a-long-enough-passphrase").status_code == 302  # type: ignore[attr-defined]


@pytest.mark.parametrize("weak", ["short1", "password123", "12345678901", "erin-example"])
def test_it_refuses_a_weak_password_at_sign_up_and_saves_nothing(client: Client, db: None, weak: str) -> None:
    form = {"username": "erin-example", "email": "erin@example.org", "display_name": "Erin"}
    response = client.post("/accounts/signup/", form | {"password1": weak, "password2": weak})
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(username="erin-example").exists()
    assert not Patient.objects.exists()


def test_it_ends_the_session_at_browser_close_and_after_eight_hours(client: Client, clinic: Clinic) -> None:
    response = log_in(client, "alice")
    cookie = response.cookies["sessionid"]  # type: ignore[attr-defined]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    session = Session.objects.get(session_key=client.session.session_key)
    assert abs(session.expire_date - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)
    assert client.get("/today/").status_code == 200
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/today/")["Location"].startswith(LOGIN)
