"""PatientRecord -> FHIR R4 resources (plain dicts). Used by :func:`nervepath.fhir.bundle.to_bundle`."""

from __future__ import annotations

from typing import Any

from nervepath.fhir.systems import (
    OBSERVATION_CATEGORY,
    UCUM,
    UCUM_DAILY,
    extension,
    questionnaire,
    system,
    system_url,
)
from nervepath.outcomes.diary_fields import DiaryField, diary_fields
from nervepath.outcomes.records import (
    AdherenceRecord,
    CarePlanEntry,
    ConditionRecord,
    DayEvent,
    DiaryEntry,
    MedicationRecord,
    PatientInfo,
    QuestionnaireRecord,
    TrialRecord,
)

Resource = dict[str, Any]
Ref = dict[str, str]


def coding(name: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system(name), "code": code}]}


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    # FHIR forbids empty strings, lists and objects: leave such elements out.
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def patient(info: PatientInfo) -> Resource:
    return _drop_empty(
        {
            "resourceType": "Patient",
            "name": [{"text": info.display_name}],
            "gender": info.sex,
            "birthDate": info.birth_date.isoformat() if info.birth_date else None,
        }
    )


def condition(record: ConditionRecord, subject: Ref) -> Resource:
    return _drop_empty(
        {
            "resourceType": "Condition",
            "code": coding("condition", record.condition_id),
            "subject": subject,
            "onsetDateTime": record.onset_date.isoformat() if record.onset_date else None,
            "note": [{"text": record.note}] if record.note else None,
        }
    )


def dose(value: float, unit: str) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": value, "unit": unit}
    if unit in UCUM_DAILY:
        quantity |= {"system": UCUM, "code": UCUM_DAILY[unit]}
    return {"doseAndRate": [{"doseQuantity": quantity}]}


def period(start: Any, end: Any) -> dict[str, str] | None:
    found = {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}
    return _drop_empty(found) or None


def medication(record: MedicationRecord, subject: Ref) -> Resource:
    return _drop_empty(
        {
            "resourceType": "MedicationStatement",
            "status": "completed" if record.stop_date else "active",
            "category": coding("medication-kind", "medication"),
            "medicationCodeableConcept": coding("drug", record.drug_id),
            "subject": subject,
            "effectivePeriod": period(record.start_date, record.stop_date),
            "dosage": [dose(record.daily_dose, record.unit)],
        }
    )


def trial(record: TrialRecord, subject: Ref) -> Resource:
    steps = [
        {"sequence": i + 1, "timing": {"repeat": {"boundsPeriod": {"start": step.date.isoformat()}}}}
        | dose(step.daily_mg, "mg")
        for i, step in enumerate(record.doses)
    ]
    return _drop_empty(
        {
            "resourceType": "MedicationStatement",
            "extension": _trial_extensions(record),
            "status": "stopped" if record.stop_date else "active",
            "statusReason": [coding("trial-stop-reason", record.stop_reason)] if record.stop_reason else None,
            "category": coding("medication-kind", "trial"),
            "medicationCodeableConcept": coding("drug", record.drug),
            "subject": subject,
            "effectivePeriod": period(record.start_date, record.stop_date),
            "dosage": steps,
        }
    )


def _trial_extensions(record: TrialRecord) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if record.review_date:
        found.append({"url": extension("trial-review-date"), "valueDate": record.review_date.isoformat()})
    found += [{"url": extension("trial-side-effect"), "valueString": e} for e in record.side_effects]
    for d in record.decisions:
        parts = [
            {"url": "date", "valueDate": d.date.isoformat()},
            {"url": "decision", "valueCode": d.decision},
            {"url": "author", "valueString": d.author} if d.author else None,
            {"url": "note", "valueString": d.note} if d.note else None,
        ]
        found.append({"url": extension("trial-decision"), "extension": [p for p in parts if p]})
    return found


def _component(code: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"code": coding("diary", code)} | value


def _day_components(entry: DiaryEntry) -> list[dict[str, Any]]:
    """The components of a diary day, in the order and with the codes of ``data/diary/fields.yaml``."""
    found: list[dict[str, Any]] = []
    for field in diary_fields().fields:
        if field.fhir.element == "component":
            found += _field_components(field, getattr(entry, field.id))
    return found


def _field_components(field: DiaryField, value: Any) -> list[dict[str, Any]]:
    fhir = field.fhir
    code = {"coding": [_coding(str(fhir.system), str(fhir.code))]}
    if value is None:
        return []
    if field.kind == "hours":
        quantity = {"value": value, "unit": fhir.unit, "system": UCUM, "code": fhir.unit}
        return [{"code": code, "valueQuantity": quantity}]
    if field.kind == "ids":
        return [{"code": code, "valueCodeableConcept": coding(str(fhir.ids), i)} for i in value]
    if field.kind == "region_scores":
        return [
            {
                "code": {"coding": [*code["coding"], _coding(str(fhir.ids), r.region_id)]},
                "valueInteger": r.pain,
            }
            for r in value
        ]
    return [{"code": code, "valueInteger": value}]


def _coding(name: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"system": system_url(name), "code": code} | ({"display": display} if display else {})


def diary_day(entry: DiaryEntry, subject: Ref, members: list[Ref]) -> Resource:
    fields = diary_fields()
    value, note = fields.element("valueInteger"), getattr(entry, fields.element("note").id)
    low, high = value.bounds or (0, 10)
    coded = _coding(str(value.fhir.system), str(value.fhir.code), value.fhir.display)
    return _drop_empty(
        {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
            "code": {"coding": [coded], "text": f"{value.help.en} ({low}-{high})"},
            "subject": subject,
            "effectiveDateTime": getattr(entry, fields.element("effectiveDateTime").id).isoformat(),
            "valueInteger": getattr(entry, value.id),
            "note": [{"text": note}] if note else None,
            "hasMember": members,
            "component": _day_components(entry),
        }
    )


def diary_event(event: DayEvent, subject: Ref) -> Resource:
    severity = (
        [_component("severity", {"valueInteger": event.severity})] if event.severity is not None else []
    )
    return _drop_empty(
        {
            "resourceType": "Observation",
            "status": "final",
            "code": coding("diary", "event"),
            "subject": subject,
            "effectiveDateTime": event.at.isoformat(),
            "valueCodeableConcept": coding("diary-event-kind", event.kind),
            "note": [{"text": event.note}] if event.note else None,
            "component": severity,
        }
    )


def adherence(record: AdherenceRecord, subject: Ref) -> Resource:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": coding("diary", "adherence"),
        "subject": subject,
        "effectiveDateTime": record.date.isoformat(),
        "component": [
            _component("drug", {"valueCodeableConcept": coding("drug", record.drug_id)}),
            _component("doses-planned", {"valueInteger": record.doses_planned}),
            _component("doses-taken", {"valueInteger": record.doses_taken}),
        ],
    }


def _answer(value: Any) -> list[dict[str, Any]]:
    kinds: list[tuple[type, str]] = [(bool, "valueBoolean"), (int, "valueInteger"), (float, "valueDecimal")]
    kinds.append((str, "valueString"))
    for kind, key in kinds:
        if isinstance(value, kind):
            return [{key: value}]
    return []


def questionnaire_response(record: QuestionnaireRecord, subject: Ref) -> Resource:
    answers = record.answers
    shape, pairs = (
        ("map", list(answers.items())) if isinstance(answers, dict) else ("list", list(enumerate(answers, 1)))
    )
    score_ext = (
        [{"url": extension("score"), "valueDecimal": record.score}] if record.score is not None else []
    )
    band_ext = [{"url": extension("band"), "valueCode": record.band}] if record.band else []
    return _drop_empty(
        {
            "resourceType": "QuestionnaireResponse",
            "extension": [{"url": extension("answers-shape"), "valueCode": shape}, *score_ext, *band_ext],
            "questionnaire": questionnaire(record.instrument_id),
            "status": "completed",
            "subject": subject,
            "authored": record.taken_at.isoformat(),
            "item": [_drop_empty({"linkId": str(key), "answer": _answer(value)}) for key, value in pairs],
        }
    )


def _activity(entry: CarePlanEntry) -> dict[str, Any]:
    codes = [
        *coding("care-plan-item", entry.item_id)["coding"],
        *coding("care-plan-kind", entry.kind)["coding"],
    ]
    detail = {
        "status": entry.status,
        "code": {"coding": codes},
        "description": entry.title,
        "scheduledPeriod": {"end": entry.due_date.isoformat()} if entry.due_date else None,
    }
    return _drop_empty(
        {"progress": [{"text": entry.note}] if entry.note else None, "detail": _drop_empty(detail)}
    )


def care_plan(entries: tuple[CarePlanEntry, ...], subject: Ref) -> Resource:
    return {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "subject": subject,
        "activity": [_activity(entry) for entry in entries],
    }
