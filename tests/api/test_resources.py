"""Each resource: response first, then the database, then the audit row."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib.resources import files

from django.test import Client

from nervepath.clinical.assess import assess_json
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import CareLink, DiaryDay, Patient, QuestionnaireResponse
from tests.api.conftest import Api, World

TODAY = date.today()


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def test_it_tells_who_is_calling(as_bob: Api) -> None:
    assert as_bob.get("/me").json() == {"username": "bob", "role": "clinician"}


def test_it_lists_only_the_patients_the_caller_may_see(as_bob: Api, as_root: Api, world: World) -> None:
    assert [p["display_name"] for p in as_bob.get("/patients").json()["items"]] == ["Alice Patient"]
    assert as_root.get("/patients").json()["count"] == 2


def test_it_logs_a_read_for_each_patient_on_the_listed_page(as_root: Api, world: World) -> None:
    before = AuditEvent.objects.count()
    first = as_root.get("/patients?limit=1").json()
    second = as_root.get("/patients?limit=1&offset=1").json()
    events = list(AuditEvent.objects.order_by("pk"))[before:]
    shown = [first["items"][0]["id"], second["items"][0]["id"]]
    assert [(e.username, e.action, e.object_type, e.patient_id) for e in events] == [
        ("root", "read", "patient_list", patient_id) for patient_id in shown
    ]


def test_it_records_a_day_then_updates_it(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/diary"
    first = as_alice.post(url, {"date": days_ago(1), "pain_average": 6, "qualities": ["burning"]})
    assert first.status_code == 201
    again = as_alice.post(url, {"date": days_ago(1), "pain_average": 4})
    assert again.status_code == 200
    assert (again.json()["pain_average"], again.json()["qualities"]) == (4, ["burning"])
    day = DiaryDay.objects.get()
    assert (day.patient, day.pain_average) == (world.clinic.alice, 4)
    event = AuditEvent.objects.filter(action="change").first()
    assert event is not None
    assert (event.username, event.patient_id, event.object_type) == (
        "alice",
        world.clinic.alice.pk,
        "diaryday",
    )


def test_it_pages_and_filters_the_diary_by_date(as_bob: Api, world: World) -> None:
    for n in range(5):
        record_day(world.clinic.alice, DayInput(date=days_ago(n), pain_average=n))
    url = f"/patients/{world.clinic.alice.pk}/diary"
    first = as_bob.get(url, QUERY_STRING="limit=2").json()
    assert (first["count"], first["next_offset"], len(first["items"])) == (5, 2, 2)
    assert [d["date"] for d in first["items"]] == [days_ago(4), days_ago(3)]
    last = as_bob.get(url, QUERY_STRING="limit=2&offset=4").json()
    assert last["next_offset"] is None
    ranged = as_bob.get(url, QUERY_STRING=f"since={days_ago(3)}&until={days_ago(2)}").json()
    assert [d["pain_average"] for d in ranged["items"]] == [3, 2]


def test_it_refuses_a_range_that_ends_before_it_starts(as_bob: Api, world: World) -> None:
    response = as_bob.get(
        f"/patients/{world.clinic.alice.pk}/diary", QUERY_STRING=f"since={days_ago(1)}&until={days_ago(3)}"
    )
    assert response.status_code == 422


def test_it_answers_304_until_the_diary_changes(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/diary"
    as_alice.post(url, {"date": days_ago(2), "pain_average": 5})
    first = as_alice.get(url)
    tag = first["ETag"]
    assert as_alice.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    as_alice.post(url, {"date": days_ago(2), "pain_average": 6})
    changed = as_alice.get(url, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag


def test_it_returns_only_rows_changed_since_a_time(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/diary"
    as_alice.post(url, {"date": days_ago(3), "pain_average": 5})
    stamp = DiaryDay.objects.get().updated_at.isoformat()
    as_alice.post(url, {"date": days_ago(1), "pain_average": 2})
    changed = as_alice.get(url, QUERY_STRING="updated_since=" + stamp.replace("+", "%2B")).json()
    assert [d["date"] for d in changed["items"]] == [days_ago(1)]


def test_it_scores_a_questionnaire_on_write(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/questionnaires"
    response = as_alice.post(url, {"instrument_id": "phq9", "answers": [1, 1, 1, 1, 1, 0, 0, 0, 0]})
    assert response.status_code == 201
    assert response.json()["score"] == 5
    stored = QuestionnaireResponse.objects.get(pk=response.json()["id"])
    assert (stored.score, stored.band) == (5, response.json()["band"])


def test_it_names_the_bad_item_of_a_questionnaire(as_alice: Api, world: World) -> None:
    before = QuestionnaireResponse.objects.count()
    url = f"/patients/{world.clinic.alice.pk}/questionnaires"
    response = as_alice.post(url, {"instrument_id": "phq9", "answers": {"no_such_item": 1}})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "answers.no_such_item"
    assert QuestionnaireResponse.objects.count() == before


def test_it_lets_a_clinician_change_a_trial_with_its_version(as_bob: Api, world: World) -> None:
    trial = world.trials["alice"]
    body = {"date": days_ago(0), "daily_mg": 300, "expected_version": trial.version}
    response = as_bob.post(f"/trials/{trial.pk}/doses", body)
    assert response.status_code == 200
    assert [d["daily_mg"] for d in response.json()["doses"]] == [150, 300]
    assert response.json()["version"] == trial.version + 1
    assert as_bob.post(f"/trials/{trial.pk}/doses", body).status_code == 409


def test_it_does_not_let_a_patient_change_their_own_trial(as_alice: Api, world: World) -> None:
    trial = world.trials["alice"]
    response = as_alice.post(f"/trials/{trial.pk}/stop", {"date": days_ago(0), "because": "other"})
    assert response.status_code == 404
    trial.refresh_from_db()
    assert trial.stop_date is None


def test_it_assesses_a_case_as_the_cli_does(as_bob: Api) -> None:
    case = json.loads((files("nervepath") / "data/cases/dpn-on-oxycodone.json").read_text())
    response = as_bob.post("/assess", case)
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(assess_json(case)))


def test_it_names_the_field_of_a_bad_case(as_bob: Api) -> None:
    case = json.loads((files("nervepath") / "data/cases/bad-nrs.json").read_text())
    response = as_bob.post("/assess", case)
    assert response.status_code == 422
    assert "nrs_average" in response.json()["error"]["field"]


def test_it_searches_the_knowledge_base(as_alice: Api) -> None:
    hits = as_alice.get("/knowledge/search", QUERY_STRING="q=burning+feet&limit=3").json()["hits"]
    assert 1 <= len(hits) <= 3
    assert all(hit["sources"] for hit in hits)


def test_it_exports_and_imports_a_patient_as_fhir(as_bob: Api, world: World) -> None:
    record_day(world.clinic.alice, DayInput(date=days_ago(1), pain_average=7))
    bundle = as_bob.get(f"/patients/{world.clinic.alice.pk}/fhir").json()
    assert bundle["resourceType"] == "Bundle"
    response = as_bob.post("/fhir/import", bundle)
    assert response.status_code == 201
    copy = Patient.objects.get(pk=response.json()["patient_id"])
    assert copy.diary_days.get().pain_average == 7
    assert CareLink.objects.filter(clinician=world.clinic.bob, patient=copy).exists()
    assert as_bob.get(f"/patients/{copy.pk}").status_code == 200


def test_it_does_not_let_a_patient_import(as_alice: Api, world: World) -> None:
    bundle = as_alice.get(f"/patients/{world.clinic.alice.pk}/fhir").json()
    before = Patient.objects.count()
    assert as_alice.post("/fhir/import", bundle).status_code == 404
    assert Patient.objects.count() == before


def test_it_lists_conditions_medications_and_care_plan(as_alice: Api, world: World) -> None:
    world.clinic.alice.conditions.create(condition_id="hypertension")
    pk = world.clinic.alice.pk
    conditions = as_alice.get(f"/patients/{pk}/conditions").json()["items"]
    assert [c["condition_id"] for c in conditions] == ["diabetes_type_2", "hypertension"]
    medications = as_alice.get(f"/patients/{pk}/medications").json()["items"]
    assert [(m["drug_id"], m["daily_dose"], m["unit"]) for m in medications] == [("omeprazole", 20, "mg")]
    assert as_alice.get(f"/patients/{pk}/care-plan").json()["items"][0]["status"] == "not-started"


def test_it_serves_the_docs_and_the_schema_without_credentials(client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/patients/{patient_id}/diary" in schema["paths"]
