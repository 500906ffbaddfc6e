"""Use case of a patient's flags: acknowledge one, with a note.

It takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import flags
from nervepath.web.records.models import FlagAcknowledgement, Patient

__all__ = ["acknowledge_flag"]


def acknowledge_flag(who: Actor, patient: Patient, flag: Any, note: Any) -> FlagAcknowledgement:
    """Note that ``flag`` was seen; it stays hidden until newer data raises it again."""
    with transaction.atomic():
        return logged(who, patient.pk, flags.acknowledge_flag(patient, flag, note, who.username))
