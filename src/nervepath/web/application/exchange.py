"""Use case of a whole record coming in: a FHIR Bundle imported as a new patient.

It takes the acting ``Actor`` first, validates every value with the same validators as the other
use cases (``records.exchange``), writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from django.db import transaction

from nervepath.fhir.bundle import from_bundle
from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records.care import link_patient
from nervepath.web.records.exchange import diary_csv, save_patient_record
from nervepath.web.records.models import Clinician, Patient

__all__ = ["diary_csv", "import_bundle"]


def import_bundle(who: Actor, bundle: dict[str, object], clinician: Clinician | None = None) -> Patient:
    """Create a new patient from a parsed FHIR Bundle (``fhir.bundle.parse_bundle``); ``clinician``,
    when given, is linked to the patient (the importing clinician, who could not see it otherwise).

    Raises: InvalidInput / UnknownIdentifier naming the resource and field; nothing is kept then.
    """
    record = from_bundle(bundle)
    with transaction.atomic():
        patient = save_patient_record(record)
        if clinician is not None:
            link_patient(clinician, patient)
        return logged(who, patient.pk, patient)
