"""The pages that carry the pain chart: their server time on SQLite, with a demo clinic.

A child process builds a demo clinic (12 patients, two years of diary) in a throw-away data folder,
then times, through Django's test client after the production warm-up, the patient's own
"My treatments" page (``/treatments/``) and the clinician's patient page for each demo patient in
turn. The figures are the page's whole server CPU time (queries, chart and template), median and p95.
The server-drawn SVG, which only a browser without JavaScript asks for (``/treatments/chart.svg``, the
page's default period), is timed on its own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

PATIENTS = 12
YEARS = 2.0
REPEAT = 24


def _times(action: Callable[[int], object]) -> tuple[float, float]:
    """(median, p95) in CPU ms of ``action(i)`` for i in 0..REPEAT-1, after one warm-up call.

    CPU time of this process (the test client serves in-process), so that the other work on a shared
    machine moves the figures less than wall time would."""
    action(0)
    times = []
    for index in range(REPEAT):
        start = time.process_time()
        action(index)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def measure() -> dict[str, float]:
    """In the child, with NERVEPATH_HOME set to an empty folder: build the clinic, time the pages."""
    from nervepath.web.bootstrap import ensure_database

    ensure_database()
    from django.contrib.auth.models import User
    from django.test import Client

    from nervepath.web.demo import build_demo_clinic
    from nervepath.web.records.models import Patient
    from nervepath.web.warmup import warm_up

    build_demo_clinic(patients=PATIENTS, years=YEARS)
    warm_up()
    patient, doctor = Client(), Client()
    patient.force_login(User.objects.get(username="pat.demo"))
    doctor.force_login(User.objects.get(username="dr.demo"))
    mine = list(Patient.objects.filter(clinicians__user__username="dr.demo").values_list("pk", flat=True))

    def ok(client: Client, url: str) -> None:
        assert client.get(url).status_code == 200, url

    own_median, own_p95 = _times(lambda i: ok(patient, "/treatments/"))
    page_median, page_p95 = _times(lambda i: ok(doctor, f"/clinic/patients/{mine[i % len(mine)]}/"))
    svg_median, svg_p95 = _times(lambda i: ok(patient, "/treatments/chart.svg"))
    return {
        "own_median": own_median,
        "own_p95": own_p95,
        "page_median": page_median,
        "page_p95": page_p95,
        "svg_median": svg_median,
        "svg_p95": svg_p95,
    }


def _row(name: str, target: str, measured: float, ok: bool) -> dict[str, object]:
    return {"name": name, "target": target, "measured": round(measured, 1), "unit": "ms", "ok": ok}


def run() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="nervepath-bench-charts-") as home:
        env = {**os.environ, "NERVEPATH_HOME": home, "SECRET_KEY": "bench-only-key-" * 4}
        env.pop("DATABASE_URL", None)
        env["ALLOWED_HOSTS"] = "testserver"
        env["NERVEPATH_REQUIRE_TWO_FACTOR"] = "false"  # the second factor is not what is timed
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_charts", "measure"],
            env=env, capture_output=True, text=True, timeout=900, check=True,
        )  # fmt: skip
    got = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        _row("patient's treatments page median (sqlite)", "report", got["own_median"], True),
        _row("patient's treatments page p95 (sqlite)", "< 300", got["own_p95"], got["own_p95"] < 300),
        _row("clinician's patient page median (sqlite)", "report", got["page_median"], True),
        _row("clinician's patient page p95 (sqlite)", "< 300", got["page_p95"], got["page_p95"] < 300),
        _row("chart SVG without JavaScript median (sqlite)", "report", got["svg_median"], True),
        _row("chart SVG without JavaScript p95 (sqlite)", "< 300", got["svg_p95"], got["svg_p95"] < 300),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        print(json.dumps(measure()))
    else:
        for row in run():
            print(row)
