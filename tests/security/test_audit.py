"""Every read and change of a patient's record leaves one audit event: who, what, when, from where.

The log is append-only for the application (model) and, on PostgreSQL, for the database too; a
patient sees the events of their own record, an admin every event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from nervepath.errors import Conflict
from nervepath.web.accounts.models import AuditEvent
from tests.api.conftest import Api, World

TODAY = date.today()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()


def as_user(world: World, name: str) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.force_login(world.user(name))
    return client


def one_event(call: Callable[[], Any]) -> AuditEvent:
    """Run ``call`` and return the single audit event it wrote (fails on none or several)."""
    before = AuditEvent.objects.count()
    response = call()
    assert response.status_code < 400, response.content[:300]
    assert AuditEvent.objects.count() == before + 1
    return AuditEvent.objects.order_by("-pk").first()  # type: ignore[return-value]


def web_visits(world: World) -> list[tuple[str, str, str, Callable[[Client], Any]]]:
    """(persona, action, label, request) for every page that reads or changes alice's record."""
    trial, response = world.trials["alice"], world.responses["alice"]
    patient = world.clinic.alice.pk
    return [
        ("alice", "read", "today", lambda c: c.get(reverse("pages:today"))),
        (
            "alice",
            "change",
            "diary",
            lambda c: c.post(reverse("pages:today"), {"date": YESTERDAY, "pain_average": 5}),
        ),
        ("alice", "read", "treatments", lambda c: c.get(reverse("pages:treatments"))),
        ("alice", "read", "plan", lambda c: c.get(reverse("pages:plan"))),
        ("alice", "read", "check", lambda c: c.get(reverse("pages:check"))),
        ("alice", "read", "result", lambda c: c.get(reverse("pages:check_result", args=[response.pk]))),
        ("alice", "read", "export", lambda c: c.get(reverse("accounts:export"))),
        ("bob", "read", "patient", lambda c: c.get(reverse("pages:patient", args=[patient]))),
        ("bob", "read", "result", lambda c: c.get(reverse("pages:check_result", args=[response.pk]))),
        (
            "bob",
            "change",
            "start",
            lambda c: c.post(
                reverse("pages:start_trial", args=[patient]),
                {"drug": "duloxetine", "daily_mg": 30, "start": TODAY.isoformat()},
            ),
        ),
        (
            "bob",
            "change",
            "dose",
            lambda c: c.post(
                reverse("pages:dose", args=[trial.pk]),
                {"daily_mg": 300, "date": TODAY.isoformat(), "version": 1},
            ),
        ),
        (
            "bob",
            "change",
            "stop",
            lambda c: c.post(
                reverse("pages:stop", args=[trial.pk]),
                {"because": "other", "date": TODAY.isoformat(), "version": 2, "confirm": "1"},
            ),
        ),
        (
            "bob",
            "change",
            "assign",
            lambda c: c.post(reverse("pages:assign", args=[patient]), {"instrument": "phq9"}),
        ),
    ]


def test_it_writes_one_audit_event_per_patient_record_page(world: World) -> None:
    clients = {name: as_user(world, name) for name in ("alice", "bob")}
    for persona, action, label, visit in web_visits(world):
        event = one_event(lambda: visit(clients[persona]))  # noqa: B023 (called at once)
        seen = (event.username, event.action, event.patient_id, event.ip)
        assert seen == (persona, action, world.clinic.alice.pk, "203.0.113.7"), label
        assert event.user == world.user(persona)
        assert event.object_type


def api_visits(world: World) -> list[tuple[str, str, Callable[[Api], Any]]]:
    """(action, label, request) for every API operation on alice's record, made by bob."""
    trial, response = world.trials["alice"], world.responses["alice"]
    p = f"/patients/{world.clinic.alice.pk}"
    t = f"/trials/{trial.pk}"
    today = TODAY.isoformat()
    return [
        ("read", "patient", lambda a: a.get(p)),
        ("read", "diary", lambda a: a.get(p + "/diary")),
        ("change", "diary write", lambda a: a.post(p + "/diary", {"date": today, "pain_average": 4})),
        ("read", "questionnaires", lambda a: a.get(p + "/questionnaires")),
        (
            "change",
            "questionnaire",
            lambda a: a.post(p + "/questionnaires", {"instrument_id": "phq9", "answers": [0] * 9}),
        ),
        ("read", "questionnaire", lambda a: a.get(f"/questionnaires/{response.pk}")),
        ("read", "trials", lambda a: a.get(p + "/trials")),
        ("read", "trial", lambda a: a.get(t)),
        ("change", "dose", lambda a: a.post(t + "/doses", {"date": today, "daily_mg": 300})),
        ("change", "decide", lambda a: a.post(t + "/decisions", {"date": today, "decision": "continue"})),
        ("change", "stop", lambda a: a.post(t + "/stop", {"date": today, "because": "other"})),
        (
            "change",
            "start",
            lambda a: a.post(p + "/trials", {"drug_id": "duloxetine", "start_date": today, "daily_mg": 30}),
        ),
        ("read", "conditions", lambda a: a.get(p + "/conditions")),
        ("read", "medications", lambda a: a.get(p + "/medications")),
        ("read", "care plan", lambda a: a.get(p + "/care-plan")),
        ("read", "fhir", lambda a: a.get(p + "/fhir")),
    ]


def test_it_writes_one_audit_event_per_api_read_and_change(world: World) -> None:
    api = Api(world.tokens["bob"])
    for action, label, visit in api_visits(world):
        event = one_event(lambda: visit(api))  # noqa: B023 (called at once)
        assert (event.username, event.action, event.patient_id) == ("bob", action, world.clinic.alice.pk), (
            label
        )
        assert event.ip == "127.0.0.1"


def test_it_writes_no_audit_event_for_a_refused_request(world: World) -> None:
    carol = as_user(world, "carol")
    before = AuditEvent.objects.count()
    assert carol.get(reverse("pages:patient", args=[world.clinic.alice.pk])).status_code == 404
    assert Api(world.tokens["carol"]).get(f"/patients/{world.clinic.alice.pk}/diary").status_code == 404
    assert AuditEvent.objects.count() == before


def test_it_refuses_to_change_or_delete_an_audit_event_through_the_application(world: World) -> None:
    event = one_event(lambda: as_user(world, "alice").get(reverse("pages:plan")))
    event.object_type = "something else"
    with pytest.raises(Conflict, match="append-only"):
        event.save()
    with pytest.raises(Conflict, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).object_type == "care_plan"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database-level guard is PostgreSQL's")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_auditevent SET object_type = 'x' WHERE id = %s",
        "UPDATE accounts_auditevent SET user_id = NULL, username = '' WHERE id = %s",
        "DELETE FROM accounts_auditevent WHERE id = %s",
    ],
)
def test_it_refuses_raw_sql_that_rewrites_the_audit_log_on_postgresql(world: World, sql: str) -> None:
    event = one_event(lambda: as_user(world, "alice").get(reverse("pages:plan")))
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).username == "alice"


def test_it_shows_a_patient_who_looked_at_their_record(world: World) -> None:
    as_user(world, "bob").get(reverse("pages:patient", args=[world.clinic.alice.pk]))
    as_user(world, "bob").get(reverse("pages:patient", args=[world.clinic.alice.pk]))
    Api(world.tokens["dave"]).get(f"/patients/{world.clinic.dave.pk}")
    page = as_user(world, "alice").get(reverse("accounts:access_log"))
    assert page.status_code == 200
    rows = list(page.context["page"].object_list)
    assert [(e.username, e.action) for e in rows] == [("bob", "read"), ("bob", "read")]
    assert b"203.0.113.7" in page.content
    assert b"dave" not in page.content


def test_it_shows_the_whole_audit_log_to_admins_only(world: World) -> None:
    as_user(world, "bob").get(reverse("pages:patient", args=[world.clinic.alice.pk]))
    Api(world.tokens["dave"]).get(f"/patients/{world.clinic.dave.pk}")
    root = as_user(world, "root").get(reverse("accounts:audit_log"), {"patient": world.clinic.dave.pk})
    assert [e.username for e in root.context["page"].object_list] == ["dave"]
    for persona in ("alice", "bob", "carol"):
        assert as_user(world, persona).get(reverse("accounts:audit_log")).status_code == 404
