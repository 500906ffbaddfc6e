"""Sign up, invitation codes, log-in lockout and password reset."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nervepath.web.accounts.models import Invitation
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.records.models import CareLink, Patient
from tests.web.conftest import Clinic

SIGNUP = {
    "username": "erin",
    "display_name": "Erin Example",
    "email": "erin@example.org",
    "password1": "a-long-enough-Passw0rd",
    "password2": "a-long-enough-Passw0rd",
}


def test_it_signs_up_a_patient_and_links_them_with_a_code(client: Client, clinic: Clinic) -> None:
    code = Invitation.objects.create(clinician=clinic.bob).code
    response = client.post("/accounts/signup/", SIGNUP | {"invitation": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    erin = Patient.objects.get(display_name="Erin Example")
    assert role_of(erin.user) is Role.patient
    assert CareLink.objects.filter(patient=erin, clinician=clinic.bob).exists()
    assert Invitation.objects.get(code=code).used_by == erin
    assert erin.user.password.startswith("md5$")  # the test hasher; production uses Argon2


def test_it_uses_argon2_for_passwords() -> None:
    from django.conf import settings

    from nervepath.web import settings as project

    assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "AxesStandaloneBackend" in settings.AUTHENTICATION_BACKENDS[0]


def test_it_refuses_an_expired_code_and_saves_nothing(client: Client, clinic: Clinic) -> None:
    code = Invitation.objects.create(clinician=clinic.bob, expires_at=timezone.now() - timedelta(days=1)).code
    response = client.post("/accounts/signup/", SIGNUP | {"invitation": code})
    assert response.status_code == 200
    assert "not valid or has expired" in response.content.decode()
    assert not Patient.objects.filter(display_name="Erin Example").exists()


def test_it_refuses_a_code_that_was_already_used(as_alice: Client, clinic: Clinic) -> None:
    invitation = Invitation.objects.create(
        clinician=clinic.carol, used_at=timezone.now(), used_by=clinic.dave
    )
    response = as_alice.post("/accounts/link/", {"code": invitation.code})
    assert "not valid or has expired" in response.content.decode()
    assert not CareLink.objects.filter(patient=clinic.alice, clinician=clinic.carol).exists()


def test_it_links_a_signed_in_patient_to_a_second_clinician(as_alice: Client, clinic: Clinic) -> None:
    code = Invitation.objects.create(clinician=clinic.carol).code
    response = as_alice.post("/accounts/link/", {"code": code})
    assert response.status_code == 302
    assert CareLink.objects.filter(patient=clinic.alice, clinician=clinic.carol).exists()


def test_it_lets_only_clinicians_create_codes(as_alice: Client, clinic: Clinic) -> None:
    assert as_alice.post("/accounts/invitations/new/").status_code == 404
    assert not Invitation.objects.exists()


def test_it_creates_a_code_for_a_clinician(as_bob: Client, clinic: Clinic) -> None:
    response = as_bob.post("/accounts/invitations/new/", follow=True)
    code = Invitation.objects.get(clinician=clinic.bob).code
    assert code in response.content.decode()
    assert len(code) == 8


def test_it_locks_out_after_repeated_failed_logins(
    client: Client, clinic: Clinic, settings: pytest.FixtureRequest
) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-password-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_logs_in_with_the_right_password(client: Client, clinic: Clinic) -> None:
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-password-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clinic.alice.user.pk)


def test_it_sends_a_password_reset_mail(client: Client, clinic: Clinic) -> None:
    response = client.post("/accounts/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_it_saves_preferences_and_switches_language(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/accounts/settings/", {"language": "es", "reminder_time": "19:30"})
    assert response.status_code == 302
    prefs = clinic.alice.user.preferences
    assert (prefs.language, prefs.reminder_time.isoformat()) == ("es", "19:30:00")
    assert response.cookies["django_language"].value == "es"


def test_it_expires_sessions(settings: pytest.FixtureRequest) -> None:
    from django.conf import settings as live

    assert live.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < live.SESSION_COOKIE_AGE <= 12 * 60 * 60
