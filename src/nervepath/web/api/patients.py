"""``/patients``: the patients the caller may see, one patient, and ``/me`` (who is calling)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from nervepath.web.accounts.audit import audit, audit_listed
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user, patients_for_user
from nervepath.web.accounts.roles import role_of
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import MeOut, PatientOut

router = Router(tags=["patients"])
NOT_MODIFIED: dict[int, None] = {304: None}


@router.get("/me", response={200: MeOut, **ERRORS}, url_name="me")
def me(request: HttpRequest) -> dict[str, str]:
    """Who is calling, and their role (patient, clinician, admin). Touches no patient record."""
    user = caller(request)
    return {"username": user.get_username(), "role": str(role_of(user))}


@router.get("/patients", response={200: Page[PatientOut], **NOT_MODIFIED, **ERRORS}, url_name="patient_list")
def patient_list(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> Any:
    """The patients the caller may see: themself (patient), linked patients (clinician), all (admin)."""
    rows = changed_since(patients_for_user(caller(request)).order_by("pk"), query)
    listed = page(rows, query, PatientOut.from_orm)
    audit_listed(request, (item["id"] for item in listed["items"]))
    return conditional(request, response, listed)


@router.get(
    "/patients/{patient_id}", response={200: PatientOut, **NOT_MODIFIED, **ERRORS}, url_name="patient"
)
def patient_detail(request: HttpRequest, response: HttpResponse, patient_id: Id) -> Any:
    """One patient; 404 if it does not exist or is not the caller's to see."""
    patient = get_patient_for_user(caller(request), patient_id)
    audit(request, AuditAction.read, patient, patient)
    return conditional(request, response, PatientOut.from_orm(patient).model_dump(mode="json"))
