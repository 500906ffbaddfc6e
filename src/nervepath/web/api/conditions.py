"""``/patients/{id}/conditions``: list (care team); record and remove (linked clinicians, admins)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_clinician, get_patient_for_user
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, api_fields
from nervepath.web.api.fields import Id, Ident
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import ConditionIn, ConditionOut
from nervepath.web.application import conditions as service

router = Router(tags=["conditions"])
_FIELDS = {"condition": "condition_id"}


@router.get(
    "/patients/{patient_id}/conditions",
    response={200: Page[ConditionOut], 304: None, **ERRORS},
    url_name="condition_list",
)
def condition_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]
) -> Any:
    """Diagnosed conditions (snake_case condition ids of the knowledge base)."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = changed_since(patient.conditions.order_by("condition_id", "pk"), query)
    audit(request, AuditAction.read, patient, "condition")
    return conditional(request, response, page(rows, query, ConditionOut.from_orm))


@router.post(
    "/patients/{patient_id}/conditions",
    response={200: ConditionOut, 201: ConditionOut, **WRITE_ERRORS},
    url_name="condition_add",
)
def condition_add(request: HttpRequest, patient_id: Id, payload: ConditionIn) -> Any:
    """Record a condition: 201 when new, 200 when the patient had it (onset date and note updated)."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    with api_fields(_FIELDS):
        row, created = service.add_condition(
            actor(request), patient, payload.condition_id, payload.onset_date, payload.note
        )
    return Status(201 if created else 200, row)


@router.delete(
    "/patients/{patient_id}/conditions/{condition_id}",
    response={204: None, **ERRORS},
    url_name="condition_remove",
)
def condition_remove(request: HttpRequest, patient_id: Id, condition_id: Ident) -> Any:
    """Remove a condition; also 204 when it was not recorded, since the outcome is the same."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    # An unknown id is a mistake worth a 422, not a silent "already absent".
    chosen = service.condition_id("condition_id", condition_id)
    if patient.conditions.filter(condition_id=chosen).exists():
        service.remove_condition(actor(request), patient, chosen)
    return Status(204, None)
