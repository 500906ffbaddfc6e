"""A diary day's Observation is coded as data/diary/fields.yaml says, and read back the same way."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nervepath.fhir import _decode, _encode
from nervepath.fhir.bundle import from_bundle, to_bundle
from nervepath.fhir.systems import UCUM, system_url
from nervepath.outcomes.diary_fields import DiaryFields, diary_fields
from nervepath.outcomes.records import DiaryEntry, PatientInfo, PatientRecord, RegionScore

FIELDS = diary_fields()
DAY = DiaryEntry(
    date=date(2026, 3, 1),
    pain_average=6,
    pain_worst=8,
    sleep_interference=3,
    mood=2,
    activity=4,
    sitting_hours=7.5,
    note="a long walk",
    qualities=("burning_pain", "tingling"),
    triggers=("cold",),
    regions=(RegionScore("feet", 7),),
)
RECORD = PatientRecord(patient=PatientInfo("Ann"), diary=(DAY,))


def _observation(record: PatientRecord = RECORD) -> dict[str, Any]:
    (day,) = [
        e["resource"] for e in to_bundle(record)["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    return dict(day)


def _codes(observation: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (c["code"]["coding"][0]["system"], c["code"]["coding"][0]["code"]) for c in observation["component"]
    ]


def test_it_codes_the_average_pain_with_the_datas_loinc_code() -> None:
    value = FIELDS.element("valueInteger").fhir
    coding = _observation()["code"]
    assert coding["coding"] == [{"system": value.system, "code": value.code, "display": value.display}]
    assert coding["coding"][0]["code"] == "72514-3"
    assert coding["text"] == "Average pain on the day (0-10)"


def test_it_codes_each_component_as_the_data_says_in_the_datas_order() -> None:
    expected = []
    for field in FIELDS.fields:
        if field.fhir.element == "component":
            values = getattr(DAY, field.id)
            count = len(values) if isinstance(values, tuple) else 1
            expected += [(system_url(str(field.fhir.system)), str(field.fhir.code))] * count
    assert _codes(_observation()) == expected


def test_it_codes_vocabulary_ids_hours_and_regions_in_their_own_systems() -> None:
    components = _observation()["component"]
    by_code = {c["code"]["coding"][0]["code"]: c for c in components}
    assert by_code["sitting-hours"]["valueQuantity"] == {
        "value": 7.5,
        "unit": "h",
        "system": UCUM,
        "code": "h",
    }
    assert by_code["trigger"]["valueCodeableConcept"]["coding"] == [
        {"system": system_url("pain-trigger"), "code": "cold"}
    ]
    assert by_code["region-pain"]["code"]["coding"][1] == {
        "system": system_url("body-region"),
        "code": "feet",
    }
    assert by_code["region-pain"]["valueInteger"] == 7


def test_it_reads_back_every_field_it_wrote() -> None:
    assert from_bundle(to_bundle(RECORD)).diary == (DAY,)


def _recoded(fields: DiaryFields, field_id: str, code: str) -> DiaryFields:
    field = fields.field(field_id)
    changed = field.model_copy(update={"fhir": field.fhir.model_copy(update={"code": code})})
    return fields.model_copy(
        update={"fields": tuple(changed if f.id == field_id else f for f in fields.fields)}
    )


def test_it_follows_a_code_changed_in_the_data_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = _recoded(FIELDS, "mood", "mood-0-10")
    for module in (_encode, _decode):
        monkeypatch.setattr(module, "diary_fields", lambda: changed)
    codes = dict((code, system) for system, code in _codes(_observation()))
    assert "mood-0-10" in codes
    assert "mood" not in codes
    assert from_bundle(to_bundle(RECORD)).diary == (DAY,)


def test_it_leaves_out_a_component_that_has_no_value() -> None:
    bare = PatientRecord(patient=PatientInfo("Ann"), diary=(DiaryEntry(date(2026, 3, 1), 4),))
    observation = _observation(bare)
    assert "component" not in observation
    assert "note" not in observation
    assert from_bundle(to_bundle(bare)).diary == bare.diary
