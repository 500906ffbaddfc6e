"""``DELETE /patients/{id}/diary/{date}`` and ``POST .../diary/{date}/restore``; the worst pain is never
below the average over the API (a new day, and an update held to the stored worst pain)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import DeletedDiaryDay, DiaryDay, DiaryEvent, RegionPain
from nervepath.web.records.validation import today
from tests.api.conftest import Api, World

DAY = (today() - timedelta(days=2)).isoformat()


@pytest.fixture
def stored(world: World, as_alice: Api) -> DiaryDay:
    response = as_alice.post(
        f"/patients/{world.clinic.alice.pk}/diary",
        {"date": DAY, "pain_average": 5, "pain_worst": 8, "note": "bad night", "qualities": ["tingling"]},
    )
    assert response.status_code == 201, response.content
    day = DiaryDay.objects.get(date=DAY)
    RegionPain.objects.create(day=day, region_id="feet", pain=7)
    DiaryEvent.objects.create(day=day, at=day.created_at, kind="flare", severity=8, note="stairs")
    return day


def url(world: World, day: str = DAY, patient: str = "alice") -> str:
    return f"/patients/{getattr(world.clinic, patient).pk}/diary/{day}"


def changes() -> list[tuple[str, str, str, int | None, str]]:
    events = AuditEvent.objects.exclude(action="read").order_by("pk")
    return list(events.values_list("action", "object_type", "object_id", "patient_id", "username"))


def test_delete_answers_204_and_the_day_is_gone(world: World, as_alice: Api, stored: DiaryDay) -> None:
    response = as_alice.delete(url(world))
    assert response.status_code == 204
    assert not DiaryDay.objects.exists()
    assert not RegionPain.objects.exists()
    assert not DiaryEvent.objects.exists()
    listed = as_alice.get(f"/patients/{world.clinic.alice.pk}/diary").json()
    assert listed["items"] == []


def test_delete_then_restore_gives_the_day_back_as_it_was(
    world: World, as_alice: Api, stored: DiaryDay
) -> None:
    before = as_alice.get(f"/patients/{world.clinic.alice.pk}/diary").json()["items"][0]
    as_alice.delete(url(world))
    response = as_alice.post(url(world) + "/restore", {})
    assert response.status_code == 200, response.content
    back = response.json()
    assert {k: v for k, v in back.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    day = DiaryDay.objects.get()
    assert list(day.regions.values_list("region_id", "pain")) == [("feet", 7)]
    assert list(day.events.values_list("kind", "severity", "note")) == [("flare", 8, "stairs")]
    assert not DeletedDiaryDay.objects.exists()


def test_delete_and_restore_are_each_audited_once(world: World, as_alice: Api, stored: DiaryDay) -> None:
    first = len(changes())
    as_alice.delete(url(world))
    as_alice.post(url(world) + "/restore", {})
    alice = world.clinic.alice.pk
    assert changes()[first:] == [
        ("delete", "diaryday", str(stored.pk), alice, "alice"),
        ("change", "diaryday", str(stored.pk), alice, "alice"),
    ]


def test_her_clinician_may_delete_a_day(world: World, as_bob: Api, stored: DiaryDay) -> None:
    assert as_bob.delete(url(world)).status_code == 204
    assert changes()[-1][:2] == ("delete", "diaryday")


def test_an_unknown_day_is_404_and_nothing_is_logged(world: World, as_alice: Api, stored: DiaryDay) -> None:
    before = changes()
    response = as_alice.delete(url(world, (today() - timedelta(days=9)).isoformat()))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert changes() == before
    assert DiaryDay.objects.count() == 1


def test_restore_without_a_deletion_is_404(world: World, as_alice: Api, stored: DiaryDay) -> None:
    response = as_alice.post(url(world) + "/restore", {})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["dave", "carol"])
def test_someone_elses_diary_is_404_and_unchanged(world: World, persona: str, stored: DiaryDay) -> None:
    # The API answers "not yours to see" as "not found", so nobody learns that the record exists.
    response = Api(world.tokens[persona]).delete(url(world))
    assert response.status_code == 404
    assert DiaryDay.objects.count() == 1


def test_a_read_token_is_403_and_unchanged(world: World, stored: DiaryDay) -> None:
    token = issue_token(User.objects.get(username="alice"), "read")[1]
    response = Api(token).delete(url(world))
    assert response.status_code == 403
    assert DiaryDay.objects.count() == 1
    assert Api(token).post(url(world) + "/restore", {}).status_code == 403


@pytest.mark.parametrize("bad", ["2099-01-01", "0001-01-01", "yesterday"])
def test_a_bad_date_is_422_naming_it(world: World, as_alice: Api, stored: DiaryDay, bad: str) -> None:
    response = as_alice.delete(url(world, bad))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "date"


def test_restore_refuses_to_overwrite_a_new_entry(world: World, as_alice: Api, stored: DiaryDay) -> None:
    as_alice.delete(url(world))
    as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", {"date": DAY, "pain_average": 2})
    response = as_alice.post(url(world) + "/restore", {})
    assert response.status_code == 409
    assert DiaryDay.objects.get().pain_average == 2


def test_a_new_entry_on_a_deleted_date_starts_blank(world: World, as_alice: Api, stored: DiaryDay) -> None:
    as_alice.delete(url(world))
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", {"date": DAY, "pain_average": 2})
    assert response.status_code == 201
    day = DiaryDay.objects.get()
    assert (day.pain_worst, day.note, day.qualities) == (None, "", [])
    assert not day.regions.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"date": DAY, "pain_average": 7, "pain_worst": 2},
        {"date": DAY, "pain_average": 9},  # the stored worst pain is 8
    ],
    ids=["both-given", "held-to-the-stored-worst"],
)
def test_worst_below_average_is_422_naming_pain_worst(
    world: World, as_alice: Api, stored: DiaryDay, body: dict[str, object]
) -> None:
    before = changes()
    response = as_alice.post(f"/patients/{world.clinic.alice.pk}/diary", body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "pain_worst"
    assert "at least the average pain" in response.json()["error"]["message"]
    assert DiaryDay.objects.get().pain_average == 5
    assert changes() == before
