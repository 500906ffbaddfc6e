"""The patient's standing case: who they are, their situation, conditions and current medicines, as an
``assess`` case without the outcomes (trials, answers, diary pain). It is what the outcomes themselves
need from the assessment: the maximum daily dose of each drug for this patient (kidneys, liver, age), so
that a trial is judged adequate on the pages and reports exactly as ``assess`` judges it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nervepath.clinical.assess import assess_json
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.errors import InvalidInput
from nervepath.web.records.medications import current_medications
from nervepath.web.records.models import Patient
from nervepath.web.records.situation import age_on, get_situation, situation_case_part, situation_values


def standing_case(patient: Patient, on: date) -> dict[str, Any]:
    """The case parts that do not come from outcomes, as of ``on``.

    Raises: InvalidInput (field ``age``) when neither a birth date nor an age is recorded.
    """
    values = situation_values(get_situation(patient))
    case = situation_case_part(values)
    case["patient"] = _patient_part(patient, values, on)
    _add_conditions(case, patient)
    case["medications"] = [_medication(m, on) for m in current_medications(patient)]
    return case


def patient_maxima(patient: Patient, on: date) -> dict[str, float | None]:
    """The maximum daily dose of each treatment for this patient (``max_daily_mg`` of ``assess``), or an
    empty dict when the patient cannot be assessed yet (no age): the usual maxima then hold."""
    try:
        case = standing_case(patient, on)
    except InvalidInput:
        return {}
    return {o["id"]: o["max_daily_mg"] for o in assess_json(case)["options"] if o["kind"] == "drug"}


def _patient_part(patient: Patient, values: dict[str, Any], on: date) -> dict[str, Any]:
    part: dict[str, Any] = dict(situation_case_part(values).get("patient", {}))
    age = age_on(patient.birth_date, on)
    part["age"] = age if age is not None else values.get("age")
    if part["age"] is None:
        raise InvalidInput("age", None, "a birth date for the patient or an age in the clinical situation")
    if patient.sex in ("female", "male"):
        part["sex"] = patient.sex
    return part


def _add_conditions(case: dict[str, Any], patient: Patient) -> None:
    recorded = list(patient.conditions.order_by("condition_id").values_list("condition_id", flat=True))
    flags = [c for c in recorded if c in red_flag_catalogue()]
    case["conditions"] = [c for c in recorded if c not in flags]
    if flags:
        case["red_flag_findings"] = list(dict.fromkeys([*case.get("red_flag_findings", []), *flags]))


def _medication(medication: Any, on: date) -> dict[str, Any]:
    """A current medicine with its dose and, when its start is known, the weeks at that dose (a dose
    change starts a new row, so the row's start is the start of this dose)."""
    found: dict[str, Any] = {"id": medication.drug_id, "daily_mg": medication.daily_dose}
    if medication.start_date is not None:
        found["weeks"] = round(max((on - medication.start_date).days, 0) / 7, 2)
    return found
