"""FHIR R4 exchange: a patient's whole record as a Bundle, and a Bundle imported as a new patient.

The import reads its own body (up to ``NERVEPATH_MAX_IMPORT_BYTES``, default 20 MB) because a
record of years of diary days is larger than the 2 MB every other endpoint accepts.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from nervepath.errors import InvalidInput
from nervepath.fhir.bundle import from_bundle, to_bundle
from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user, require_care_team
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, TooLarge
from nervepath.web.api.fields import Id
from nervepath.web.api.schemas import ImportedOut
from nervepath.web.records.exchange import save_patient_record
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.models import CareLink, Clinician, Patient

router = Router(tags=["fhir"])
_BUNDLE = {"type": "object", "description": "a FHIR R4 Bundle as written by the export"}


@router.get("/patients/{patient_id}/fhir", response={200: dict[str, Any], **ERRORS}, url_name="fhir_export")
def fhir_export(request: HttpRequest, patient_id: Id) -> Any:
    """Everything about the patient as one FHIR R4 Bundle (JSON)."""
    patient = get_patient_for_user(request.auth, patient_id)
    audit(request, AuditAction.read, patient, "fhir_bundle")
    return to_bundle(patient_record(patient))


@router.post(
    "/fhir/import",
    response={201: ImportedOut, **WRITE_ERRORS},
    url_name="fhir_import",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _BUNDLE}}}},
)
def fhir_import(request: HttpRequest) -> Any:
    """Create a new patient from a Bundle (clinicians and admins); an importing clinician is linked to it."""
    require_care_team(request.auth)
    record = from_bundle(_read_bundle(request))
    with transaction.atomic():
        patient = save_patient_record(record)
        _link_importer(request.auth, patient)
        audit(request, AuditAction.change, patient, patient)
    return Status(201, {"patient_id": patient.pk})


def _read_bundle(request: HttpRequest) -> dict[str, Any]:
    limit: int = settings.NERVEPATH_MAX_IMPORT_BYTES
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        raise TooLarge(limit)
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(limit)
    try:
        bundle = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HttpError(400, "the body is not JSON; expected a FHIR Bundle") from None
    if "\\u0000" in json.dumps(bundle):  # json escapes NUL so; PostgreSQL text cannot hold it
        raise InvalidInput("body", "\\u0000", "a Bundle without the NUL character")
    if not isinstance(bundle, dict):
        raise InvalidInput("body", bundle, "a JSON object (a FHIR Bundle)")
    return bundle


def _link_importer(user: Any, patient: Patient) -> None:
    # Without the link the importing clinician could not see the patient they just created.
    if role_of(user) is Role.clinician:
        CareLink.objects.create(clinician=Clinician.objects.get(user=user), patient=patient)
