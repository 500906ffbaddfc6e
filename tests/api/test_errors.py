"""One error shape for every 4xx, and nothing written when a request fails."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import DiaryDay, Patient, Trial
from tests.api.conftest import Api, World, bearer

TODAY = date.today().isoformat()


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    return body["error"]


def counts() -> tuple[int, int, int]:
    return DiaryDay.objects.count(), Trial.objects.count(), Patient.objects.count()


def test_it_pins_the_error_shape_of_a_validation_error(as_alice: Api, world: World) -> None:
    before = counts()
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", {"date": TODAY, "pain_average": 11})
    assert response.status_code == 422
    assert error_of(response) == {
        "code": "invalid_input",
        "message": "pain_average: Input should be less than or equal to 10",
        "field": "pain_average",
    }
    assert counts() == before


def test_it_names_an_unknown_field(as_alice: Api, world: World) -> None:
    body = {"date": TODAY, "pain_average": 3, "pain_in_toes": 4}
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 422
    assert error_of(response)["field"] == "pain_in_toes"
    assert not DiaryDay.objects.exists()


@pytest.mark.parametrize("bad_date", ["2024-02-30", "yesterday", 20240101, "2024-1-1"])
def test_it_refuses_an_invalid_date(as_alice: Api, world: World, bad_date: object) -> None:
    response = as_alice.post(
        f"/patients/{world.clinic.alice.pk}/diary", {"date": bad_date, "pain_average": 3}
    )
    assert response.status_code == 422
    assert error_of(response)["field"] == "date"
    assert not DiaryDay.objects.exists()


def test_it_refuses_a_boolean_where_an_integer_belongs(as_alice: Api, world: World) -> None:
    response = as_alice.post(
        f"/patients/{world.clinic.alice.pk}/diary", {"date": TODAY, "pain_average": False}
    )
    assert response.status_code == 422
    assert error_of(response)["field"] == "pain_average"
    assert not DiaryDay.objects.exists()


def test_it_translates_a_service_error_naming_the_field(as_alice: Api, world: World) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = as_alice.post(
        f"/patients/{world.clinic.alice.pk}/diary", {"date": tomorrow, "pain_average": 3}
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["field"] == "date"
    assert "not in the future" in error["message"]
    assert not DiaryDay.objects.exists()


def test_it_answers_400_to_a_body_that_is_not_json(as_alice: Api, world: World) -> None:
    response = as_alice.client.post(
        f"/api/v1/patients/{world.clinic.alice.pk}/diary",
        "{not json",
        content_type="application/json",
        **as_alice.headers,
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_it_answers_401_without_credentials(client: Client, world: World) -> None:
    response = client.get("/api/v1/patients")
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_answers_404_for_a_patient_that_is_not_yours(as_carol: Api, world: World) -> None:
    response = as_carol.get(f"/patients/{world.clinic.alice.pk}")
    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": "no such patient", "field": None}


def test_it_answers_404_for_a_malformed_id_the_same_as_for_a_missing_one(as_root: Api) -> None:
    assert as_root.get("/patients/999999").status_code == 404
    response = as_root.get("/patients/abc")
    assert response.status_code == 422
    assert error_of(response)["field"] == "patient_id"


def test_it_answers_409_to_a_stale_version_and_changes_nothing(as_bob: Api, world: World) -> None:
    trial = world.trials["alice"]
    body = {"date": TODAY, "daily_mg": 300, "expected_version": trial.version + 5}
    response = as_bob.post(f"/trials/{trial.pk}/doses", body)
    assert response.status_code == 409
    assert error_of(response)["field"] == "version"
    trial.refresh_from_db()
    assert [d.daily_mg for d in trial.doses.all()] == [150]


def test_it_answers_403_to_a_read_token_that_writes(world: World) -> None:
    _row, token = issue_token(world.clinic.alice.user, "read")
    client = Client()
    url = f"/api/v1/patients/{world.clinic.alice.pk}/diary"
    assert client.get(url, **bearer(token)).status_code == 200
    response = client.post(
        url, {"date": TODAY, "pain_average": 3}, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert not DiaryDay.objects.exists()


def test_it_answers_413_to_a_body_that_is_too_large(as_alice: Api, world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"date": TODAY, "pain_average": 3, "note": "x" * 2000}
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"
    assert not DiaryDay.objects.exists()


def test_it_answers_413_to_an_import_over_its_own_limit(as_bob: Api, settings: Any) -> None:
    settings.NERVEPATH_MAX_IMPORT_BYTES = 100
    before = counts()
    response = as_bob.post("/fhir/import", {"resourceType": "Bundle", "entry": [{"x": "y" * 200}]})
    assert response.status_code == 413
    assert counts() == before


def test_it_answers_422_to_an_unreadable_bundle_and_creates_no_patient(as_bob: Api) -> None:
    before = counts()
    response = as_bob.post("/fhir/import", {"resourceType": "Patient"})
    assert response.status_code == 422
    assert error_of(response)["code"] in {"invalid_input", "unknown_identifier"}
    assert counts() == before


@pytest.mark.parametrize(
    "body",
    [
        '{"resourceType": "Bundle", "entry": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"dose": NaN}',
        "not json",
    ],
    ids=["nested-100000-deep", "nan", "not-json"],
)
def test_it_answers_422_naming_the_body_to_a_bundle_that_is_not_plain_json(as_bob: Api, body: str) -> None:
    before = counts()
    response = as_bob.post("/fhir/import", body)
    assert response.status_code == 422
    assert error_of(response)["field"] == "body"
    assert counts() == before


def test_it_declares_the_error_responses_in_the_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    write = schema["paths"]["/api/v1/patients/{patient_id}/diary"]["post"]["responses"]
    assert {"401", "403", "404", "409", "413", "422"} <= set(write)
    assert write["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def test_it_shapes_an_unknown_api_path_and_a_wrong_method(as_alice: Api, world: World) -> None:
    missing = as_alice.get("/no-such-thing")
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"
    wrong = as_alice.client.delete("/api/v1/me", **as_alice.headers)
    assert wrong.status_code == 405
    assert error_of(wrong)["code"] == "method_not_allowed"
    assert "GET" in wrong["Allow"]


@pytest.mark.parametrize(
    "stamp",
    [
        "0001-01-01T00:00:00%2B14:00",
        "9999-12-31T23:59:59-14:00",
        "2000-01-01T00:00:00%2B23:59",
        "2000-01-01T00:00:00",
    ],
)
def test_it_refuses_an_updated_since_that_no_database_can_compare(as_root: Api, stamp: str) -> None:
    response = as_root.get("/patients", QUERY_STRING=f"updated_since={stamp}")
    assert response.status_code == 422
    assert error_of(response)["field"] == "updated_since"


def test_it_refuses_the_nul_character_in_text(as_alice: Api, world: World) -> None:
    body = {"date": TODAY, "pain_average": 3, "note": "a\x00b"}
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 422
    assert error_of(response)["field"] == "note"
    assert not DiaryDay.objects.exists()
