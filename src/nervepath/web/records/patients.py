"""Patients: add, list, fetch."""

from __future__ import annotations

from typing import Any

from nervepath.errors import NotFound
from nervepath.web.records import validation as v
from nervepath.web.records.models import Patient, Sex


def add_patient(name: str, birth_date: Any = None, sex: str | None = None) -> Patient:
    """Create a patient; raises InvalidInput naming the field on a bad value."""
    display_name = v.text("name", name, max_length=200, required=True)
    born = v.past_date("birth_date", birth_date) if birth_date else None
    chosen = v.choice("sex", sex, list(Sex.values)) if sex else Sex.unknown
    return Patient.objects.create(display_name=display_name, birth_date=born, sex=chosen)


def list_patients() -> list[Patient]:
    return list(Patient.objects.order_by("pk"))


def get_patient(patient_id: int) -> Patient:
    """One patient by id; raises NotFound."""
    try:
        return Patient.objects.get(pk=patient_id)
    except Patient.DoesNotExist:
        raise NotFound("patient", patient_id) from None
