"""The API's hot path stays short: the caller, its role and a patient's own record come with the token
in one query, and a diary day is written with one statement (no read-then-write, no read-back) that
on PostgreSQL also appends its audit event."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import Api, World

_ENVELOPE = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def _statements(captured: CaptureQueriesContext) -> list[str]:
    """The SQL that did work, without transaction and savepoint statements (these differ by database)."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(_ENVELOPE)]


def test_it_answers_an_authenticated_no_op_with_one_query(as_alice: Api, world: World) -> None:
    as_alice.get("/me")  # the first use stamps the token's last_used_at (then at most once a minute)
    with CaptureQueriesContext(connection) as captured:
        response = as_alice.get("/me")
    assert response.status_code == 200
    assert response.json()["role"] == "patient"
    (lookup,) = _statements(captured)
    assert "tokens_apitoken" in lookup
    assert "records_patient" in lookup
    assert "records_clinician" in lookup


def test_it_writes_a_patients_own_diary_day_and_its_audit_event_in_the_fewest_statements(
    as_alice: Api, world: World
) -> None:
    path = f"/patients/{world.clinic.alice.pk}/diary"
    as_alice.get("/me")  # the first use stamps the token's last_used_at
    with CaptureQueriesContext(connection) as captured:
        created = as_alice.post(path, {"date": "2026-01-10", "pain_average": 6, "note": "kept"})
    token, day, *rest = _statements(captured)
    assert "tokens_apitoken" in token
    assert "INSERT INTO" in day
    assert "ON CONFLICT" in day
    assert "RETURNING" in day
    if connection.vendor == "postgresql":  # the audit event rides in the day's own statement
        assert rest == []
        assert day.startswith("WITH")
        assert "accounts_auditevent" in day
    else:  # SQLite has no data-modifying WITH: one more statement, same transaction
        (audit,) = rest
        assert "accounts_auditevent" in audit

    updated = as_alice.post(path, {"date": "2026-01-10", "pain_average": 2})
    assert (created.status_code, updated.status_code) == (201, 200)
    assert (updated.json()["pain_average"], updated.json()["note"]) == (2, "kept")
    assert updated.json()["id"] == created.json()["id"]
