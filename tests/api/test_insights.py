"""GET /patients/{id}/insights: the care team reads the associations of the diary's factors with pain."""

from __future__ import annotations

from datetime import date, timedelta

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import Patient
from tests.api.conftest import Api, World

DAY = date(2026, 1, 1)


def diary(patient: Patient, days: int = 60) -> None:
    """Cold on every third day, with pain 3 points higher; a small weekly wobble otherwise."""
    for i in range(days):
        cold = i % 3 == 0
        pain = 4 + (3 if cold else 0) + (i % 7 == 0)
        record_day(patient, DayInput(DAY + timedelta(days=i), pain, triggers=["cold"] if cold else []))


def url(world: World, query: str = "") -> str:
    return f"/patients/{world.clinic.alice.pk}/insights{query}"


def test_it_answers_the_issue_shape_with_the_planted_trigger_a_finding(as_alice: Api, world: World) -> None:
    diary(world.clinic.alice)
    response = as_alice.get(url(world))
    assert response.status_code == 200
    body = response.json()
    assert (body["patient"], body["days"]) == (world.clinic.alice.pk, 60)
    cold = next(f for f in body["factors"] if (f["id"], f["lag"]) == ("cold", 0))
    assert cold["finding"]
    assert cold["ci95"][0] <= 3 <= cold["ci95"][1]
    assert cold["sentence"].startswith("On days with cold, your pain was 3.")
    assert "mood" in body["not_enough_data"]
    assert AuditEvent.objects.filter(object_type="insights", action="read").count() == 1


def test_the_sentences_follow_the_language(as_alice: Api, world: World) -> None:
    diary(world.clinic.alice)
    body = as_alice.get(url(world), HTTP_ACCEPT_LANGUAGE="es").json()
    cold = next(f for f in body["factors"] if (f["id"], f["lag"]) == ("cold", 0))
    assert cold["sentence"].startswith("En los días con frío, su dolor fue 3,")


def test_the_dates_limit_the_days(as_alice: Api, world: World) -> None:
    diary(world.clinic.alice)
    body = as_alice.get(url(world, "?from=2026-01-11&to=2026-01-30")).json()
    assert body["days"] == 20
    assert body["factors"] == []  # 20 days are fewer than the minimum


def test_a_short_diary_says_not_enough_data(as_alice: Api, world: World) -> None:
    diary(world.clinic.alice, days=20)
    body = as_alice.get(url(world)).json()
    assert body["factors"] == []
    assert "cold" in body["not_enough_data"]


def test_a_to_before_from_is_a_422_naming_the_field(as_alice: Api, world: World) -> None:
    response = as_alice.get(url(world, "?from=2026-02-01&to=2026-01-01"))
    assert response.status_code == 422
    assert "to" in response.content.decode()


def test_a_clinician_without_a_link_gets_404(as_carol: Api, world: World) -> None:
    assert as_carol.get(url(world)).status_code == 404
