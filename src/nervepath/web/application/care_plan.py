"""Use cases of a patient's care plan: add an item, move it on.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import care
from nervepath.web.records.models import CarePlanItem, Patient

__all__ = ["add_care_plan_item", "set_care_plan_status"]


def add_care_plan_item(
    who: Actor, patient: Patient, kind: str, item_id: str, title: str, due_date: Any = None, note: str = ""
) -> CarePlanItem:
    """Add an item (status ``not-started``) to the patient's plan."""
    with transaction.atomic():
        item = care.add_care_plan_item(patient, kind, item_id, title, due_date, note)
        return logged(who, patient.pk, item)


def set_care_plan_status(who: Actor, item: CarePlanItem, status: str) -> CarePlanItem:
    """Move an item to ``not-started``, ``in-progress``, ``completed`` or ``cancelled``."""
    with transaction.atomic():
        return logged(who, item.patient_id, care.set_care_plan_status(item, status))
