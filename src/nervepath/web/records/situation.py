"""The patient's clinical situation for ``assess``: set (merge) and read, validated as a case.

Public: ``SITUATION_FIELDS`` (model field -> dotted case path), ``get_situation(patient)``,
``set_situation(patient, changes, expected_version=None)``, ``situation_case_part(situation)``.
Values are checked by ``nervepath.clinical.case.parse_case`` itself, so the ranges and identifiers
(etiologies, red-flag findings, tests) live in one place and an error names the case field
(``pain.etiology``, ``patient.weight_kg``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from nervepath.clinical.case import ADULT_AGE, Case, parse_case
from nervepath.errors import Conflict, InvalidInput
from nervepath.web.records.models import ClinicalSituation, Patient
from nervepath.web.records.validation import today as local_today

SITUATION_FIELDS: dict[str, str] = {
    "age": "patient.age",
    "weight_kg": "patient.weight_kg",
    "serum_creatinine_mg_dl": "patient.serum_creatinine_mg_dl",
    "height_cm": "patient.height_cm",
    "pregnant": "patient.pregnant",
    "lactating": "patient.lactating",
    "hla_b_1502": "patient.hla_b_1502",
    "hla_risk_ancestry": "patient.hla_risk_ancestry",
    "alcohol_units_per_week": "alcohol_units_per_week",
    "pain_duration_months": "pain.duration_months",
    "pain_etiology": "pain.etiology",
    "pain_distribution_plausible": "pain.distribution_plausible",
    "pain_localized": "pain.localized",
    "pain_distal_symmetric": "pain.distal_symmetric",
    "pain_nrs_average": "pain.nrs_average",
    "sensory_signs_in_painful_area": "exam.sensory_signs_in_painful_area",
    "tests_confirm_lesion": "tests.confirms_lesion",
    "tests_done": "tests.done",
    "red_flag_findings": "red_flag_findings",
}
_TEXT = ("hla_b_1502", "pain_etiology")
_LISTS = ("tests_done", "red_flag_findings")


def get_situation(patient: Patient) -> ClinicalSituation | None:
    """The patient's situation row, or None when nothing was recorded yet."""
    return ClinicalSituation.objects.filter(patient=patient).first()


def situation_values(situation: ClinicalSituation | None) -> dict[str, Any]:
    """Every situation field by name; blank text is None (not known)."""
    values = {name: getattr(situation, name, None) for name in SITUATION_FIELDS}
    return {name: (None if value in ("", None) else value) for name, value in values.items()}


def situation_case_part(values: Mapping[str, Any]) -> dict[str, Any]:
    """The known values placed at their case paths (``{"pain": {"etiology": ...}, ...}``)."""
    case: dict[str, Any] = {}
    for name, path in SITUATION_FIELDS.items():
        if values.get(name) not in (None, []):
            *parents, leaf = path.split(".")
            target = case
            for part in parents:
                target = target.setdefault(part, {})
            target[leaf] = values[name]
    return case


def _checked(patient: Patient, values: Mapping[str, Any]) -> Case:
    case = situation_case_part(values)
    known_age = values.get("age") if values.get("age") is not None else age_on(patient.birth_date)
    # The case requires an age; a stand-in lets the other fields be checked before it is known.
    case.setdefault("patient", {})["age"] = ADULT_AGE if known_age is None else known_age
    if patient.sex in ("female", "male"):
        case["patient"]["sex"] = patient.sex
    return parse_case(case)


def _normalised(case: Case, values: Mapping[str, Any]) -> dict[str, Any]:
    dumped = case.model_dump(mode="json")
    stored: dict[str, Any] = {}
    for name, path in SITUATION_FIELDS.items():
        node: Any = dumped
        for part in path.split("."):
            node = node.get(part)
        stored[name] = node
    stored["age"] = values.get("age")
    for name in _TEXT:
        stored[name] = stored[name] or ""
    for name in _LISTS:
        stored[name] = list(stored[name] or [])
    return stored


def set_situation(
    patient: Patient, changes: Mapping[str, Any], expected_version: int | None = None
) -> ClinicalSituation:
    """Merge ``changes`` (field -> value; None clears) into the patient's situation.

    Returns: the saved row (``version`` 1 when new, else incremented).
    Raises: InvalidInput / UnknownIdentifier naming the case field, Conflict when ``expected_version``
    is not the stored version. Nothing is written on error.
    """
    unknown = [name for name in changes if name not in SITUATION_FIELDS]
    if unknown:
        raise InvalidInput("situation", unknown[0], "one of " + ", ".join(SITUATION_FIELDS))
    with transaction.atomic():
        row, created = ClinicalSituation.objects.select_for_update().get_or_create(patient=patient)
        if expected_version is not None and row.version != expected_version:
            raise Conflict("version", "the situation was changed by someone else; reload it and try again")
        merged = situation_values(row) | dict(changes)
        for name, value in _normalised(_checked(patient, merged), merged).items():
            setattr(row, name, value)
        row.version += 0 if created else 1
        row.save()
    return row


def age_on(birth_date: date | None, today: date | None = None) -> int | None:
    """Age in whole years on ``today`` (default: today), or None without a birth date."""
    if birth_date is None:
        return None
    on = today or local_today()
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
