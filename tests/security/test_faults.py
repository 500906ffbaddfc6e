"""Faults, each bounded, on loopback only, stopping by itself:

- the server SIGKILLed in the middle of a burst of diary writes loses no acknowledged write;
- a database that cannot be reached gives a clear 503 (page or API JSON), and the app recovers
  when it is back;
- two clinicians changing the same trial from stale copies: the second gets a conflict, nothing
  is overwritten.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from nervepath.errors import Conflict
from nervepath.web.records.models import DoseStep, Trial
from nervepath.web.records.trials import change_dose, stop_trial
from tests.api.conftest import World
from tests.security.server import Server, free_port, prepare, request

WRITES = 200
KILL_AFTER = 80


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, object]]]:
    seed = prepare(tmp_path)
    running = Server(tmp_path, free_port()).start()
    try:
        yield running, seed
    finally:
        running.kill()


def stored_dates(home: Path) -> set[str]:
    with sqlite3.connect(home / "nervepath.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT date FROM records_diaryday")}


def test_it_loses_no_acknowledged_diary_write_when_the_server_is_killed(
    server: tuple[Server, dict[str, object]],
) -> None:
    running, seed = server
    url = f"{running.url}/api/v1/patients/{seed['patient']}/diary"
    acknowledged: list[str] = []
    lock, killed = threading.Lock(), threading.Event()

    def write(n: int) -> None:
        day = (date.today() - timedelta(days=n + 1)).isoformat()
        try:
            status, _ = request(url, {"date": day, "pain_average": n % 11}, str(seed["token"]))
        except OSError:
            return  # refused or cut off by the kill: never acknowledged
        with lock:
            if 200 <= status < 300:
                acknowledged.append(day)
            if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                killed.set()
                running.kill()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(WRITES)))
    assert killed.is_set()
    assert KILL_AFTER <= len(acknowledged) < WRITES
    running.start()
    assert set(acknowledged) <= stored_dates(running.home)
    assert request(url, token=str(seed["token"]))[0] == 200


def test_it_answers_503_while_the_embedded_database_is_gone_and_recovers(
    server: tuple[Server, dict[str, object]],
) -> None:
    running, seed = server
    url = f"{running.url}/api/v1/patients/{seed['patient']}/diary"
    token = str(seed["token"])
    away = running.home.with_name(running.home.name + "-away")
    shutil.move(running.home, away)
    try:
        api_status, api_body = request(url, token=token)
        # A session cookie makes the page look the visitor up in the database.
        page_status, page_body = request(running.url + "/today/", cookie="sessionid=" + "a" * 32)
    finally:
        shutil.move(away, running.home)
    assert api_status == 503
    assert json.loads(api_body)["error"]["code"] == "unavailable"
    assert page_status == 503
    assert b"temporarily unavailable" in page_body
    assert request(url, token=token)[0] == 200
    assert request(running.url + "/today/", cookie="sessionid=" + "a" * 32)[0] == 200  # the login page


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="points the PostgreSQL connection at a closed port"
)
def test_it_answers_503_while_postgresql_is_unreachable_and_recovers(
    transactional_db: None, world: World
) -> None:
    client = Client()
    client.force_login(world.user("alice"))
    api = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['alice']}"}
    diary = f"/api/v1/patients/{world.clinic.alice.pk}/diary"
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(free_port())  # nothing listens there
    try:
        page, answer = client.get("/today/"), client.get(diary, **api)
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert page.status_code == 503
    assert "temporarily unavailable" in page.content.decode()
    assert page["Retry-After"] == "30"
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "unavailable"
    assert client.get("/today/").status_code == 200
    assert client.get(diary, **api).status_code == 200


def test_it_refuses_a_change_made_from_a_stale_copy_of_a_trial(world: World) -> None:
    today = date.today()
    first, second = (
        Trial.objects.get(pk=world.trials["alice"].pk),
        Trial.objects.get(pk=world.trials["alice"].pk),
    )
    change_dose(first, today, 300)
    with pytest.raises(Conflict, match="changed by someone else"):
        stop_trial(second, today, "other")
    with pytest.raises(Conflict, match="changed by someone else"):
        change_dose(second, today, 75, expected_version=1)
    trial = Trial.objects.get(pk=first.pk)
    assert (trial.version, trial.stop_date) == (2, None)
    assert [s.daily_mg for s in DoseStep.objects.filter(trial=trial).order_by("date")] == [150, 300]


def test_it_tells_the_second_clinician_to_reload_instead_of_overwriting(world: World) -> None:
    trial = world.trials["alice"]
    bob, root = Client(), Client()
    bob.force_login(world.user("bob"))
    root.force_login(world.user("root"))
    page = reverse("pages:patient", args=[world.clinic.alice.pk])
    seen = [c.get(page).context["dose_forms"][trial.pk].initial["version"] for c in (bob, root)]
    assert seen == [1, 1]
    form = {"date": date.today().isoformat(), "version": 1}
    assert bob.post(reverse("pages:dose", args=[trial.pk]), form | {"daily_mg": 300}).status_code == 302
    stale = root.post(reverse("pages:dose", args=[trial.pk]), form | {"daily_mg": 75})
    assert stale.status_code == 400
    assert "changed by someone else; reload it" in stale.content.decode()
    assert [s.daily_mg for s in DoseStep.objects.filter(trial=trial).order_by("date")] == [150, 300]
