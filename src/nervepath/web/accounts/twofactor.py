"""The second factor at log-in: an authenticator app (TOTP, RFC 6238) and single-use recovery codes,
checked by django-otp (docs/decisions/0012).

Enrolment: ``enrolment(user)`` keeps an unconfirmed device with a fresh secret, which the person
adds to an authenticator app (as text or through ``provisioning_uri``); ``confirm(user, secret,
code)`` turns it on once a code proves the app holds it and returns ten recovery codes, shown once.

Log-in: after the password, ``check(user, code)`` refuses, before looking at the code, while the
user has ``NERVEPATH_CODE_FAILURE_LIMIT`` wrong codes in a row (for the cool-off time) or while a
device's growing delay (1, 2, 4 ... seconds after each wrong code) has not passed; otherwise it
accepts the current app code (one step of drift either way, never a step already used) or an unused
recovery code, and counts a wrong one.

Who must have one: ``required(user)``: every clinician and admin where the setting
``NERVEPATH_REQUIRE_TWO_FACTOR`` is on (the default outside DEBUG), and anyone of whom an operator
demanded it (``require``).
"""

from __future__ import annotations

import base64
import enum
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from nervepath.errors import Conflict, InvalidInput
from nervepath.web.accounts import otpkey
from nervepath.web.accounts.models import (
    AuthenticatorApp,
    CodeFailures,
    RecoveryCodes,
    TwoFactorRequirement,
)
from nervepath.web.accounts.roles import is_care_team, linked_row

RECOVERY_CODES = 10
SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends
_TOTP_SHAPE = re.compile(r"[0-9]{6}")
APP_NAME = "authenticator app"
CODES_NAME = "recovery codes"


def new_secret() -> str:
    """A fresh random secret in base32, as authenticator apps take it typed."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_text(device: AuthenticatorApp) -> str:
    """The device's secret in base32 (shown once, at enrolment)."""
    return base64.b32encode(device.bin_key).decode()


def provisioning_uri(device: AuthenticatorApp) -> str:
    """The ``otpauth://totp/...`` URI an authenticator app reads (typed or scanned)."""
    uri: str = device.config_url
    return uri


def enrolled(user: Any) -> bool:
    """Whether the user must give a second factor at log-in (has a confirmed authenticator app)."""
    return bool(AuthenticatorApp.objects.filter(user=user, confirmed=True).exists())


def require(user: Any) -> None:
    """Demand that ``user`` turn two-factor log-in on (idempotent)."""
    TwoFactorRequirement.objects.get_or_create(user=user)


def demanded(user: Any) -> bool:
    """Whether an operator demanded two-factor log-in of ``user`` (``user create --require-two-factor``)."""
    flag = getattr(user, "nervepath_two_factor_demanded", None)  # annotated by the session backend
    if flag is not None:
        return bool(flag)
    return linked_row(user, "two_factor_requirement") is not None


def required(user: Any) -> bool:
    """Whether ``user`` may not use the site without a second factor."""
    return (settings.NERVEPATH_REQUIRE_TWO_FACTOR and is_care_team(user)) or demanded(user)


def with_second_factor_flags(users: QuerySet[Any]) -> QuerySet[Any]:
    """``users`` with ``nervepath_enrolled`` and ``nervepath_two_factor_demanded`` read in the same query."""
    flagged: QuerySet[Any] = users.annotate(
        nervepath_enrolled=Exists(AuthenticatorApp.objects.filter(user=OuterRef("pk"), confirmed=True)),
        nervepath_two_factor_demanded=Exists(TwoFactorRequirement.objects.filter(user=OuterRef("pk"))),
    )
    return flagged


def is_enrolled(user: Any) -> bool:
    """``enrolled``, without a query when the user was loaded ``with_second_factor_flags``."""
    flag = getattr(user, "nervepath_enrolled", None)
    return bool(flag) if flag is not None else enrolled(user)


# --- Enrolment ---------------------------------------------------------------------------------------


def _new_device(user: Any, secret: bytes, confirmed: bool) -> AuthenticatorApp:
    device = AuthenticatorApp(user=user, name=APP_NAME, confirmed=confirmed)
    device.set_secret(secret)
    device.save()
    return device


def enrolment(user: Any) -> AuthenticatorApp:
    """The user's enrolment in progress (a device not confirmed yet), started if there is none."""
    pending = AuthenticatorApp.objects.filter(user=user, confirmed=False).order_by("pk")
    device: AuthenticatorApp | None = pending.first()
    if device is None:
        device = _new_device(user, base64.b32decode(new_secret()), confirmed=False)
    return device


def _recovery_codes(user: Any) -> list[str]:
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    RecoveryCodes.objects.filter(user=user).delete()
    device = RecoveryCodes.objects.create(user=user, name=CODES_NAME)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=otpkey.code_digest(c)) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def confirm(user: Any, secret: str, code: str) -> list[str]:
    """Turn two-factor on once ``code`` proves the app holds ``secret`` (base32, as shown); replaces
    any earlier device and recovery codes; returns the new recovery codes.

    Raises: InvalidInput("code") when the code does not match (nothing is turned on).
    """
    try:
        raw = base64.b32decode(secret.strip().upper())
    except ValueError:
        raise InvalidInput("secret", "(hidden)", "the key shown on the enrolment page") from None
    with transaction.atomic():
        pending = AuthenticatorApp.objects.select_for_update().filter(user=user, confirmed=False)
        device = next((d for d in pending if d.bin_key == raw), None)
        if device is None:
            device = _new_device(user, raw, confirmed=False)
        # No delay between tries here: whoever enrols is signed in and has the secret on screen.
        device.throttle_reset(commit=False)
        verified = device.verify_token(_digits(code))
        if verified:
            AuthenticatorApp.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            CodeFailures.objects.filter(user=user).delete()
            codes = _recovery_codes(user)
    if not verified:
        raise InvalidInput("code", code, "the 6-digit code your authenticator app shows now")
    return codes


def disable(user: Any) -> None:
    """Turn two-factor off and drop the recovery codes; raises Conflict when it was not on."""
    with transaction.atomic():
        deleted, _ = AuthenticatorApp.objects.filter(user=user, confirmed=True).delete()
        RecoveryCodes.objects.filter(user=user).delete()
    if not deleted:
        raise Conflict("two_factor", "two-factor log-in is not turned on")


# --- The code step at log-in ---------------------------------------------------------------------------


class Verdict(enum.Enum):
    accepted = "accepted"
    wrong = "wrong"
    locked = "locked"  # too many wrong codes in a row: refused until the cool-off has passed
    wait = "wait"  # a device's delay after the last wrong code has not passed


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    wait_seconds: int = 0  # for locked and wait: how long until a code is looked at again
    device: Any = None  # the device that accepted the code


def _digits(code: str) -> str:
    return "".join(code.split())


def _locked_for(failures: CodeFailures | None, now: Any) -> float:
    if failures is None or failures.last_at is None or failures.count < settings.NERVEPATH_CODE_FAILURE_LIMIT:
        return 0.0
    until = failures.last_at + timedelta(seconds=settings.NERVEPATH_CODE_COOLOFF_SECONDS)
    return max(0.0, float((until - now).total_seconds()))


def _throttled_for(devices: list[Any], now: Any) -> float:
    longest = 0.0
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until") is not None:
            longest = max(longest, (info["locked_until"] - now).total_seconds())
    return longest


def _ceil(seconds: float) -> int:
    return max(1, int(-(-seconds // 1)))


def check(user: Any, code: str) -> Outcome:
    """The code step: refused (``locked``, ``wait``) before the code is looked at, else ``accepted``
    or ``wrong`` (counted). Rows are locked for the check, so two requests cannot both use one code."""
    with transaction.atomic():
        CodeFailures.objects.get_or_create(user=user)
        failures = CodeFailures.objects.select_for_update().get(user=user)
        now = timezone.now()
        locked = _locked_for(failures, now)
        if locked > 0:
            return Outcome(Verdict.locked, _ceil(locked))
        app = AuthenticatorApp.objects.select_for_update().filter(user=user, confirmed=True).first()
        codes = RecoveryCodes.objects.select_for_update().filter(user=user).first()
        devices = [d for d in (app, codes) if d is not None]
        waiting = _throttled_for(devices, now)
        if waiting > 0:
            return Outcome(Verdict.wait, _ceil(waiting))
        typed = _digits(code)
        device = app if _TOTP_SHAPE.fullmatch(typed) else codes
        if device is not None and device.verify_token(typed):
            failures.count, failures.last_at = 0, None
            failures.save(update_fields=["count", "last_at"])
            for other in devices:
                if other is not device and other.throttling_failure_count:
                    other.throttle_reset()
            return Outcome(Verdict.accepted, device=device)
        expired = failures.last_at is not None and (now - failures.last_at).total_seconds() >= (
            settings.NERVEPATH_CODE_COOLOFF_SECONDS
        )
        failures.count = 1 if expired else failures.count + 1
        failures.last_at = now
        failures.save(update_fields=["count", "last_at"])
        if failures.count >= settings.NERVEPATH_CODE_FAILURE_LIMIT:
            return Outcome(Verdict.locked, settings.NERVEPATH_CODE_COOLOFF_SECONDS)
        return Outcome(Verdict.wrong)


def verify(user: Any, code: str) -> bool:
    """Whether ``code`` is accepted now (``check`` with its refusals and counting)."""
    return check(user, code).verdict is Verdict.accepted
