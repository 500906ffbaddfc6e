"""The patient's standing case: who they are, their situation, conditions and current medicines, as an
``assess`` case without the outcomes (trials, answers, diary pain). It is what the outcomes themselves
need from the assessment: the maximum daily dose of each drug for this patient (kidneys, liver, age), so
that a trial is judged adequate on the pages and reports exactly as ``assess`` judges it.

A page that needs the case twice (the clinician's patient page: once for the outcomes' maxima, once in
the full assessment) reads it from the records once inside ``with read_once():``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from nervepath.clinical.assess import assess_json
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.errors import InvalidInput
from nervepath.web.records.medications import current_medications
from nervepath.web.records.models import Patient
from nervepath.web.records.situation import age_on, get_situation, situation_case_part, situation_values

# Inside read_once(): the standing case of each (patient id, day) already read.
_READ: ContextVar[dict[tuple[int, date], dict[str, Any]] | None] = ContextVar("standing_read", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block, each patient's standing case is read from the records once per day ``on``;
    a later :func:`standing_case` gets a copy of it. Nothing may change the records inside the block."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def standing_case(patient: Patient, on: date) -> dict[str, Any]:
    """The case parts that do not come from outcomes, as of ``on`` (a fresh dict the caller may change).

    Raises: InvalidInput (field ``age``) when neither a birth date nor an age is recorded.
    """
    read = _READ.get()
    if read is None:
        return _read_case(patient, on)
    key = (patient.pk, on)
    if key not in read:
        read[key] = _read_case(patient, on)
    return copy.deepcopy(read[key])


def _read_case(patient: Patient, on: date) -> dict[str, Any]:
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
