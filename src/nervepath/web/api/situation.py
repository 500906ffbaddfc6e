"""The clinical situation of a patient (what ``assess`` needs beyond the other records), and the
assessment of the patient's stored record.

``GET``: the care team. ``PUT`` (replace, ``expected_version`` -> 409 when stale) and the
assessment: linked clinicians and admins, as for trials; the assessment is decision support for
the clinician, built by ``records/assessment.py`` and judged by ``nervepath.clinical.assess``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_clinician, get_patient_for_user
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, api_fields
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import conditional
from nervepath.web.api.schemas import SituationIn, SituationOut
from nervepath.web.application.situation import (
    SITUATION_FIELDS,
    get_situation,
    set_situation,
    situation_values,
)
from nervepath.web.records.assessment import assess_patient
from nervepath.web.records.models import ClinicalSituation, Patient

router = Router(tags=["assessment"])
_BY_CASE_PATH = {path: name for name, path in SITUATION_FIELDS.items()}


def body_field(case_path: str) -> str:
    """The situation's field for a case path the service names: ``tests.done[1]`` -> ``tests_done.1``."""
    base, _, index = case_path.partition("[")
    name = _BY_CASE_PATH.get(base, base)
    return f"{name}.{index.split(']')[0]}" if index else name


def situation_out(patient: Patient, row: ClinicalSituation | None) -> dict[str, Any]:
    """The situation as answered: every field (unknown is null), its version and time of change."""
    values = situation_values(row)
    for name in ("tests_done", "red_flag_findings"):
        values[name] = values[name] or []
    return SituationOut(
        patient_id=patient.pk,
        version=None if row is None else row.version,
        updated_at=None if row is None else row.updated_at,
        **values,
    ).model_dump(mode="json")


@router.get(
    "/patients/{patient_id}/situation",
    response={200: SituationOut, 304: None, **ERRORS},
    url_name="situation",
)
def situation(request: HttpRequest, response: HttpResponse, patient_id: Id) -> Any:
    """The clinical situation; every field and ``version`` are null until one is recorded."""
    patient = get_patient_for_user(caller(request), patient_id)
    row = get_situation(patient)
    audit(request, AuditAction.read, patient, row or "clinicalsituation")
    return conditional(request, response, situation_out(patient, row))


@router.put(
    "/patients/{patient_id}/situation",
    response={200: SituationOut, 201: SituationOut, **WRITE_ERRORS},
    url_name="situation_set",
)
def situation_set(request: HttpRequest, patient_id: Id, payload: SituationIn) -> Any:
    """Replace the situation (a field left out becomes unknown): 201 the first time, then 200.

    Values are checked as the ``assess`` case checks them; a 422 names the body field.
    """
    patient = get_patient_for_clinician(caller(request), patient_id)
    created = get_situation(patient) is None
    with api_fields(body_field):
        row = set_situation(
            actor(request),
            patient,
            payload.model_dump(exclude={"expected_version"}),
            payload.expected_version,
        )
    return Status(201 if created else 200, situation_out(patient, row))


@router.get(
    "/patients/{patient_id}/assess",
    response={200: dict[str, Any], 304: None, **ERRORS},
    url_name="patient_assess",
)
def patient_assess(request: HttpRequest, response: HttpResponse, patient_id: Id) -> Any:
    """Assess the stored record, as ``POST /assess`` answers a case; 422 names what is missing (``age``)."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    with api_fields(body_field):
        result = assess_patient(patient)
    audit(request, AuditAction.read, patient, "assessment")
    return conditional(request, response, result)
