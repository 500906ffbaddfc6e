"""Medications taken outside a tracked trial: list (care team); add, change the dose and stop
(linked clinicians and admins).

A dose change keeps the history (records/medications.py): unless it falls on the start day, the
old row stops that day and a new row, with a new id, is the one answered.
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
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, api_fields
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import MedicationDoseIn, MedicationIn, MedicationOut, MedicationStopIn
from nervepath.web.application import medications as service
from nervepath.web.records.models import Medication

router = Router(tags=["medications"])
_FIELDS = {"drug": "drug_id"}


def _medication_for_clinician(user: Any, medication_id: int) -> Medication:
    """A medication of a patient whose treatment the user may change, else 404 (as if absent)."""
    rows = Medication.objects.select_related("patient").filter(patient__in=treated_patients(user))
    try:
        return rows.get(pk=medication_id)
    except Medication.DoesNotExist:
        raise Http404("no such medication") from None


@router.get(
    "/patients/{patient_id}/medications",
    response={200: Page[MedicationOut], 304: None, **ERRORS},
    url_name="medication_list",
)
def medication_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]
) -> Any:
    """Medicines taken outside a tracked trial, stopped ones included (they carry ``stop_date``)."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = changed_since(patient.medications.order_by("drug_id", "pk"), query)
    audit(request, AuditAction.read, patient, "medication")
    return conditional(request, response, page(rows, query, MedicationOut.from_orm))


@router.post(
    "/patients/{patient_id}/medications",
    response={201: MedicationOut, **WRITE_ERRORS},
    url_name="medication_add",
)
def medication_add(request: HttpRequest, patient_id: Id, payload: MedicationIn) -> Any:
    """Add a medicine; 409 while the patient already takes that drug (change its dose instead); 422 with
    code ``prescribing_check`` and the ``checks`` when a prescribing check blocks it (send
    ``override_reason`` to go ahead)."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    with api_fields(_FIELDS):
        row = service.add_medication(
            actor(request),
            patient,
            payload.drug_id,
            payload.daily_dose,
            payload.start_date,
            payload.override_reason,
        )
    return Status(201, row)


@router.post(
    "/medications/{medication_id}/dose",
    response={200: MedicationOut, **WRITE_ERRORS},
    url_name="medication_dose",
)
def medication_dose(request: HttpRequest, medication_id: Id, payload: MedicationDoseIn) -> Any:
    """Take ``daily_dose`` from ``date`` on; answers the row now current. 409 if it was stopped."""
    medication = _medication_for_clinician(caller(request), medication_id)
    current = service.change_medication_dose(
        actor(request), medication, payload.daily_dose, payload.date, payload.override_reason
    )
    return current


@router.post(
    "/medications/{medication_id}/stop",
    response={200: MedicationOut, **WRITE_ERRORS},
    url_name="medication_stop",
)
def medication_stop(request: HttpRequest, medication_id: Id, payload: MedicationStopIn) -> Any:
    """Stop the medicine on ``date`` (default today); 409 if it was already stopped."""
    medication = _medication_for_clinician(caller(request), medication_id)
    stopped = service.stop_medication(actor(request), medication, payload.date)
    return stopped
