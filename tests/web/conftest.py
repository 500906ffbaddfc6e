"""Personas of the web tests, and who may see what:

- alice: a patient, linked to bob by a CareLink; she sees only her own records.
- bob: alice's clinician; he sees alice, not dave.
- carol: a clinician with no patients; she sees nobody.
- dave: another patient, linked to nobody.
- root: an admin (staff); sees every patient.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client

from nervepath.web.records.models import CareLink, Clinician, Patient


@dataclass
class Clinic:
    alice: Patient
    dave: Patient
    bob: Clinician
    carol: Clinician
    root: User


# The settings demand SECRET_KEY outside DEBUG; the `settings` fixture cannot restore an empty one,
# so the test session sets it once, before the first request.
if not os.environ.get("SECRET_KEY"):
    django_settings.SECRET_KEY = "tests-only-secret-key-of-enough-length-0123456789"


@pytest.fixture(autouse=True)
def _web_settings(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]


def _user(name: str, **extra: object) -> User:
    return User.objects.create_user(name, f"{name}@example.org", f"{name}-password-123", **extra)


@pytest.fixture
def clinic(db: None) -> Clinic:
    alice = Patient.objects.create(display_name="Alice Patient", user=_user("alice"))
    dave = Patient.objects.create(display_name="Dave Other", user=_user("dave"))
    bob = Clinician.objects.create(display_name="Dr Bob", user=_user("bob"))
    carol = Clinician.objects.create(display_name="Dr Carol", user=_user("carol"))
    CareLink.objects.create(clinician=bob, patient=alice)
    return Clinic(alice, dave, bob, carol, _user("root", is_staff=True))


def login(client: Client, user: User | None) -> Client:
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_alice(client: Client, clinic: Clinic) -> Client:
    return login(client, clinic.alice.user)


@pytest.fixture
def as_bob(client: Client, clinic: Clinic) -> Client:
    return login(client, clinic.bob.user)


@pytest.fixture
def as_carol(client: Client, clinic: Clinic) -> Client:
    return login(client, clinic.carol.user)


@pytest.fixture
def as_root(client: Client, clinic: Clinic) -> Client:
    return login(client, clinic.root)
