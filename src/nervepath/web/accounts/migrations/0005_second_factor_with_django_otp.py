"""The second factor moves to django-otp (ADR 0012); enrolled people keep working.

Each authenticator secret (``TwoFactor``, base32, stored as it was) becomes a confirmed
``otp_totp.TOTPDevice`` whose key column holds the secret encrypted under the key kept out of the
database (``accounts/otpkey.py``; the key file is made on first use); the last used time step
carries over, so a code used before the upgrade is still refused. Each unused recovery code, kept
only as its SHA-256 digest, becomes a token of an ``otp_static.StaticDevice`` in its legacy form
(``otpkey.legacy_digest``: 15 hex characters of that digest), so the codes people wrote down still
work once each. Codes made from now on are keyed digests.

Backwards: the secrets are decrypted into ``TwoFactor`` again; recovery codes cannot be turned back
into the old digests and are dropped (a person makes new ones by turning two-factor off and on).
"""

import base64
from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from nervepath.web.accounts import otpkey


def _b32(secret: str) -> bytes:
    text = secret.strip().upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def to_django_otp(apps: Any, schema_editor: Any) -> None:
    two_factor = apps.get_model("accounts", "TwoFactor")
    recovery_code = apps.get_model("accounts", "RecoveryCode")
    totp_device = apps.get_model("otp_totp", "TOTPDevice")
    static_device = apps.get_model("otp_static", "StaticDevice")
    static_token = apps.get_model("otp_static", "StaticToken")
    for row in two_factor.objects.all():
        totp_device.objects.create(
            user_id=row.user_id,
            name="authenticator app",
            confirmed=row.confirmed_at is not None,
            key=otpkey.encrypt(_b32(row.secret), row.user_id),
            last_t=row.last_step if row.last_step > 0 else -1,
        )
    unused = recovery_code.objects.filter(used_at__isnull=True).order_by("user_id", "pk")
    devices: dict[int, Any] = {}
    for code in unused:
        if code.user_id not in devices:
            devices[code.user_id] = static_device.objects.create(user_id=code.user_id, name="recovery codes")
        static_token.objects.create(device=devices[code.user_id], token=otpkey.LEGACY + code.digest[:15])


def to_pyotp(apps: Any, schema_editor: Any) -> None:
    two_factor = apps.get_model("accounts", "TwoFactor")
    totp_device = apps.get_model("otp_totp", "TOTPDevice")
    static_device = apps.get_model("otp_static", "StaticDevice")
    for device in totp_device.objects.filter(confirmed=True).order_by("pk"):
        two_factor.objects.update_or_create(
            user_id=device.user_id,
            defaults={
                "secret": base64.b32encode(otpkey.decrypt(device.key, device.user_id)).decode(),
                "confirmed_at": device.created_at or timezone.now(),
                "last_step": max(device.last_t, 0),
            },
        )
    totp_device.objects.all().delete()
    static_device.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_mood_entered_at_the_command_line"),
        ("otp_static", "0003_add_timestamps"),
        ("otp_totp", "0003_add_timestamps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuthenticatorApp",
            fields=[],
            options={"proxy": True, "indexes": [], "constraints": []},
            bases=("otp_totp.totpdevice",),
        ),
        migrations.CreateModel(
            name="RecoveryCodes",
            fields=[],
            options={"proxy": True, "indexes": [], "constraints": []},
            bases=("otp_static.staticdevice",),
        ),
        migrations.CreateModel(
            name="CodeFailures",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("count", models.PositiveIntegerField(default=0)),
                ("last_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="code_failures",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.RunPython(to_django_otp, to_pyotp),
        migrations.DeleteModel(name="RecoveryCode"),
        migrations.DeleteModel(name="TwoFactor"),
    ]
