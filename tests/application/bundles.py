"""Where each field of the import use case sits in a FHIR Bundle as ``nervepath export`` writes it.

The bundle is alice's record: one diary day (LOINC 72514-3), omeprazole taken outside a trial, a
pregabalin trial, type 2 diabetes, a PHQ-9 response. ``edited(bundle, fields)`` puts each field's
value in its place; an error about it must name the resource (``IN_RESOURCE``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

Bundle = dict[str, Any]
Resource = dict[str, Any]


def resource(bundle: Bundle, kind: str, mentioning: str = "") -> Resource:
    """The first resource of ``kind`` whose JSON mentions ``mentioning``."""
    entries = (entry["resource"] for entry in bundle["entry"])
    return next(r for r in entries if r["resourceType"] == kind and mentioning in json.dumps(r))


def diary_day(bundle: Bundle) -> Resource:
    return resource(bundle, "Observation", "72514-3")


def worst_pain(bundle: Bundle) -> Resource:
    return next(c for c in diary_day(bundle)["component"] if "pain-worst" in json.dumps(c))


def first_dose(statement: Resource) -> Resource:
    quantity: Resource = statement["dosage"][0]["doseAndRate"][0]["doseQuantity"]
    return quantity


def drug_code(statement: Resource) -> Resource:
    coding: Resource = statement["medicationCodeableConcept"]["coding"][0]
    return coding


def medicine(bundle: Bundle) -> Resource:
    return resource(bundle, "MedicationStatement", "omeprazole")


def trial(bundle: Bundle) -> Resource:
    return resource(bundle, "MedicationStatement", "pregabalin")


# field -> (the resource an error must name, how to put a value in its place)
FIELDS: dict[str, tuple[str, Callable[[Bundle, Any], None]]] = {
    "pain_average": ("Observation", lambda b, v: diary_day(b).update(valueInteger=v)),
    "pain_worst": ("Observation", lambda b, v: worst_pain(b).update(valueInteger=v)),
    "date": ("Observation", lambda b, v: diary_day(b).update(effectiveDateTime=v)),
    "note": ("Observation", lambda b, v: diary_day(b).update(note=[{"text": v}])),
    "drug": ("MedicationStatement", lambda b, v: drug_code(medicine(b)).update(code=v)),
    "daily_dose": ("MedicationStatement", lambda b, v: first_dose(medicine(b)).update(value=v)),
    "daily_mg": ("MedicationStatement", lambda b, v: first_dose(trial(b)).update(value=v)),
    "condition": ("Condition", lambda b, v: resource(b, "Condition")["code"]["coding"][0].update(code=v)),
    "taken_at": (
        "QuestionnaireResponse",
        lambda b, v: resource(b, "QuestionnaireResponse").update(authored=v),
    ),
}
IN_RESOURCE = {name: kind for name, (kind, _) in FIELDS.items()}


def edited(bundle: Bundle, values: Mapping[str, Any]) -> Bundle:
    """A copy of ``bundle`` holding ``values``."""
    copy: Bundle = json.loads(json.dumps(bundle))
    for name, value in values.items():
        FIELDS[name][1](copy, value)
    return copy
