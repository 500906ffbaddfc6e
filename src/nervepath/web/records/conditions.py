"""A patient's conditions (history and comorbidity): add, remove, list.

Public: ``add_condition(patient, condition_id, onset_date=None, note="")``,
``remove_condition(patient, condition_id)``, ``list_conditions(patient)``.
Ids are those of ``nervepath.clinical.identifiers.conditions()`` (contracts/case-format.md).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.clinical.identifiers import conditions
from nervepath.errors import NotFound, UnknownIdentifier
from nervepath.web.records import validation as v
from nervepath.web.records.models import Condition, Patient


def condition_id(field: str, raw: str) -> str:
    """A condition id nervepath knows; raises UnknownIdentifier listing the known ids."""
    known = conditions()
    if raw not in known:
        raise UnknownIdentifier(field, raw, list(known))
    return raw


def add_condition(
    patient: Patient, condition: str, onset_date: Any = None, note: str = ""
) -> tuple[Condition, bool]:
    """Record a condition; adding it again updates its onset date and note.

    Returns: the row and True when it was created. Raises: UnknownIdentifier, InvalidInput.
    """
    chosen = condition_id("condition", condition)
    onset = v.past_date("onset_date", onset_date) if onset_date else None
    values = {"onset_date": onset, "note": v.text("note", note, max_length=v.NOTE_MAX_LENGTH)}
    with transaction.atomic():
        return Condition.objects.update_or_create(patient=patient, condition_id=chosen, defaults=values)


def remove_condition(patient: Patient, condition: str) -> Condition:
    """Remove a recorded condition and return the removed row (its id kept for the audit log).

    Raises: NotFound when the patient does not have it.
    """
    row = patient.conditions.filter(condition_id=condition).first()
    if row is None:
        raise NotFound("condition", condition)
    removed_id = row.pk
    row.delete()
    row.pk = removed_id
    return row


def list_conditions(patient: Patient) -> list[Condition]:
    """The patient's conditions by id."""
    return list(patient.conditions.order_by("condition_id"))
