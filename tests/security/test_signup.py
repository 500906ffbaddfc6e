"""Sign-up does not list who has an account: the name is looked up only once the rest of the form is
right, and refused sign-ups are capped per client address (accounts/signup_throttle.py)."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client

from nervepath.web.accounts.signup_throttle import SIGNUP_FAILURE_LIMIT, SIGNUP_WINDOW_SECONDS
from nervepath.web.records.models import Patient
from tests.web.conftest import Clinic

SIGNUP = "/accounts/signup/"
GOOD = {
    "display_name": "Erin Example",
    "email": "erin@example.org",
    "password1": "a-long-enough-Passw0rd",
    "password2": "a-long-enough-Passw0rd",
}
TAKEN_MESSAGE = "This name is taken. Please choose another."


def sign_up(client: Client, username: str, **changes: str) -> HttpResponse:
    response: HttpResponse = client.post(SIGNUP, GOOD | {"username": username} | changes)
    return response


def shape(response: HttpResponse, username: str) -> str:
    """The page with what differs by nature taken out: the CSRF token and the name typed in."""
    body = re.sub(r"\b[A-Za-z0-9]{64}\b", "TOKEN", response.content.decode())  # the masked CSRF token
    return body.replace(f'value="{username}"', 'value="NAME"')


@pytest.mark.parametrize(
    "mistake",
    [
        {"password1": "short1", "password2": "short1"},
        {"password2": "a-different-Passw0rd"},
        {"email": "not-an-address"},
        {"display_name": ""},
        {"invitation": "NOSUCHCODE"},
    ],
    ids=["weak password", "passwords differ", "bad e-mail", "no name", "unknown code"],
)
def test_it_answers_a_taken_name_and_a_free_one_alike_when_something_else_is_wrong(
    clinic: Clinic, mistake: dict[str, str]
) -> None:
    taken, free = sign_up(Client(), "alice", **mistake), sign_up(Client(), "erin", **mistake)
    assert taken.status_code == free.status_code == 200
    assert shape(taken, "alice") == shape(free, "erin")
    assert "username" not in taken.context["form"].errors
    assert not User.objects.filter(username="erin").exists()


@pytest.mark.parametrize("name", ["alice", "ALICE", "Alice"])
def test_it_says_a_name_is_taken_once_the_rest_is_right(clinic: Clinic, name: str) -> None:
    response = sign_up(Client(), name)
    assert response.status_code == 200
    assert response.context["form"].errors == {"username": [TAKEN_MESSAGE]}
    assert Patient.objects.count() == 2  # alice and dave, no one new
    assert User.objects.filter(username__iexact="alice").count() == 1


def test_it_says_so_in_spanish(clinic: Clinic) -> None:
    response = Client().post(SIGNUP, GOOD | {"username": "alice"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Este nombre ya está en uso. Elija otro, por favor." in response.content.decode()


def test_it_refuses_every_sign_up_from_an_address_at_the_limit_before_reading_the_form(
    clinic: Clinic,
) -> None:
    client = Client()
    statuses = [sign_up(client, "alice").status_code for _ in range(SIGNUP_FAILURE_LIMIT)]
    assert statuses == [200] * SIGNUP_FAILURE_LIMIT
    taken, free = sign_up(client, "alice"), sign_up(client, "frank")
    assert taken.status_code == free.status_code == 429
    assert shape(taken, "alice") == shape(free, "frank")
    assert "Too many attempts to create an account" in free.content.decode()
    assert not User.objects.filter(username="frank").exists()
    assert sign_up(Client(REMOTE_ADDR="203.0.113.9"), "frank").status_code == 302  # another address


def test_it_counts_refusals_only_so_a_family_can_sign_up_together(clinic: Clinic) -> None:
    client = Client()
    for number in range(SIGNUP_FAILURE_LIMIT + 2):
        assert sign_up(client, f"member{number}").status_code == 302
        client.logout()
    assert User.objects.filter(username__startswith="member").count() == SIGNUP_FAILURE_LIMIT + 2


def test_it_opens_again_when_the_window_has_passed(clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    for _ in range(SIGNUP_FAILURE_LIMIT):
        sign_up(client, "alice")
    assert sign_up(client, "frank").status_code == 429
    later = time.time() + SIGNUP_WINDOW_SECONDS + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert sign_up(client, "frank").status_code == 302
