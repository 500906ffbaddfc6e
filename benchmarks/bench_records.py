"""Records: bulk diary import vs raw executemany, and the outcome summary, on SQLite and PostgreSQL.

Each database runs in its own process (Django settings are fixed per process): a fresh SQLite file
in a temporary home, and - when a server answers on ``NERVEPATH_BENCH_POSTGRES`` (default
postgresql://postgres@127.0.0.1:5432) - a throw-away PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = 3650  # ten years of daily entries
SERVER = os.environ.get("NERVEPATH_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


def _csv(path: Path) -> list[tuple[date, int, int, int, str]]:
    first = date.today() - timedelta(days=ROWS)
    rows = [(first + timedelta(days=i), i % 11, min(10, i % 11 + 2), i % 7, f"day {i}") for i in range(ROWS)]
    lines = ["date,pain_average,pain_worst,sleep_interference,note"]
    lines += [f"{d.isoformat()},{a},{w},{s},{n}" for d, a, w, s, n in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def measure(label: str) -> list[dict[str, object]]:
    """Runs inside the child process, with the database chosen by the environment."""
    from nervepath.web.bootstrap import ensure_database

    ensure_database()
    from django.db import connection
    from django.utils import timezone

    from nervepath.web.records.diary import import_diary_csv
    from nervepath.web.records.patients import add_patient
    from nervepath.web.records.status import patient_status
    from nervepath.web.records.trials import start_trial

    with tempfile.TemporaryDirectory() as folder:
        rows = _csv(Path(folder) / "diary.csv")
        ours, raw = add_patient("Bench"), add_patient("Raw")
        started = time.perf_counter()
        import_diary_csv(ours, Path(folder) / "diary.csv")
        ours_s = time.perf_counter() - started
    now = timezone.now()
    values = [(raw.pk, d, a, w, s, n, "[]", "[]", now, now) for d, a, w, s, n in rows]
    sql = (
        "INSERT INTO records_diaryday (patient_id, date, pain_average, pain_worst, sleep_interference, note, "
        "qualities, triggers, created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    raw_s = time.perf_counter() - started
    start_trial(ours, "pregabalin", rows[ROWS // 2][0], 300)
    patient_status(ours)  # warm the data-file caches once, as a running app would have them
    started = time.perf_counter()
    patient_status(ours)
    summary_ms = (time.perf_counter() - started) * 1000
    share = 100 * raw_s / ours_s
    return [
        {
            "name": f"diary import, {ROWS} rows ({label}) vs raw executemany",
            "target": ">= 20",
            "measured": round(share, 1),
            "unit": "% of raw rate",
            "ok": share >= 20,
        },
        {
            "name": f"outcome summary, {ROWS} days ({label})",
            "target": "< 50",
            "measured": round(summary_ms, 1),
            "unit": "ms",
            "ok": summary_ms < 50,
        },
    ]


def _child(label: str, env: dict[str, str]) -> list[dict[str, object]]:
    code = f"import json, benchmarks.bench_records as b; print(json.dumps(b.measure({label!r})))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent.parent,
        timeout=600,
    )
    if done.returncode != 0:
        return [
            {
                "name": f"records benchmark ({label})",
                "target": "runs",
                "measured": done.stderr[-300:],
                "unit": "",
                "ok": False,
            }
        ]
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def _postgres_rows(env: dict[str, str]) -> list[dict[str, object]]:
    try:
        import psycopg

        admin = psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3)
    except Exception:  # no server: the PostgreSQL rows are simply left out
        return []
    name = f"nervepath_bench_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return _child("postgresql", env | {"DATABASE_URL": f"{SERVER}/{name}"})
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def run() -> list[dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    with tempfile.TemporaryDirectory() as home:
        rows = _child("sqlite", env | {"NERVEPATH_HOME": home})
    return rows + _postgres_rows(env)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
