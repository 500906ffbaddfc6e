"""FHIR R4 exchange: a patient's whole record as a Bundle, and a Bundle imported as a new patient.

The import reads its own body (up to ``NERVEPATH_MAX_IMPORT_BYTES``, default 20 MB) because a
record of years of diary days is larger than the 2 MB every other endpoint accepts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from nervepath.fhir.bundle import parse_bundle, to_bundle
from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user, require_care_team
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, TooLarge
from nervepath.web.api.fields import Id
from nervepath.web.api.schemas import ImportedOut
from nervepath.web.application.exchange import import_bundle
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.models import Clinician

router = Router(tags=["fhir"])
_BUNDLE = {"type": "object", "description": "a FHIR R4 Bundle as written by the export"}


@router.get("/patients/{patient_id}/fhir", response={200: dict[str, Any], **ERRORS}, url_name="fhir_export")
def fhir_export(request: HttpRequest, patient_id: Id) -> Any:
    """Everything about the patient as one FHIR R4 Bundle (JSON)."""
    patient = get_patient_for_user(caller(request), patient_id)
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
    user = caller(request)
    require_care_team(user)
    bundle = _read_bundle(request)
    importer = Clinician.objects.get(user=user) if role_of(user) is Role.clinician else None
    patient = import_bundle(actor(request), bundle, importer)
    return Status(201, {"patient_id": patient.pk})


def _read_bundle(request: HttpRequest) -> dict[str, Any]:
    limit: int = settings.NERVEPATH_MAX_IMPORT_BYTES
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        raise TooLarge(limit)
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(limit)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the body is not UTF-8 JSON; expected a FHIR Bundle") from None
    bundle = parse_bundle(text, "body")
    return bundle
