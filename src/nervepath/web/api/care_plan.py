"""The care plan: list its items (care team); add an item and move its status (linked clinicians,
admins). Statuses are the FHIR CarePlan activity statuses, so an export maps one to one; an item
added by mistake is ``cancelled`` rather than deleted, so the plan keeps its history.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import (
    get_patient_for_clinician,
    get_patient_for_user,
    treated_patients,
)
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import CarePlanItemIn, CarePlanItemOut, CarePlanStatusIn
from nervepath.web.application import care_plan as service
from nervepath.web.records.models import CarePlanItem

router = Router(tags=["care plan"])


def _item_for_clinician(user: Any, care_item_id: int) -> CarePlanItem:
    """A care-plan item of a patient whose treatment the user may change, else 404 (as if absent)."""
    rows = CarePlanItem.objects.select_related("patient").filter(patient__in=treated_patients(user))
    try:
        return rows.get(pk=care_item_id)
    except CarePlanItem.DoesNotExist:
        raise Http404("no such care plan item") from None


@router.get(
    "/patients/{patient_id}/care-plan",
    response={200: Page[CarePlanItemOut], 304: None, **ERRORS},
    url_name="care_plan",
)
def care_plan(request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]) -> Any:
    """The care plan's items in the order they were added."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = changed_since(patient.care_plan.order_by("pk"), query)
    audit(request, AuditAction.read, patient, "careplanitem")
    return conditional(request, response, page(rows, query, CarePlanItemOut.from_orm))


@router.post(
    "/patients/{patient_id}/care-plan",
    response={201: CarePlanItemOut, **WRITE_ERRORS},
    url_name="care_plan_add",
)
def care_plan_add(request: HttpRequest, patient_id: Id, payload: CarePlanItemIn) -> Any:
    """Add an item (status ``not-started``) to the patient's plan."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    item = service.add_care_plan_item(
        actor(request), patient, payload.kind, payload.item_id, payload.title, payload.due_date, payload.note
    )
    return Status(201, item)


@router.post(
    "/care-plan/{care_item_id}/status",
    response={200: CarePlanItemOut, **WRITE_ERRORS},
    url_name="care_plan_status",
)
def care_plan_status(request: HttpRequest, care_item_id: Id, payload: CarePlanStatusIn) -> Any:
    """Move an item to ``not-started``, ``in-progress``, ``completed`` or ``cancelled``."""
    item = _item_for_clinician(caller(request), care_item_id)
    service.set_care_plan_status(actor(request), item, payload.status)
    return item
