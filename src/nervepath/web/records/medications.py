"""Current medications (outside a tracked trial): add, change the dose, stop, list.

Public: ``add_medication(patient, drug, daily_dose, start_date=None)``, ``get_medication(id)``,
``change_medication_dose(medication, daily_dose, day=None)``, ``stop_medication(medication, day=None)``,
``current_medications(patient)``. Drug ids come from ``nervepath.clinical.drugs.known_drug_ids()``;
the unit is the drug table's (mg, or mcg/h for the fentanyl patch). A dose change keeps the history:
the old row stops on the day of the change and a new row starts that day.

``Medication.checks`` keeps the prescribing checks of the row's dose (``records.checks``): the checks of
contracts/case-format.md ("Prescribing checks") plus ``date``, the day they were made for (the add or
the dose change); a dose change on the row's own start day appends to them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from nervepath.clinical.drugs import load_drugs
from nervepath.errors import Conflict, InvalidInput, NotFound
from nervepath.web.records import validation as v
from nervepath.web.records.models import ONE_CURRENT_MEDICATION, Medication, Patient
from nervepath.web.records.uniqueness import conflict_on


def get_medication(medication_id: int) -> Medication:
    """One medication row by id; raises NotFound."""
    try:
        return Medication.objects.select_related("patient").get(pk=medication_id)
    except Medication.DoesNotExist:
        raise NotFound("medication", medication_id) from None


def add_medication(patient: Patient, drug: str, daily_dose: Any, start_date: Any = None) -> Medication:
    """Record a medicine the patient takes, at ``daily_dose`` in the drug's unit.

    Raises: UnknownIdentifier (drug), InvalidInput (dose, date), Conflict when the patient already
    takes that drug (change its dose instead; the database's unique index decides, so of two
    concurrent adds one gets the Conflict).
    """
    drug_id = v.drug("drug", drug)
    dose = v.positive_mg("daily_dose", daily_dose)
    start = v.past_date("start_date", start_date) if start_date else None
    unit = load_drugs()[drug_id].unit
    current = Conflict("drug", f"{drug_id} is already a current medication; change its dose instead")
    with conflict_on(Medication, ONE_CURRENT_MEDICATION, current):
        return Medication.objects.create(
            patient=patient, drug_id=drug_id, daily_dose=dose, unit=unit, start_date=start
        )


def _day_after_start(medication: Medication, raw: Any) -> date:
    day = v.past_date("date", raw) if raw else v.today()
    if medication.start_date is not None and day < medication.start_date:
        raise InvalidInput("date", day.isoformat(), f"a date on or after the start ({medication.start_date})")
    return day


def _running(medication: Medication) -> None:
    if medication.stop_date is not None:
        raise Conflict("medication", f"medication {medication.pk} was stopped on {medication.stop_date}")


def change_medication_dose(medication: Medication, daily_dose: Any, day: Any = None) -> Medication:
    """Take ``daily_dose`` from ``day`` (default today) on; returns the row now current.

    Raises: Conflict when ``medication`` was stopped, or when someone else changed its dose since it
    was read (the new current row of the other change holds the drug's unique index).
    """
    dose = v.positive_mg("daily_dose", daily_dose)
    when = _day_after_start(medication, day)
    _running(medication)
    stale = Conflict("medication", f"medication {medication.pk} was changed by someone else; reload it")
    with transaction.atomic():
        if medication.start_date == when:
            medication.daily_dose = dose
            medication.save(update_fields=["daily_dose", "updated_at"])
            return medication
        medication.stop_date = when
        medication.save(update_fields=["stop_date", "updated_at"])
        with conflict_on(Medication, ONE_CURRENT_MEDICATION, stale):
            return Medication.objects.create(
                patient=medication.patient,
                drug_id=medication.drug_id,
                daily_dose=dose,
                unit=medication.unit,
                start_date=when,
            )


def stop_medication(medication: Medication, day: Any = None) -> Medication:
    """Stop a current medication on ``day`` (default today)."""
    when = _day_after_start(medication, day)
    _running(medication)
    medication.stop_date = when
    with transaction.atomic():
        medication.save(update_fields=["stop_date", "updated_at"])
    return medication


def current_medications(patient: Patient) -> list[Medication]:
    """Medications without a stop date, by drug id."""
    return list(patient.medications.filter(stop_date__isnull=True).order_by("drug_id", "pk"))
