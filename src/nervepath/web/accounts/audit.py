"""The one helper that writes the audit log; every view that reads or changes a patient's record calls it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from nervepath.web.accounts.models import AuditAction, AuditEvent
from nervepath.web.records.models import Patient


def audit(request: HttpRequest, action: AuditAction, patient: Patient, obj: models.Model | str) -> AuditEvent:
    """Append one event: who (the signed-in user), read or change, which patient, what object, IP."""
    object_type, object_id = _describe(obj)
    user: Any = request.user
    return AuditEvent.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        action=action,
        patient_id=patient.pk,
        object_type=object_type,
        object_id=object_id,
        ip=request.META.get("REMOTE_ADDR") or None,
    )


def _describe(obj: models.Model | str) -> tuple[str, str]:
    if isinstance(obj, str):
        return obj, ""
    return obj._meta.model_name or type(obj).__name__.lower(), str(obj.pk)
