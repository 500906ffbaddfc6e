"""Log-in protection: lockout, Argon2, password rules, session expiry, and optional TOTP two-factor.

The TOTP codes are computed from the enrolled secret with pyotp, as an authenticator app would.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nervepath.web.accounts import twofactor
from nervepath.web.accounts.models import RecoveryCode, TwoFactor
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


def enrol(client: Client) -> tuple[str, list[str]]:
    """Turn two-factor on through the page; returns the secret and the recovery codes shown."""
    page = client.get(reverse("accounts:two_factor"))
    secret = page.context["secret"]
    assert secret in page.content.decode()
    assert "otpauth://totp/" in page.content.decode()
    done = client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    return secret, done.context["codes"]


def step_back(user: User) -> None:
    """Forget the last used step, as if the code had been used long ago (a new code each test)."""
    TwoFactor.objects.filter(user=user).update(last_step=0)


def test_it_enrols_a_clinician_with_a_real_totp_code(as_bob: Client, clinic: Clinic) -> None:
    bad = as_bob.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert bad.status_code == 400
    assert not twofactor.enrolled(clinic.bob.user)
    secret, codes = enrol(as_bob)
    assert twofactor.enrolled(clinic.bob.user)
    assert TwoFactor.objects.get(user=clinic.bob.user).secret == secret
    assert len(codes) == 10
    assert all(re.fullmatch(r"[0-9a-f]{5}-[0-9a-f]{5}", c) for c in codes)
    stored = set(RecoveryCode.objects.filter(user=clinic.bob.user).values_list("digest", flat=True))
    assert not stored & {c.replace("-", "") for c in codes}
    assert len(stored) == 10


def test_it_offers_two_factor_to_clinicians_and_admins_only(as_alice: Client, clinic: Clinic) -> None:
    assert as_alice.get(reverse("accounts:two_factor")).status_code == 404


def test_it_asks_an_enrolled_clinician_for_the_code_after_the_password(
    as_bob: Client, clinic: Clinic
) -> None:
    secret, _codes = enrol(as_bob)
    step_back(clinic.bob.user)
    client = Client()
    response = client.post(LOGIN + "?next=/clinic/", {"username": "bob", "password": PASSWORD["bob"]})
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert not signed_in(client)
    assert client.get("/clinic/")["Location"].startswith(LOGIN)
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert wrong.status_code == 400
    assert not signed_in(client)
    right = client.post(reverse("accounts:two_factor_verify"), {"code": pyotp.TOTP(secret).now()})
    assert right["Location"] == "/clinic/"
    assert client.session["_auth_user_id"] == str(clinic.bob.user.pk)


def test_it_refuses_a_code_used_twice(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    step_back(clinic.bob.user)
    code = pyotp.TOTP(secret).now()
    assert twofactor.verify(clinic.bob.user, code)
    assert not twofactor.verify(clinic.bob.user, code)


def test_it_accepts_each_recovery_code_once(as_bob: Client, clinic: Clinic) -> None:
    _secret, codes = enrol(as_bob)
    for attempt, expected in ((codes[3], True), (codes[3], False), (codes[4].upper(), True)):
        client = Client()
        log_in(client, "bob")
        client.post(reverse("accounts:two_factor_verify"), {"code": attempt})
        assert signed_in(client) is expected


def test_it_locks_out_someone_guessing_codes(as_bob: Client, clinic: Clinic) -> None:
    enrol(as_bob)
    client = Client()
    log_in(client, "bob")
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        client.post(reverse("accounts:two_factor_verify"), {"code": guess})
    assert log_in(client, "bob").status_code == 429  # type: ignore[attr-defined]


def test_it_forgets_a_password_step_after_five_minutes(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    step_back(clinic.bob.user)
    client = Client()
    log_in(client, "bob")
    session = client.session
    session["nervepath_two_factor_pending"]["at"] -= 301
    session.save()
    response = client.post(reverse("accounts:two_factor_verify"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_it_turns_two_factor_off_with_the_password(as_bob: Client, clinic: Clinic) -> None:
    enrol(as_bob)
    assert as_bob.post(reverse("accounts:two_factor"), {"password": "wrong"}).status_code == 400
    assert twofactor.enrolled(clinic.bob.user)
    as_bob.post(reverse("accounts:two_factor"), {"password": PASSWORD["bob"]})
    assert not twofactor.enrolled(clinic.bob.user)
    assert not RecoveryCode.objects.filter(user=clinic.bob.user).exists()
    assert log_in(Client(), "bob").status_code == 302  # type: ignore[attr-defined]
