"""Who cares for whom, and the care plan: clinicians, clinician-patient links, care-plan items.

Public: ``add_clinician(name, user=None)``, ``link_patient(clinician, patient)``,
``unlink_patient(clinician, patient)``, ``add_care_plan_item(patient, kind, item_id, title,
due_date=None, note="")``, ``get_care_plan_item(id)``, ``set_care_plan_status(item, status)``.
An item leaves the plan by its status (``cancelled``), not by deletion. Statuses are the FHIR
CarePlan activity statuses (CarePlanStatus).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.errors import NotFound
from nervepath.web.records import validation as v
from nervepath.web.records.models import CareLink, CarePlanItem, CarePlanStatus, Clinician, Patient


def add_clinician(name: str, user: Any = None) -> Clinician:
    """Create a clinician, who signs in as ``user`` if given; raises InvalidInput for an empty or too
    long name."""
    display_name = v.text("name", name, max_length=200, required=True)
    with transaction.atomic():
        return Clinician.objects.create(display_name=display_name, user=user)


def link_patient(clinician: Clinician, patient: Patient) -> tuple[CareLink, bool]:
    """Let ``clinician`` see ``patient``; returns the link and True when it is new (idempotent)."""
    with transaction.atomic():
        return CareLink.objects.get_or_create(clinician=clinician, patient=patient)


def unlink_patient(clinician: Clinician, patient: Patient) -> None:
    """Remove the link; raises NotFound when there is none."""
    with transaction.atomic():
        deleted, _ = CareLink.objects.filter(clinician=clinician, patient=patient).delete()
    if not deleted:
        raise NotFound("care link", f"clinician {clinician.pk} - patient {patient.pk}")


def add_care_plan_item(
    patient: Patient, kind: str, item_id: str, title: str, due_date: Any = None, note: str = ""
) -> CarePlanItem:
    """Add an item (``kind`` such as ``follow_up``, ``item_id`` such as ``follow_up_visit``) to the plan."""
    values = {
        "kind": v.identifier("kind", kind, 20),
        "item_id": v.identifier("item_id", item_id, 64),
        "title": v.text("title", title, max_length=300, required=True),
        "due_date": v.iso_date("due_date", due_date) if due_date else None,
        "note": v.text("note", note, max_length=v.NOTE_MAX_LENGTH),
    }
    with transaction.atomic():
        return CarePlanItem.objects.create(patient=patient, **values)


def get_care_plan_item(item_id: int) -> CarePlanItem:
    """One care-plan item by id; raises NotFound."""
    try:
        return CarePlanItem.objects.select_related("patient").get(pk=item_id)
    except CarePlanItem.DoesNotExist:
        raise NotFound("care plan item", item_id) from None


def set_care_plan_status(item: CarePlanItem, status: str) -> CarePlanItem:
    """Move an item to ``not-started``, ``in-progress``, ``completed`` or ``cancelled``."""
    chosen = v.choice("status", status, list(CarePlanStatus.values))
    item.status = chosen
    with transaction.atomic():
        item.save(update_fields=["status", "updated_at"])
    return item
