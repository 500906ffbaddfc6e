"""FHIR R4 Bundle (as written by ``to_bundle``) -> PatientRecord. Used by ``from_bundle``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from nervepath.errors import InvalidInput
from nervepath.fhir.systems import extension, system_url
from nervepath.outcomes.diary_fields import DiaryField, diary_fields
from nervepath.outcomes.records import (
    AdherenceRecord,
    CarePlanEntry,
    ConditionRecord,
    DayEvent,
    DiaryEntry,
    DoseChange,
    MedicationRecord,
    PatientInfo,
    PatientRecord,
    QuestionnaireRecord,
    RegionScore,
    TrialDecisionRecord,
    TrialRecord,
)

Resource = dict[str, Any]
EXPECTED = "a resource as written by nervepath export"


def record(bundle: Any) -> PatientRecord:
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise InvalidInput("resourceType", _kind(bundle), "a FHIR Bundle")
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InvalidInput("Bundle.entry", entries, "a list of entries")
    by_url = {e.get("fullUrl"): e.get("resource") for e in entries}
    resources = [e.get("resource") for e in entries]
    patients = [r for r in resources if isinstance(r, dict) and r.get("resourceType") == "Patient"]
    if len(patients) != 1:
        raise InvalidInput("Bundle.entry", f"{len(patients)} Patient resources", "exactly one Patient")
    try:
        return _record(resources, by_url, patients[0])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, StopIteration) as exc:
        # A bundle edited by hand or made elsewhere: say where reading stopped, not a traceback.
        raise InvalidInput("Bundle", f"{type(exc).__name__}: {exc}", EXPECTED) from None


def _kind(value: Any) -> Any:
    return value.get("resourceType") if isinstance(value, dict) else type(value).__name__


def _record(resources: list[Resource], by_url: dict[str, Any], patient: Resource) -> PatientRecord:
    def of(kind: str, category: str | None = None) -> list[Resource]:
        found = [r for r in resources if r["resourceType"] == kind]
        return [
            r for r in found if category is None or code(r.get("category"), "medication-kind") == category
        ]

    observations = of("Observation")
    days = [r for r in observations if _loinc(r)]
    plans = of("CarePlan")
    return PatientRecord(
        patient=_patient(patient),
        conditions=tuple(_condition(r) for r in of("Condition")),
        medications=tuple(_medication(r) for r in of("MedicationStatement", "medication")),
        diary=tuple(_day(r, by_url) for r in days),
        trials=tuple(_trial(r) for r in of("MedicationStatement", "trial")),
        questionnaires=tuple(_response(r) for r in of("QuestionnaireResponse")),
        adherence=tuple(_adherence(r) for r in observations if code(r["code"], "diary") == "adherence"),
        care_plan=tuple(_care_item(a) for plan in plans for a in plan.get("activity", [])),
    )


def code(concept: Any, name: str) -> str | None:
    """The code of the coding in ``concept`` from the code system ``name`` (see ``systems.system_url``)."""
    url = system_url(name)
    for coding in (concept or {}).get("coding", []):
        if coding.get("system") == url:
            return str(coding["code"])
    return None


def _loinc(observation: Resource) -> bool:
    return any(c.get("system") == "http://loinc.org" for c in observation["code"].get("coding", []))


def _day_(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _note(resource: Resource, key: str = "note") -> str:
    notes = resource.get(key) or []
    return str(notes[0]["text"]) if notes else ""


def _patient(resource: Resource) -> PatientInfo:
    return PatientInfo(
        display_name=resource["name"][0]["text"],
        birth_date=_day_(resource.get("birthDate")),
        sex=resource.get("gender", "unknown"),
    )


def _condition(resource: Resource) -> ConditionRecord:
    return ConditionRecord(
        str(code(resource["code"], "condition")), _day_(resource.get("onsetDateTime")), _note(resource)
    )


def _quantity(dosage: Resource) -> Resource:
    return dict(dosage["doseAndRate"][0]["doseQuantity"])


def _medication(resource: Resource) -> MedicationRecord:
    quantity = _quantity(resource["dosage"][0])
    span = resource.get("effectivePeriod", {})
    return MedicationRecord(
        drug_id=str(code(resource["medicationCodeableConcept"], "drug")),
        daily_dose=float(quantity["value"]),
        unit=str(quantity["unit"]),
        start_date=_day_(span.get("start")),
        stop_date=_day_(span.get("end")),
    )


def _extensions(resource: Resource, name: str) -> list[Resource]:
    return [e for e in resource.get("extension", []) if e["url"] == extension(name)]


def _decision(ext: Resource) -> TrialDecisionRecord:
    parts = {
        part["url"]: next(v for k, v in part.items() if k.startswith("value")) for part in ext["extension"]
    }
    return TrialDecisionRecord(
        date.fromisoformat(parts["date"]), parts["decision"], parts.get("author", ""), parts.get("note", "")
    )


def _trial(resource: Resource) -> TrialRecord:
    span = resource["effectivePeriod"]
    review = _extensions(resource, "trial-review-date")
    doses = [
        DoseChange(
            date.fromisoformat(d["timing"]["repeat"]["boundsPeriod"]["start"]), float(_quantity(d)["value"])
        )
        for d in sorted(resource["dosage"], key=lambda d: d["sequence"])
    ]
    reasons = resource.get("statusReason") or []
    return TrialRecord(
        drug=str(code(resource["medicationCodeableConcept"], "drug")),
        start_date=date.fromisoformat(span["start"]),
        doses=tuple(doses),
        stop_date=_day_(span.get("end")),
        stop_reason=(code(reasons[0], "trial-stop-reason") or "") if reasons else "",
        review_date=_day_(review[0]["valueDate"]) if review else None,
        side_effects=tuple(e["valueString"] for e in _extensions(resource, "trial-side-effect")),
        decisions=tuple(_decision(e) for e in _extensions(resource, "trial-decision")),
    )


def _components(resource: Resource, name: str) -> list[Resource]:
    return [c for c in resource.get("component", []) if code(c["code"], "diary") == name]


def _component_int(resource: Resource, name: str) -> int | None:
    found = _components(resource, name)
    return int(found[0]["valueInteger"]) if found else None


def _day(resource: Resource, by_url: dict[str, Any]) -> DiaryEntry:
    """A diary day from its Observation, each field where ``data/diary/fields.yaml`` puts it."""
    values = {field.id: _named_day_value(resource, field) for field in diary_fields().fields}
    events = tuple(_event(by_url[ref["reference"]]) for ref in resource.get("hasMember", []))
    return DiaryEntry(**values, events=events)


def _named_day_value(resource: Resource, field: DiaryField) -> Any:
    try:
        return _day_value(resource, field)
    except (KeyError, TypeError, ValueError, IndexError) as exc:  # say which day and which field
        where = f"Observation[{resource.get('effectiveDateTime', '?')}].{field.id}"
        raise InvalidInput(where, f"{type(exc).__name__}: {exc}", EXPECTED) from None


def _day_value(resource: Resource, field: DiaryField) -> Any:
    fhir = field.fhir
    if fhir.element == "effectiveDateTime":
        return date.fromisoformat(resource["effectiveDateTime"])
    if fhir.element == "valueInteger":
        return int(resource["valueInteger"])
    if fhir.element == "note":
        return _note(resource)
    found = [c for c in resource.get("component", []) if code(c["code"], str(fhir.system)) == fhir.code]
    if field.kind == "ids":
        return tuple(str(code(c["valueCodeableConcept"], str(fhir.ids))) for c in found)
    if field.kind == "region_scores":
        return tuple(RegionScore(str(code(c["code"], str(fhir.ids))), int(c["valueInteger"])) for c in found)
    if not found:
        return None
    if field.kind == "hours":
        return float(found[0]["valueQuantity"]["value"])
    return int(found[0]["valueInteger"])


def _event(resource: Resource) -> DayEvent:
    return DayEvent(
        at=datetime.fromisoformat(resource["effectiveDateTime"]),
        kind=str(code(resource["valueCodeableConcept"], "diary-event-kind")),
        severity=_component_int(resource, "severity"),
        note=_note(resource),
    )


def _adherence(resource: Resource) -> AdherenceRecord:
    drug = _components(resource, "drug")[0]["valueCodeableConcept"]
    return AdherenceRecord(
        drug_id=str(code(drug, "drug")),
        date=date.fromisoformat(resource["effectiveDateTime"]),
        doses_planned=int(_component_int(resource, "doses-planned") or 0),
        doses_taken=int(_component_int(resource, "doses-taken") or 0),
    )


def _answer_value(item: Resource) -> Any:
    answers = item.get("answer") or [{}]
    return next((v for k, v in answers[0].items() if k.startswith("value")), None)


def _response(resource: Resource) -> QuestionnaireRecord:
    shape = _extensions(resource, "answers-shape")[0]["valueCode"]
    pairs = [(item["linkId"], _answer_value(item)) for item in resource.get("item", [])]
    answers: Any = dict(pairs) if shape == "map" else [value for _, value in pairs]
    score = _extensions(resource, "score")
    band = _extensions(resource, "band")
    return QuestionnaireRecord(
        instrument_id=resource["questionnaire"].rsplit("/", 1)[-1],
        answers=answers,
        taken_at=datetime.fromisoformat(resource["authored"]),
        score=float(score[0]["valueDecimal"]) if score else None,
        band=band[0]["valueCode"] if band else "",
    )


def _care_item(activity: Resource) -> CarePlanEntry:
    detail = activity["detail"]
    due = detail.get("scheduledPeriod", {}).get("end")
    return CarePlanEntry(
        kind=str(code(detail["code"], "care-plan-kind")),
        item_id=str(code(detail["code"], "care-plan-item")),
        title=detail["description"],
        status=detail["status"],
        note=_note(activity, "progress"),
        due_date=_day_(due),
    )
