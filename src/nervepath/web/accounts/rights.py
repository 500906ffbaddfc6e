"""A patient's rights over their own record: take everything with them, withdraw a clinician's
access, and delete the account. Each change is written to the audit log.

The deletion event names the account (username, patient id) and nothing of its health data; the
earlier events of the record stay, as they too hold only who looked at what and when.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from nervepath.errors import NotFound
from nervepath.fhir.bundle import to_bundle
from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.records.care import unlink_patient
from nervepath.web.records.exchange import diary_csv
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.models import Patient

ARCHIVE_FILES = ("nervepath-record.fhir.json", "nervepath-diary.csv")


def export_archive(patient: Patient) -> bytes:
    """A ZIP holding the whole record as a FHIR R4 Bundle (JSON) and the diary as CSV."""
    record = patient_record(patient)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        bundle = json.dumps(to_bundle(record), ensure_ascii=False, indent=2)
        archive.writestr(ARCHIVE_FILES[0], bundle + "\n")
        archive.writestr(ARCHIVE_FILES[1], diary_csv(record))
    return out.getvalue()


def revoke_clinician(request: HttpRequest, patient: Patient, clinician_id: Any) -> str:
    """Remove the CareLink between the patient and one of their clinicians; returns the clinician's name.

    Raises: NotFound when that clinician is not linked to the patient.
    """
    clinician = patient.clinicians.filter(pk=clinician_id).first()
    if clinician is None:
        raise NotFound("clinician", clinician_id)
    with transaction.atomic():
        unlink_patient(clinician, patient)
        audit(request, AuditAction.change, patient, f"carelink:{clinician.pk}:revoked")
    return clinician.display_name


def delete_account(request: HttpRequest, patient: Patient) -> None:
    """Delete the patient's record (every row that cascades from it) and their user account.

    The audit event is written in the same transaction, before the user is gone, so it still
    names who asked; it carries no health data.
    """
    user: Any = request.user
    with transaction.atomic():
        audit(request, AuditAction.delete, patient, "account")
        patient.delete()
        user.delete()
