"""The API's diary schema is made from data/diary/fields.yaml: one property per field entered over
the API, with the data's bounds, lengths and descriptions, and the same JSON keys as ever."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nervepath.outcomes.diary_fields import diary_fields
from nervepath.web.records.models import DiaryDay
from tests.api.conftest import Api, World

FIELDS = diary_fields()
API_FIELDS = FIELDS.entered_in("api")


@pytest.fixture
def schemas(client: Client) -> dict[str, Any]:
    return dict(client.get("/api/v1/openapi.json").json()["components"]["schemas"])


def _value(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional property, or the property itself."""
    return next((p for p in prop.get("anyOf", []) if p.get("type") != "null"), prop)


def test_it_takes_and_gives_the_same_json_keys_as_ever(schemas: dict[str, Any]) -> None:
    keys = {
        *("date", "pain_average", "pain_worst", "sleep_interference", "mood", "activity"),
        *("sitting_hours", "note", "qualities", "triggers"),
    }
    assert set(schemas["DiaryDayIn"]["properties"]) == keys
    assert set(schemas["DiaryDayOut"]["properties"]) == keys | {"id", "updated_at"}
    assert schemas["DiaryDayIn"]["required"] == ["date", "pain_average"]


def test_it_has_a_property_per_field_of_the_data_with_its_description(schemas: dict[str, Any]) -> None:
    for name in ("DiaryDayIn", "DiaryDayOut"):
        props = schemas[name]["properties"]
        assert [key for key in props if key not in ("id", "updated_at")] == [f.id for f in API_FIELDS]
        assert {key: props[key]["description"] for key in props if "description" in props[key]} == {
            f.id: FIELDS.describe(f) for f in API_FIELDS
        }


def test_it_takes_the_bounds_and_lengths_of_the_data(schemas: dict[str, Any]) -> None:
    props = schemas["DiaryDayIn"]["properties"]
    for field in API_FIELDS:
        value = _value(props[field.id])
        if field.bounds is not None:
            assert (value["minimum"], value["maximum"]) == field.bounds, field.id
        if field.max_length is not None:
            assert value["maxLength"] == field.max_length, field.id
        if field.max_items is not None:
            assert value["maxItems"] == field.max_items, field.id
    assert _value(props["mood"]) == {"type": "integer", "minimum": 0, "maximum": 10}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mood", 11),
        ("mood", True),
        ("sitting_hours", 24.5),
        ("qualities", ["tingling"] * 31),
        ("note", "x" * 2001),
    ],
)
def test_it_refuses_a_value_outside_the_datas_limits_naming_the_field(
    as_alice: Api, world: World, field: str, value: object
) -> None:
    body = {"date": "2026-01-10", "pain_average": 5, field: value}
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field
    assert not DiaryDay.objects.exists()


def test_it_stores_every_field_the_schema_takes(as_alice: Api, world: World) -> None:
    body = {
        "date": "2026-01-10",
        "pain_average": 5,
        "pain_worst": 7,
        "sleep_interference": 3,
        "mood": 9,
        "activity": 2,
        "sitting_hours": 6.5,
        "note": "a good day",
        "qualities": ["tingling"],
        "triggers": ["cold"],
    }
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 201
    assert {key: response.json()[key] for key in body} == body
    stored = DiaryDay.objects.values(*body).get()
    assert {**stored, "date": stored["date"].isoformat()} == body
