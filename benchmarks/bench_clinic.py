"""Clinic scale on PostgreSQL: demo generation, patient list, patient page, clinic outcomes, growth.

For each size (200 and 2,000 patients, two years of diary each) a child process creates the
throw-away database ``nervepath_bench_<pid>_<patients>`` on ``NERVEPATH_BENCH_POSTGRES`` (default
postgresql://postgres@127.0.0.1:5432), builds the demo clinic (COPY), then, in a fresh child
process as a server worker would be, times requests through Django's test client as Dr. Demo
(about 200 patients at either size) and as the admin (the whole clinic, for the outcomes view),
and drops the database. Growth = time at 2,000 / time at 200.

The patient page is timed once for each of 40 different patients (no two requests show the same
record). The outcomes view serves a stored snapshot (see ``nervepath.web.pages.views.outcomes``):
its p95 is the view as clinicians meet it through the day, and "outcomes recompute" times the
computation itself (the first view of a day, a changed trial, or "Recompute now"), reported with its
own growth so the cost behind the snapshot stays visible.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

SERVER = os.environ.get("NERVEPATH_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
SIZES = (200, 2000)
YEARS = 2.0
REPEAT = 20
PAGES = 40


def _p95(action: Callable[[int], Any], repeat: int = REPEAT) -> float:
    """p95 in ms of ``action(i)`` for i in 0..repeat-1, after one warm-up call (templates, data files)."""
    action(repeat)
    times = []
    for index in range(repeat):
        start = time.perf_counter()
        action(index)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def build(patients: int) -> dict[str, float]:
    """Child process 1, on the database named by DATABASE_URL: create the demo clinic."""
    from nervepath.web.bootstrap import ensure_database

    ensure_database()
    from nervepath.web.demo import build_demo_clinic

    start = time.perf_counter()
    clinic = build_demo_clinic(patients=patients, years=YEARS)
    return {"build_s": time.perf_counter() - start, "diary_rows": clinic.diary_days}


def measure() -> dict[str, float]:
    """Child process 2: time the pages in a fresh process, as a server worker would serve them
    (the builder's heap of a million generated rows would otherwise slow every garbage collection)."""
    from nervepath.web.bootstrap import ensure_database

    ensure_database()
    from django.contrib.auth.models import User
    from django.test import Client

    from nervepath.web.records.models import Patient
    from nervepath.web.warmup import warm_up

    warm_up()  # as nervepath.web.wsgi does in every production worker
    doctor, admin = Client(), Client()
    doctor.force_login(User.objects.get(username="dr.demo"))
    admin.force_login(User.objects.get(username="admin.demo"))
    mine = list(
        Patient.objects.filter(clinicians__user__username="dr.demo")
        .order_by("pk")
        .values_list("pk", flat=True)[: PAGES + 1]
    )

    def ok(client: Client, url: str, method: str = "get", status: int = 200) -> None:
        assert getattr(client, method)(url).status_code == status, url

    return {
        "list_ms": _p95(lambda i: ok(doctor, "/clinic/"), repeat=PAGES),
        "page_ms": _p95(lambda i: ok(doctor, f"/clinic/patients/{mine[i]}/"), repeat=PAGES),
        "outcomes_ms": _p95(lambda i: ok(admin, "/clinic/outcomes/")),
        "recompute_ms": _p95(lambda i: ok(admin, "/clinic/outcomes/", "post", 302), repeat=5),
    }


def _child(patients: int) -> dict[str, float]:
    import psycopg

    name = f"nervepath_bench_{os.getpid()}_{patients}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{name}", "SECRET_KEY": "bench-only-key-" * 4}
    env["ALLOWED_HOSTS"] = "testserver"
    env.setdefault("DJANGO_SETTINGS_MODULE", "nervepath.web.settings")
    try:
        return _step(env, "build", str(patients)) | _step(env, "measure")
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _step(env: dict[str, str], *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_clinic", *args],
        env=env, capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _row(name: str, target: str, measured: float, unit: str, ok: bool) -> dict[str, object]:
    return {"name": name, "target": target, "measured": round(measured, 2), "unit": unit, "ok": ok}


def run() -> list[dict[str, object]]:
    small, big = (_child(size) for size in SIZES)
    rows = [
        _row("demo 2000 patients x 2 y (COPY)", "< 300", big["build_s"], "s", big["build_s"] < 300),
        _row("demo diary rows", "~1.2-1.5 M", big["diary_rows"], "rows", big["diary_rows"] > 1_000_000),
        _row("patient list p95 (2000)", "< 150", big["list_ms"], "ms", big["list_ms"] < 150),
        _row("patient page p95 (2000)", "< 150", big["page_ms"], "ms", big["page_ms"] < 150),
        _row(
            "clinic outcomes p95 (2000, admin)", "< 1000", big["outcomes_ms"], "ms", big["outcomes_ms"] < 1000
        ),
        _row(
            "outcomes recompute p95 (2000, admin)",
            "< 1000",
            big["recompute_ms"],
            "ms",
            big["recompute_ms"] < 1000,
        ),
    ]
    labels = {"list_ms": "patient list", "page_ms": "patient page", "outcomes_ms": "outcomes"}
    for key, label in labels.items():
        growth = big[key] / small[key]
        rows.append(_row(f"{label} growth 200->2000 patients", "<= 2", growth, "x", growth <= 2))
    growth = big["recompute_ms"] / small["recompute_ms"]
    # Reported, not a target: the computation behind the snapshot reads every trial of the clinic.
    rows.append(_row("outcomes recompute growth 200->2000 (whole clinic)", "report", growth, "x", True))
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        print(json.dumps(build(int(sys.argv[2]))))
    elif sys.argv[1:2] == ["measure"]:
        print(json.dumps(measure()))
    else:
        for row in run():
            print(row)
