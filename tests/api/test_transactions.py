"""An API write and its audit row commit together, on both databases: every write operation runs in
one transaction, and the diary write's audit row rides in the day's own statement on PostgreSQL."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import Condition, DiaryDay
from tests.api.conftest import World
from tests.faults import FAILED, audit_log_lost

pytestmark = pytest.mark.django_db


def _post(world: World, path: str, body: dict[str, object]) -> int:
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/api/v1/patients/{world.clinic.alice.pk}/{path}",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['bob']}",
    )
    return response.status_code


def _post_day(world: World) -> int:
    return _post(world, "diary", {"date": "2026-01-15", "pain_average": 6})


def test_it_writes_the_change_and_its_audit_row_together(world: World) -> None:
    audits = AuditEvent.objects.count()
    assert _post_day(world) == 201
    day = DiaryDay.objects.get(patient=world.clinic.alice, date="2026-01-15")
    assert _post_day(world) == 200  # the same day again: an update, logged as a change too
    events = list(AuditEvent.objects.order_by("pk"))[audits:]
    bob = world.clinic.bob.user
    assert [
        (e.user_id, e.username, e.action, e.patient_id, e.object_type, e.object_id, e.ip) for e in events
    ] == [(bob.pk, bob.username, "change", world.clinic.alice.pk, "diaryday", str(day.pk), "127.0.0.1")] * 2
    assert all(e.at >= day.created_at for e in events)


# A real transaction, not the test's own: the failed write must roll back on both databases.
@pytest.mark.django_db(transaction=True)
def test_it_keeps_no_change_when_its_audit_row_cannot_be_written(world: World) -> None:
    with audit_log_lost():
        status = _post_day(world)
    assert status in FAILED
    assert not DiaryDay.objects.filter(patient=world.clinic.alice, date="2026-01-15").exists()


@pytest.mark.django_db(transaction=True)
def test_it_keeps_no_condition_when_its_audit_row_cannot_be_written(world: World) -> None:
    body = {"condition_id": "hypertension", "onset_date": "2020-05-01"}
    with audit_log_lost():
        status = _post(world, "conditions", body)
    assert status in FAILED
    assert not Condition.objects.filter(patient=world.clinic.alice, condition_id="hypertension").exists()
    assert _post(world, "conditions", body) == 201  # the same write goes through once the log is back
