"""Acknowledging a patient's flag: the clinician's note that it was seen (``FlagAcknowledgement``).

Public: ``acknowledge_flag(patient, flag, note, by, at=None)``. Which flags a patient has, and when
an acknowledgement stops hiding one, is decided where the flags are composed (``pages.attention``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from nervepath.web.records import validation as v
from nervepath.web.records.models import FlagAcknowledgement, Patient

FLAG_MAX_LENGTH = 100


def acknowledge_flag(
    patient: Patient, flag: Any, note: Any, by: str, at: datetime | None = None
) -> FlagAcknowledgement:
    """Record that ``by`` acknowledged ``flag`` with ``note`` (required); InvalidInput names the field."""
    key = v.identifier("flag", flag, FLAG_MAX_LENGTH)
    text = v.text("note", note, max_length=v.NOTE_MAX_LENGTH, required=True)
    with transaction.atomic():
        return FlagAcknowledgement.objects.create(
            patient=patient, flag=key, note=text, acknowledged_by=by, acknowledged_at=at or timezone.now()
        )
