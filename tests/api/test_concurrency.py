"""Eight requests racing to start the same trial (or add the same medication) for one patient: one is
kept, seven are told 409 naming ``drug_id``, on both databases. The database's partial unique index
decides the race (``records/uniqueness.py``); the check in Python it replaces let 2 to 8 of the 8
through on PostgreSQL.

Each racer is a thread with its own database connection; a barrier releases them together. On
PostgreSQL they go through the API in this process (django's test Client on the test database). On
SQLite the test database lives in memory, shared by this process's threads under table locks that do
not wait, so the SQLite race runs against a real server instead: gunicorn (2 workers x 4 threads) on
a throwaway embedded database in WAL mode, where writers queue on the busy timeout (BEGIN IMMEDIATE).
There the writes were already serialised before the index; the test keeps it so.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import Model

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.application import prescribing
from nervepath.web.records.models import Medication, Trial
from tests.api.conftest import Api, World
from tests.security.server import Server, free_port, request, server_env

RACERS = 8
WAIT = 60  # seconds; a racer that hangs fails the test instead of the run
START = (date.today() - timedelta(days=3)).isoformat()
TRIAL = {"drug_id": "duloxetine", "start_date": START, "daily_mg": 30}
MEDICATION = {"drug_id": "metformin", "daily_dose": 500}

Answer = tuple[int, dict[str, Any]]


def race(send: Callable[[], Answer]) -> list[Answer]:
    """``send`` in RACERS threads released together by a barrier; their answers, in any order."""
    gate = threading.Barrier(RACERS, timeout=WAIT)
    answers: list[Answer] = []
    failures: list[BaseException] = []

    def racer() -> None:
        try:
            gate.wait()
            answers.append(send())
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=racer) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in threads), "a racer did not finish"
    assert not failures, failures
    return answers


def assert_one_kept(answers: list[Answer]) -> int:
    """One 201 and seven 409s naming ``drug_id`` in the API's error shape; returns the kept row's id."""
    assert sorted(status for status, _ in answers) == [201] + [409] * (RACERS - 1)
    refusals = [body["error"] for status, body in answers if status == 409]
    assert {(error["code"], error["field"]) for error in refusals} == {("conflict", "drug_id")}
    return next(int(body["id"]) for status, body in answers if status == 201)


# --- PostgreSQL: the API in this process ------------------------------------------------------


@contextmanager
def abreast_at_insert(model: type[Model]) -> Iterator[None]:
    """Hold each racer at its insert of a ``model`` row until all have reached theirs, then let them go.

    Each is then inside its transaction and past any check made before the insert: the widest window
    a race can have, so a check-then-insert fails every time (left to chance, it let 2 to 8 of 8
    through on PostgreSQL), while the unique index keeps one whatever the timing.
    """
    create, gate = model.objects.create, threading.Barrier(RACERS, timeout=WAIT)

    def held(**values: Any) -> Any:
        gate.wait()
        return create(**values)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model.objects, "create", held)
        # The prescribing checks lock the patient's row, which would let only one racer reach its
        # insert at a time (and the gate never fill): without that lock, the unique index alone must
        # keep one.
        patch.setattr(prescribing, "lock_patient", lambda patient: None)
        yield


def in_process(world: World, what: str, body: dict[str, Any]) -> Callable[[], Answer]:
    def send() -> Answer:
        response = Api(world.tokens["bob"]).post(f"/patients/{world.clinic.alice.pk}/{what}", body)
        return response.status_code, response.json()

    return send


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database does not let threads wait for its lock; raced below on a server",
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_starts_one_trial_when_eight_requests_race(world: World) -> None:
    with abreast_at_insert(Trial):
        kept = assert_one_kept(race(in_process(world, "trials", TRIAL)))
    running = Trial.objects.filter(patient=world.clinic.alice, drug_id="duloxetine", stop_date=None)
    assert list(running.values_list("pk", flat=True)) == [kept]
    assert running.get().doses.count() == 1
    events = AuditEvent.objects.filter(action="change", object_type="trial").exclude(
        object_id=str(world.trials["alice"].pk)
    )
    assert list(events.values_list("object_id", flat=True)) == [str(kept)]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_patient_lock_lets_one_of_eight_racing_trial_starts_through(world: World) -> None:
    # With the prescribing checks' row lock in place, the racers queue: the first writes, the next
    # ones see its trial (a running trial of duloxetine) and are refused, before any insert.
    kept = assert_one_kept(race(in_process(world, "trials", TRIAL)))
    running = Trial.objects.filter(patient=world.clinic.alice, drug_id="duloxetine", stop_date=None)
    assert list(running.values_list("pk", flat=True)) == [kept]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_adds_one_medication_when_eight_requests_race(world: World) -> None:
    with abreast_at_insert(Medication):
        kept = assert_one_kept(race(in_process(world, "medications", MEDICATION)))
    current = Medication.objects.filter(patient=world.clinic.alice, drug_id="metformin", stop_date=None)
    assert list(current.values_list("pk", flat=True)) == [kept]
    events = AuditEvent.objects.filter(action="change", object_type="medication").exclude(
        object_id=str(world.medications["alice"].pk)
    )
    assert list(events.values_list("object_id", flat=True)) == [str(kept)]


# --- SQLite: a real server on an embedded database ----------------------------------------------

SETUP = """
import json, django
django.setup()
from django.contrib.auth.models import User
from django.core.management import call_command
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import CareLink, Clinician, Patient
call_command("migrate", verbosity=0)
user = User.objects.create_user("race-clinician")
clinician = Clinician.objects.create(display_name="Dr Race", user=user)
patient = Patient.objects.create(display_name="Race Patient")
CareLink.objects.create(clinician=clinician, patient=patient)
print(json.dumps({"patient": patient.pk, "token": issue_token(user, "write")[1]}))
"""


needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite run races the embedded database; this one raced above"
)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Any]]]:
    home = tmp_path_factory.mktemp("race-home")
    made = subprocess.run(
        [sys.executable, "-c", SETUP], env=server_env(home), capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    running = Server(home, free_port()).start()
    try:
        yield running, json.loads(made.stdout.strip().splitlines()[-1])
    finally:
        running.kill()


def over_http(server: tuple[Server, dict[str, Any]], what: str, body: dict[str, Any]) -> Callable[[], Answer]:
    running, seed = server

    def send() -> Answer:
        url = f"{running.url}/api/v1/patients/{seed['patient']}/{what}"
        status, answer = request(url, body, str(seed["token"]), timeout=WAIT)
        return status, json.loads(answer)

    return send


def stored(home: Path, sql: str, *params: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "nervepath.sqlite3") as db:
        return db.execute(sql, params).fetchall()


def changed(home: Path, object_type: str) -> list[tuple[Any, ...]]:
    """The ids of the ``object_type`` rows the audit log says were changed."""
    sql = "SELECT object_id FROM accounts_auditevent WHERE action = 'change' AND object_type = ?"
    return stored(home, sql, object_type)


@needs_sqlite
def test_it_starts_one_trial_when_eight_requests_race_on_the_embedded_database(
    embedded: tuple[Server, dict[str, Any]],
) -> None:
    kept = assert_one_kept(race(over_http(embedded, "trials", TRIAL)))
    home = embedded[0].home
    assert stored(home, "SELECT id FROM records_trial WHERE stop_date IS NULL") == [(kept,)]
    assert stored(home, "SELECT trial_id FROM records_dosestep") == [(kept,)]
    assert changed(home, "trial") == [(str(kept),)]


@needs_sqlite
def test_it_adds_one_medication_when_eight_requests_race_on_the_embedded_database(
    embedded: tuple[Server, dict[str, Any]],
) -> None:
    kept = assert_one_kept(race(over_http(embedded, "medications", MEDICATION)))
    home = embedded[0].home
    assert stored(home, "SELECT id FROM records_medication WHERE stop_date IS NULL") == [(kept,)]
    assert changed(home, "medication") == [(str(kept),)]
