"""Read-only lists of a patient's conditions, other medications and care plan (paging, sync)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user
from nervepath.web.api.errors import ERRORS
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import CarePlanItemOut, ConditionOut, MedicationOut

router = Router(tags=["record"])


@router.get(
    "/patients/{patient_id}/conditions",
    response={200: Page[ConditionOut], 304: None, **ERRORS},
    url_name="condition_list",
)
def condition_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]
) -> Any:
    """Diagnosed conditions (snake_case condition ids of the knowledge base)."""
    patient = get_patient_for_user(request.auth, patient_id)
    rows = changed_since(patient.conditions.order_by("condition_id", "pk"), query)
    audit(request, AuditAction.read, patient, "condition")
    return conditional(request, response, page(rows, query, ConditionOut.from_orm))


@router.get(
    "/patients/{patient_id}/medications",
    response={200: Page[MedicationOut], 304: None, **ERRORS},
    url_name="medication_list",
)
def medication_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]
) -> Any:
    """Medicines taken outside a tracked trial."""
    patient = get_patient_for_user(request.auth, patient_id)
    rows = changed_since(patient.medications.order_by("drug_id", "pk"), query)
    audit(request, AuditAction.read, patient, "medication")
    return conditional(request, response, page(rows, query, MedicationOut.from_orm))


@router.get(
    "/patients/{patient_id}/care-plan",
    response={200: Page[CarePlanItemOut], 304: None, **ERRORS},
    url_name="care_plan",
)
def care_plan(request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]) -> Any:
    """The care plan's items in the order they were added."""
    patient = get_patient_for_user(request.auth, patient_id)
    rows = changed_since(patient.care_plan.order_by("pk"), query)
    audit(request, AuditAction.read, patient, "careplanitem")
    return conditional(request, response, page(rows, query, CarePlanItemOut.from_orm))
