"""Who may see whom, what they chose, and the append-only audit trail of every patient-record access."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from nervepath.errors import Conflict
from nervepath.web.accounts import otpkey
from nervepath.web.accounts.audit_words import object_words
from nervepath.web.records.models import Clinician, Patient

# No 0/O or 1/I/L: a patient reads the code off a card or a screen and types it on a phone.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITATION_DAYS = 30


def new_invitation_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def _invitation_expiry() -> Any:
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """A single-use code a clinician hands to a patient; entering it creates their CareLink."""

    code = models.CharField(max_length=16, unique=True, default=new_invitation_code)
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="invitations")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    used_by = models.ForeignKey(Patient, null=True, blank=True, on_delete=models.SET_NULL)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class Preferences(models.Model):
    """A person's own choices: interface language and when the daily diary reminder is sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    reminder_time = models.TimeField(null=True, blank=True)


class ReminderSent(models.Model):
    """One reminder of one kind sent to one patient on one day: makes `nervepath remind` idempotent."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="reminders_sent")
    kind = models.CharField(max_length=64)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["patient", "kind", "day"], name="remindersent_once_a_day"),
        ]


class AuditAction(models.TextChoices):
    # A context: the noun "Change" here is not the button "Change" (a verb) elsewhere.
    read = "read", pgettext_lazy("audit action", "Read")
    change = "change", pgettext_lazy("audit action", "Change")
    delete = "delete", pgettext_lazy("audit action", "Delete")


class AuditEvent(models.Model):
    """Who read or changed which patient's record, what object, when, from where. Never edited or deleted.

    The patient is kept as a plain id (not a foreign key) so the trail outlives a deleted account.
    An account change that concerns no patient's record (a clinician or admin account created) has
    no patient id.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    patient_id = models.BigIntegerField(db_index=True, null=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    # What the event alone cannot say: for an override of a prescribing check, which checks and why.
    detail = models.TextField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise Conflict("audit_event", "the audit log is append-only; an event cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Conflict("audit_event", "the audit log is append-only; an event cannot be deleted")

    def object_words(self) -> str:
        """What the event was about, in the active language (``trial`` -> "treatment trial")."""
        return object_words(self.object_type)


class AuthenticatorApp(TOTPDevice):  # type: ignore[misc]  # django-otp ships no type information
    """An authenticator app (TOTP, RFC 6238): django-otp's TOTPDevice, whose ``key`` column holds the
    secret encrypted (``otpkey``), never the plain hex django-otp would keep there.

    django-otp checks the codes: one 30-second step of clock drift either way, never the same step
    twice (``last_t``), and growing delays after each wrong code (1, 2, 4, 8 ... seconds). A device
    with ``confirmed`` false is an enrolment not yet proved by a first code.
    """

    class Meta:
        proxy = True

    @property
    def bin_key(self) -> bytes:
        return otpkey.decrypt(self.key, self.user_id)

    def set_secret(self, secret: bytes) -> None:
        self.key = otpkey.encrypt(secret, self.user_id)


class RecoveryCodes(StaticDevice):  # type: ignore[misc]  # django-otp ships no type information
    """The single-use recovery codes of a user: django-otp's StaticDevice, whose tokens are stored as
    keyed digests (``otpkey.code_digest``), never as the codes; a code is deleted when used."""

    class Meta:
        proxy = True

    def verify_token(self, token: str) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        forms = [otpkey.code_digest(token), otpkey.legacy_digest(token)]
        match = self.token_set.filter(token__in=forms).first()
        # Deleted by id and counted: of two requests with the same code, only one deletes it.
        if match is not None and self.token_set.filter(pk=match.pk).delete()[0]:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class CodeFailures(models.Model):
    """Wrong second-factor codes of a user in a row, counted apart from wrong passwords.

    At ``settings.NERVEPATH_CODE_FAILURE_LIMIT`` the code step is refused, before any code is
    checked, until ``NERVEPATH_CODE_COOLOFF_SECONDS`` have passed since the last wrong one; a right code
    starts the count again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_failures"
    )
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(null=True, blank=True)


class TwoFactorRequirement(models.Model):
    """An operator's demand that a user turn two-factor log-in on (``nervepath user create
    --require-two-factor``): while they have not, every sign-in ends on the enrolment page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_requirement"
    )
    required_at = models.DateTimeField(default=timezone.now)
