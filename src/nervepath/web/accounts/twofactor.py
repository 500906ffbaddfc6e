"""Optional two-factor log-in with time-based one-time passwords (TOTP, RFC 6238) via pyotp.

Enrolment: ``new_secret()`` → the person adds it to an authenticator app (as text or through
``provisioning_uri``) → ``confirm(user, secret, code)`` stores it and returns ten recovery codes,
shown once. Log-in: after the password, ``verify(user, code)`` accepts the current code (one
30-second step of clock drift either way), never the same step twice, or an unused recovery code.
An operator may ``require`` it of an account: until that user has enrolled, every sign-in ends on
the enrolment page.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import pyotp
from django.db import transaction
from django.utils import timezone

from nervepath.errors import Conflict, InvalidInput
from nervepath.web.accounts.models import RecoveryCode, TwoFactor, TwoFactorRequirement

ISSUER = "nervepath"
RECOVERY_CODES = 10
# One step either way tolerates a phone clock a little off without widening the window much.
DRIFT_STEPS = 1


def new_secret() -> str:
    """A fresh random base32 secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://totp/...`` URI an authenticator app reads (typed or scanned)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def enrolled(user: Any) -> bool:
    """Whether the user must give a second factor at log-in."""
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def require(user: Any) -> None:
    """Demand that ``user`` turn two-factor log-in on (idempotent)."""
    TwoFactorRequirement.objects.get_or_create(user=user)


def required(user: Any) -> bool:
    """Whether an operator demanded two-factor log-in of ``user``."""
    return TwoFactorRequirement.objects.filter(user=user).exists()


def _matching_step(secret: str, code: str) -> int | None:
    totp, now = pyotp.TOTP(secret), timezone.now()
    for drift in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        step = totp.timecode(now) + drift
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().replace("-", "").lower().encode()).hexdigest()


def _recovery_codes(user: Any) -> list[str]:
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_digest(c)) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def confirm(user: Any, secret: str, code: str) -> list[str]:
    """Turn two-factor on once ``code`` proves the app holds ``secret``; returns the recovery codes.

    Raises: InvalidInput("code") when the code does not match.
    """
    step = _matching_step(secret, code.strip())
    if step is None:
        raise InvalidInput("code", code, "the 6-digit code your authenticator app shows now")
    with transaction.atomic():
        TwoFactor.objects.update_or_create(
            user=user, defaults={"secret": secret, "confirmed_at": timezone.now(), "last_step": step}
        )
        return _recovery_codes(user)


def verify(user: Any, code: str) -> bool:
    """Whether ``code`` is the user's current TOTP code (not used before) or an unused recovery code."""
    device = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = _matching_step(device.secret, code.strip())
    if step is not None:
        # Compare-and-set: of two requests with the same code, only one moves last_step on.
        return bool(TwoFactor.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step))
    spent = RecoveryCode.objects.filter(user=user, digest=_digest(code), used_at__isnull=True)
    return bool(spent.update(used_at=timezone.now()))


def disable(user: Any) -> None:
    """Turn two-factor off and drop the recovery codes; raises Conflict when it was not on."""
    with transaction.atomic():
        deleted, _ = TwoFactor.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    if not deleted:
        raise Conflict("two_factor", "two-factor log-in is not turned on")
