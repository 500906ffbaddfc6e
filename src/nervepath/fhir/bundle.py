"""A patient's whole record as a FHIR R4 Bundle (type ``collection``), and back.

``to_bundle(record)`` writes Patient, Condition, MedicationStatement (medications and trials),
Observation (one per diary day - LOINC 72514-3 for the day's average pain, the other diary values
as components - plus one per diary event and per adherence day), QuestionnaireResponse and CarePlan.
``from_bundle(bundle)`` reads such a bundle back: ``from_bundle(to_bundle(r)) == r``.

Entries are addressed by ``urn:uuid:`` full URLs derived from their content and position, so the
same record always gives the same bundle.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from nervepath.errors import InvalidInput
from nervepath.fhir import _decode, _encode
from nervepath.fhir.systems import NERVEPATH
from nervepath.outcomes.records import PatientRecord

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NERVEPATH)
# A bundle nervepath writes nests about eight levels deep; deeper input is refused.
MAX_DEPTH = 64


def parse_bundle(text: str, field: str) -> dict[str, Any]:
    """Takes: the text of a JSON document, and the name of where it came from (``body``, ``FILE``).
    Returns: the parsed JSON object.

    Raises: InvalidInput naming ``field`` for text that is not JSON, nests deeper than ``MAX_DEPTH``,
    holds NaN or Infinity (not JSON, though Python reads them) or a NUL character (no database text
    can hold it), or is not an object.
    """

    def refuse_constant(name: str) -> Any:
        raise InvalidInput(field, name, "finite numbers only (NaN and Infinity are not JSON)")

    try:
        parsed = json.loads(text, parse_constant=refuse_constant)
    except RecursionError:  # the parser recurses once per level: thousands of levels end here
        raise InvalidInput(field, text[:20], f"JSON nested at most {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(field, text[:20], f"a JSON document ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(parsed, dict):
        raise InvalidInput(field, text[:20], "a JSON object (a FHIR Bundle)")
    _check_tree(parsed, field)
    return parsed


def _check_tree(document: dict[str, Any], field: str) -> None:
    # Iterative, so that a document just under the parser's limit cannot exhaust the stack here.
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list) and depth > MAX_DEPTH:
            raise InvalidInput(field, "...", f"JSON nested at most {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            stack.extend((item, depth + 1) for pair in node.items() for item in pair)
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
        elif isinstance(node, str) and "\x00" in node:
            raise InvalidInput(field, "\\u0000", "text without the NUL character")


def to_bundle(record: PatientRecord) -> dict[str, Any]:
    """Takes: a PatientRecord. Returns: a FHIR R4 Bundle as a JSON-ready dict."""
    entries: list[dict[str, Any]] = []
    add = _adder(entries, record.patient.display_name)
    subject = {"reference": add(_encode.patient(record.patient))}
    for condition in record.conditions:
        add(_encode.condition(condition, subject))
    for medication in record.medications:
        add(_encode.medication(medication, subject))
    for trial in record.trials:
        add(_encode.trial(trial, subject))
    for entry in record.diary:
        members = [{"reference": add(_encode.diary_event(event, subject))} for event in entry.events]
        add(_encode.diary_day(entry, subject, members))
    for taken in record.adherence:
        add(_encode.adherence(taken, subject))
    for response in record.questionnaires:
        add(_encode.questionnaire_response(response, subject))
    if record.care_plan:
        add(_encode.care_plan(record.care_plan, subject))
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _adder(entries: list[dict[str, Any]], seed: str) -> Callable[[dict[str, Any]], str]:
    def add(resource: dict[str, Any]) -> str:
        name = "/".join([seed, str(len(entries)), resource["resourceType"]])
        url = f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"
        entries.append({"fullUrl": url, "resource": resource})
        return url

    return add


def from_bundle(bundle: Any) -> PatientRecord:
    """Takes: a Bundle made by :func:`to_bundle` (parsed JSON). Returns: the PatientRecord.

    Raises: InvalidInput naming the entry and what was expected when the bundle is not one that
    nervepath can read.
    """
    return _decode.record(bundle)
