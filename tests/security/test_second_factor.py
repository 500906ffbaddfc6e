"""The second factor (django-otp, docs/decisions/0012): enrolment, the code step and its refusals,
single-use recovery codes, secrets encrypted at rest, and clinicians and admins made to enrol.

Codes are computed from the enrolled secret with pyotp, as an authenticator app would. A wrong code
starts a delay (1, 2, 4 ... seconds); to try the next one without waiting, a test moves the time of
the last failure back (``let_time_pass``) instead of sleeping.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nervepath.web.accounts import otpkey, twofactor
from nervepath.web.accounts.models import AuthenticatorApp, CodeFailures, RecoveryCodes
from tests.security.conftest import PASSWORD
from tests.web.conftest import Clinic

LOGIN = "/accounts/login/"
CODE = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor")


def log_in(client: Client, name: str, password: str | None = None) -> Any:
    return client.post(LOGIN, {"username": name, "password": password or PASSWORD[name]})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def enrol(client: Client) -> tuple[str, list[str]]:
    """Turn two-factor on through the page; returns the secret and the recovery codes shown."""
    page = client.get(ENROL)
    secret = page.context["secret"]
    assert secret in page.content.decode()
    assert "otpauth://totp/" in page.content.decode()
    done = client.post(ENROL, {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    return secret, done.context["codes"]


def fresh_step(user: User) -> None:
    """Forget the last used time step, as if the code had been used long ago (a new code each test)."""
    AuthenticatorApp.objects.filter(user=user).update(last_t=-1)


def let_time_pass(user: User) -> None:
    """Move the last wrong code far enough back that its delay has passed (the count stays)."""
    long_ago = timezone.now() - timedelta(days=1)
    AuthenticatorApp.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)
    RecoveryCodes.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)


def code_step(user: str = "bob") -> Client:
    """A client past the password step of an enrolled user, waiting for the code."""
    client = Client()
    assert log_in(client, user)["Location"] == CODE
    return client


def wrong(secret: str) -> str:
    """A 6-digit code that is none of the three the app's secret accepts now."""
    totp, now = pyotp.TOTP(secret), timezone.now()
    valid = {totp.at(now + timedelta(seconds=s)) for s in (-30, 0, 30)}
    return next(f"{n:06d}" for n in range(1, 10) if f"{n:06d}" not in valid)


# --- Enrolment ---------------------------------------------------------------------------------------


def test_it_enrols_a_clinician_with_a_real_totp_code(as_bob: Client, clinic: Clinic) -> None:
    assert as_bob.post(ENROL, {"code": "000000"}).status_code == 400
    assert not twofactor.enrolled(clinic.bob.user)
    secret, codes = enrol(as_bob)
    assert twofactor.enrolled(clinic.bob.user)
    device = AuthenticatorApp.objects.get(user=clinic.bob.user)
    assert device.confirmed
    assert twofactor.secret_text(device) == secret
    assert len(codes) == 10
    assert all(re.fullmatch(r"[0-9a-f]{5}-[0-9a-f]{5}", c) for c in codes)


def test_it_offers_two_factor_to_clinicians_and_admins_only(as_alice: Client, clinic: Clinic) -> None:
    assert as_alice.get(ENROL).status_code == 404
    admin = Client()
    admin.force_login(clinic.root)
    assert admin.get(ENROL).status_code == 200
    assert Client().get(ENROL)["Location"].startswith(LOGIN)


def test_it_stores_the_totp_secret_encrypted_and_bound_to_its_user(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    raw = base64.b32decode(secret)
    stored = TOTPDevice.objects.get(user=clinic.bob.user).key  # django-otp's own column
    assert stored.startswith(otpkey.PREFIX)
    assert len(stored) <= TOTPDevice._meta.get_field("key").max_length
    for plain in (secret, secret.lower(), raw.hex()):
        assert plain not in stored
    assert otpkey.decrypt(stored, clinic.bob.user.pk) == raw
    with pytest.raises(ImproperlyConfigured, match="does not decrypt"):
        otpkey.decrypt(stored, clinic.carol.user.pk)  # the row copied onto another user's device


def test_it_cannot_decrypt_the_secret_with_another_key(as_bob: Client, clinic: Clinic, settings: Any) -> None:
    enrol(as_bob)
    stored = TOTPDevice.objects.get(user=clinic.bob.user).key
    settings.NERVEPATH_TOTP_KEY = otpkey.new_key()
    with pytest.raises(ImproperlyConfigured, match="not the key it was stored with"):
        otpkey.decrypt(stored, clinic.bob.user.pk)


def test_it_refuses_a_plain_key_in_the_totp_column(clinic: Clinic) -> None:
    TOTPDevice.objects.create(
        user=clinic.bob.user, name="plain", key="3132333435363738393031323334353637383930"
    )
    device = AuthenticatorApp.objects.get(user=clinic.bob.user)
    with pytest.raises(ImproperlyConfigured, match="unencrypted"):
        device.bin_key  # noqa: B018


def test_it_makes_a_private_key_file_when_no_key_is_given(tmp_path: Path, settings: Any) -> None:
    settings.NERVEPATH_TOTP_KEY = ""
    settings.NERVEPATH_TOTP_KEY_FILE = tmp_path / "home" / "totp_key"
    old = os.umask(0o022)
    try:
        first = otpkey.key()
    finally:
        os.umask(old)
    assert stat.S_IMODE(settings.NERVEPATH_TOTP_KEY_FILE.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.NERVEPATH_TOTP_KEY_FILE.parent.stat().st_mode) == 0o700
    assert len(first) == 32
    assert otpkey.key() == first  # read back, not made again
    assert list(settings.NERVEPATH_TOTP_KEY_FILE.parent.iterdir()) == [settings.NERVEPATH_TOTP_KEY_FILE]


@pytest.mark.parametrize("bad", ["short", "not base64 !!", base64.urlsafe_b64encode(b"x" * 31).decode()])
def test_it_refuses_a_key_that_is_not_32_bytes(settings: Any, bad: str) -> None:
    settings.NERVEPATH_TOTP_KEY = bad
    with pytest.raises(ImproperlyConfigured, match="NERVEPATH_TOTP_KEY"):
        otpkey.key()


def test_it_stores_recovery_codes_only_as_keyed_digests(as_bob: Client, clinic: Clinic) -> None:
    _secret, codes = enrol(as_bob)
    stored = set(StaticToken.objects.filter(device__user=clinic.bob.user).values_list("token", flat=True))
    assert len(stored) == 10
    for code in codes:
        plain = code.replace("-", "")
        assert not {code, plain, otpkey.legacy_digest(code)} & stored
        assert not any(plain in token for token in stored)
    assert {otpkey.code_digest(c) for c in codes} == stored


# --- The code step -------------------------------------------------------------------------------------


def test_it_asks_an_enrolled_clinician_for_the_code_after_the_password(
    as_bob: Client, clinic: Clinic
) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    client = Client()
    response = client.post(LOGIN + "?next=/clinic/", {"username": "bob", "password": PASSWORD["bob"]})
    assert response["Location"] == CODE
    assert not signed_in(client)
    assert client.get("/clinic/")["Location"].startswith(LOGIN)
    assert client.post(CODE, {"code": wrong(secret)}).status_code == 400
    assert not signed_in(client)
    let_time_pass(clinic.bob.user)
    right = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert right["Location"] == "/clinic/"
    assert client.session["_auth_user_id"] == str(clinic.bob.user.pk)
    assert client.get("/clinic/").status_code == 200


def test_it_refuses_a_code_used_twice(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    code = pyotp.TOTP(secret).now()
    assert twofactor.verify(clinic.bob.user, code)
    let_time_pass(clinic.bob.user)
    assert not twofactor.verify(clinic.bob.user, code)


def test_it_accepts_each_recovery_code_once(as_bob: Client, clinic: Clinic) -> None:
    _secret, codes = enrol(as_bob)
    for attempt, expected in ((codes[3], True), (codes[3], False), (codes[4].upper(), True)):
        let_time_pass(clinic.bob.user)
        client = code_step()
        client.post(CODE, {"code": attempt})
        assert signed_in(client) is expected
    assert StaticToken.objects.filter(device__user=clinic.bob.user).count() == 8


def test_it_makes_each_wrong_code_wait_twice_as_long_as_the_last(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    waits = []
    for _ in range(4):
        let_time_pass(clinic.bob.user)
        assert twofactor.check(clinic.bob.user, wrong(secret)).verdict is twofactor.Verdict.wrong
        refused = twofactor.check(clinic.bob.user, pyotp.TOTP(secret).now())
        assert refused.verdict is twofactor.Verdict.wait
        waits.append(refused.wait_seconds)
    assert waits == [1, 2, 4, 8]
    assert AuthenticatorApp.objects.get(user=clinic.bob.user).throttling_failure_count == 4


def test_it_does_not_check_a_code_during_the_wait(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    client = code_step()
    assert client.post(CODE, {"code": wrong(secret)}).status_code == 400
    refused = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert refused.status_code == 429
    assert "Wait 1 second" in refused.content.decode()
    assert not signed_in(client)
    assert AuthenticatorApp.objects.get(user=clinic.bob.user).last_t == -1  # the right code was not used


def test_it_never_logs_in_with_the_right_code_after_the_limit(as_bob: Client, clinic: Clinic) -> None:
    """The attack of issue 18: wrong codes in one session, then the right one."""
    secret, codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    client = code_step()
    statuses = []
    for _ in range(5):
        let_time_pass(clinic.bob.user)
        statuses.append(client.post(CODE, {"code": wrong(secret)}).status_code)
    assert statuses == [400, 400, 400, 400, 429]  # the fifth wrong code locks the code step
    let_time_pass(clinic.bob.user)
    locked = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert locked.status_code == 429
    assert "Too many wrong codes" in locked.content.decode()
    assert not signed_in(client)
    for n in range(50):
        assert client.post(CODE, {"code": f"{n:06d}"}).status_code == 429
    for n in range(500):  # many more, without the cost of as many requests
        assert twofactor.check(clinic.bob.user, f"{n:06d}").verdict is twofactor.Verdict.locked
    let_time_pass(clinic.bob.user)
    for code in (pyotp.TOTP(secret).now(), codes[0]):
        assert code_step().post(CODE, {"code": code}).status_code == 429
        assert client.post(CODE, {"code": code}).status_code == 429
    assert not signed_in(client)
    device = AuthenticatorApp.objects.get(user=clinic.bob.user)
    assert (device.throttling_failure_count, device.last_t) == (5, -1)  # none of the refused was checked
    assert StaticToken.objects.filter(device__user=clinic.bob.user).count() == 10


def test_it_counts_wrong_codes_per_user_across_sessions(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    for _ in range(5):
        let_time_pass(clinic.bob.user)
        code_step().post(CODE, {"code": wrong(secret)})  # a new session, as from a new address
    let_time_pass(clinic.bob.user)
    client = code_step()
    assert client.post(CODE, {"code": pyotp.TOTP(secret).now()}).status_code == 429
    assert not signed_in(client)


def test_it_opens_the_code_step_again_after_the_cool_off(
    as_bob: Client, clinic: Clinic, settings: Any
) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    for _ in range(5):
        let_time_pass(clinic.bob.user)
        twofactor.check(clinic.bob.user, wrong(secret))
    let_time_pass(clinic.bob.user)
    cooloff = timedelta(seconds=settings.NERVEPATH_CODE_COOLOFF_SECONDS)
    CodeFailures.objects.filter(user=clinic.bob.user).update(
        last_at=timezone.now() - cooloff + timedelta(minutes=1)
    )
    assert twofactor.check(clinic.bob.user, pyotp.TOTP(secret).now()).verdict is twofactor.Verdict.locked
    CodeFailures.objects.filter(user=clinic.bob.user).update(last_at=timezone.now() - cooloff)
    client = code_step()
    assert client.post(CODE, {"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert signed_in(client)
    assert CodeFailures.objects.get(user=clinic.bob.user).count == 0


def test_it_refuses_the_code_step_while_the_password_lockout_lasts(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    client = code_step()
    for _ in range(5):
        log_in(Client(), "bob", "wrong-password")  # the same address: django-axes locks bob out
    refused = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert refused.status_code == 429
    assert not signed_in(client)
    assert AuthenticatorApp.objects.get(user=clinic.bob.user).last_t == -1  # the code was not checked


def test_it_keeps_wrong_codes_apart_from_wrong_passwords(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    for _ in range(4):
        let_time_pass(clinic.bob.user)
        code_step().post(CODE, {"code": wrong(secret)})
    assert log_in(Client(), "bob").status_code == 302  # the password step is not locked by codes


class _Events(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_it_logs_each_refused_code_as_a_security_event_without_the_code(
    as_bob: Client, clinic: Clinic
) -> None:
    secret, _codes = enrol(as_bob)
    events = _Events()
    logger = logging.getLogger("nervepath.security")
    logger.addHandler(events)
    try:
        client = code_step()
        guess = wrong(secret)
        client.post(CODE, {"code": guess})
        client.post(CODE, {"code": guess})
    finally:
        logger.removeHandler(events)
    found = [(r.getMessage(), r.event_fields["outcome"], r.event_fields["account"]) for r in events.records]  # type: ignore[attr-defined]
    assert found == [
        ("two_factor_failed", "wrong", clinic.bob.user.pk),
        ("two_factor_failed", "wait", clinic.bob.user.pk),
    ]
    assert all(guess not in str(vars(r)) for r in events.records)


def test_it_forgets_a_password_step_after_five_minutes(as_bob: Client, clinic: Clinic) -> None:
    secret, _codes = enrol(as_bob)
    fresh_step(clinic.bob.user)
    client = code_step()
    session = client.session
    session["nervepath_two_factor_pending"]["at"] -= 301
    session.save()
    response = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_it_turns_two_factor_off_with_the_password(as_bob: Client, clinic: Clinic) -> None:
    enrol(as_bob)
    assert as_bob.post(ENROL, {"password": "wrong"}).status_code == 400
    assert twofactor.enrolled(clinic.bob.user)
    as_bob.post(ENROL, {"password": PASSWORD["bob"]})
    assert not twofactor.enrolled(clinic.bob.user)
    assert not RecoveryCodes.objects.filter(user=clinic.bob.user).exists()
    assert not StaticToken.objects.filter(device__user=clinic.bob.user).exists()
    assert log_in(Client(), "bob").status_code == 302


def test_it_signs_out_a_session_of_an_enrolled_user_that_never_gave_a_code(
    as_bob: Client, clinic: Clinic
) -> None:
    enrol(as_bob)
    assert as_bob.get("/clinic/").status_code == 200  # the session that enrolled proved the device
    elsewhere = Client()
    elsewhere.force_login(clinic.bob.user)  # e.g. signed in on another computer before enrolling
    response = elsewhere.get("/clinic/")
    assert response["Location"] == f"{LOGIN}?next=%2Fclinic%2F"
    assert not signed_in(elsewhere)


# --- Clinicians and admins must enrol -------------------------------------------------------------


@pytest.fixture
def required(settings: Any) -> None:
    settings.NERVEPATH_REQUIRE_TWO_FACTOR = True


def patient_data(clinic: Clinic) -> list[str]:
    alice = clinic.alice.pk
    return [
        "/clinic/",
        reverse("pages:patient", args=[alice]),
        reverse("pages:clinician_report", args=[alice]),
        reverse("pages:situation", args=[alice]),
        reverse("accounts:audit_log"),
    ]


@pytest.mark.parametrize("persona", ["bob", "root"])
def test_it_sends_a_clinician_or_admin_without_a_second_factor_to_enrol(
    required: None, clinic: Clinic, persona: str
) -> None:
    client = Client()
    assert log_in(client, persona)["Location"] == ENROL
    assert signed_in(client)
    for url in patient_data(clinic):
        assert client.get(url)["Location"] == ENROL, url
    api = client.get(f"/api/v1/patients/{clinic.alice.pk}")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "forbidden"
    assert client.post(reverse("pages:situation", args=[clinic.alice.pk]), {})["Location"] == ENROL
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "needs two-factor log-in" in page.content.decode()
    client.post(ENROL, {"code": pyotp.TOTP(page.context["secret"]).now()})
    assert client.get("/clinic/").status_code == 200
    assert client.get(f"/api/v1/patients/{clinic.alice.pk}").status_code == 200


def test_it_lets_a_session_that_enrolled_elsewhere_in_only_with_a_code(
    required: None, clinic: Clinic
) -> None:
    stale = Client()
    log_in(stale, "bob")
    enrolling = Client()
    log_in(enrolling, "bob")
    enrol(enrolling)
    assert stale.get("/clinic/")["Location"].startswith(LOGIN)
    assert not signed_in(stale)


def test_it_asks_nothing_more_of_a_patient(required: None, clinic: Clinic) -> None:
    client = Client()
    assert log_in(client, "alice")["Location"] == "/"
    assert client.get("/today/").status_code == 200


def test_it_lets_the_clinic_turn_the_requirement_off(clinic: Clinic, settings: Any) -> None:
    settings.NERVEPATH_REQUIRE_TWO_FACTOR = False
    client = Client()
    assert log_in(client, "bob")["Location"] == "/"
    assert client.get(reverse("pages:patient", args=[clinic.alice.pk])).status_code == 200


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, True), ({"DEBUG": "true"}, False), ({"NERVEPATH_REQUIRE_TWO_FACTOR": "0"}, False)],
    ids=["production", "debug", "turned-off"],
)
def test_it_requires_a_second_factor_in_production_by_default(env: dict[str, str], expected: bool) -> None:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "NERVEPATH_REQUIRE_TWO_FACTOR"}}
    program = "from nervepath.web import settings; print(settings.NERVEPATH_REQUIRE_TWO_FACTOR)"
    result = subprocess.run(
        [sys.executable, "-c", program],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == str(expected)


# --- Migration from the hand-written flow --------------------------------------------------------------

BEFORE = [("accounts", "0004_mood_entered_at_the_command_line")]


@pytest.fixture
def before_django_otp(transactional_db: None) -> Any:
    MigrationExecutor(connection).migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_it_migrates_an_enrolled_user_who_keeps_their_app_and_recovery_codes(before_django_otp: Any) -> None:
    import hashlib

    apps = before_django_otp
    user = apps.get_model("auth", "User").objects.create(username="ann", password="!")
    secret = pyotp.random_base32(32)
    used_step = pyotp.TOTP(secret).timecode(timezone.now())
    apps.get_model("accounts", "TwoFactor").objects.create(
        user=user, secret=secret, confirmed_at=timezone.now(), last_step=used_step
    )
    codes = ["0123456789", "abcdeabcde", "ffffffffff"]
    recovery = apps.get_model("accounts", "RecoveryCode").objects
    for n, code in enumerate(codes):
        digest = hashlib.sha256(code.encode()).hexdigest()
        recovery.create(user=user, digest=digest, used_at=timezone.now() if n == 2 else None)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    ann = User.objects.get(username="ann")
    assert twofactor.enrolled(ann)
    device = AuthenticatorApp.objects.get(user=ann)
    assert device.key.startswith(otpkey.PREFIX)
    assert twofactor.secret_text(device) == secret
    assert device.last_t == used_step
    assert not twofactor.verify(ann, pyotp.TOTP(secret).now())  # used before the upgrade: still refused
    AuthenticatorApp.objects.filter(user=ann).update(last_t=used_step - 5, throttling_failure_timestamp=None)
    CodeFailures.objects.filter(user=ann).delete()
    assert twofactor.verify(ann, pyotp.TOTP(secret).now())
    assert twofactor.verify(ann, "01234-56789")
    assert not twofactor.verify(ann, "01234-56789")  # once
    RecoveryCodes.objects.filter(user=ann).update(throttling_failure_timestamp=None)
    assert not twofactor.verify(ann, "fffff-fffff")  # it was used before the upgrade
