"""Use cases of a patient's recorded conditions (comorbidities): add or update, remove.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor, log_event
from nervepath.web.accounts.models import AuditAction
from nervepath.web.application.changes import logged
from nervepath.web.records import conditions as store
from nervepath.web.records.conditions import condition_id, list_conditions
from nervepath.web.records.models import Condition, Patient

__all__ = ["add_condition", "condition_id", "list_conditions", "remove_condition"]


def add_condition(
    who: Actor, patient: Patient, condition: str, onset_date: Any = None, note: str = ""
) -> tuple[Condition, bool]:
    """Record a condition (adding it again updates it); returns the row and whether it was created."""
    with transaction.atomic():
        row, created = store.add_condition(patient, condition, onset_date, note)
        return logged(who, patient.pk, row), created


def remove_condition(who: Actor, patient: Patient, condition: str) -> None:
    """Remove a recorded condition; NotFound when the patient does not have it."""
    with transaction.atomic():
        removed = store.remove_condition(patient, condition)
        log_event(who, AuditAction.delete, patient.pk, removed)
