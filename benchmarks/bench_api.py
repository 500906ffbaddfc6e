"""API under load: the diary write endpoint against a no-op authenticated endpoint (``/api/v1/me``),
and the no-op against a bare baseline (a plain Django JSON view with one indexed read, ``/bench/bare``
of ``benchmarks.baseline_urls``), all three on the same gunicorn server in the same run; and p95
latencies at 50 clients.

gunicorn (3 sync workers) listens on 127.0.0.1 only; wrk drives it for a fixed time per endpoint,
so every run stops by itself. The endpoints alternate three times; each figure is the median run.
Once on a fresh SQLite file, once on a throw-away PostgreSQL database on ``NERVEPATH_BENCH_POSTGRES``
(default postgresql://postgres@127.0.0.1:5432), created and dropped here. Targets (ratios,
so that they hold on a faster or a slower machine): write throughput >= 50 % of the no-op's, the
no-op's >= 50 % of the bare baseline's; p95 of the write < 100 ms.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).parent.parent
SERVER = os.environ.get("NERVEPATH_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
CLIENTS, SECONDS, WORKERS, ROUNDS = 50, 6, 3, 3
GUNICORN = str(Path(sys.executable).parent / "gunicorn")

_SETUP = """
import json
from nervepath.web.bootstrap import ensure_database
ensure_database()
from django.contrib.auth.models import User
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import Patient
user = User.objects.create_user("bench", password=None)
patient = Patient.objects.create(display_name="Bench", user=user)
print(json.dumps({"token": issue_token(user, "write")[1], "patient": patient.pk}))
"""

_LUA = """
wrk.method = "%(method)s"
wrk.headers["Authorization"] = "Bearer %(token)s"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  if wrk.method == "GET" then return wrk.format(nil, "%(path)s") end
  n = n + 1
  local day = os.date("!%%Y-%%m-%%d", os.time() - 86400 * (n %% 700 + 1))
  return wrk.format(nil, "%(path)s", nil, '{"date":"' .. day .. '","pain_average":' .. (n %% 11) .. '}')
end
done = function(summary, latency, requests)
  local e = summary.errors
  local bad = e.status + e.connect + e.read + e.timeout
  local p95 = latency:percentile(95)
  io.write(string.format("RESULT %%d %%d %%d %%d\\n", summary.requests, summary.duration, p95, bad))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _setup(env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _SETUP],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"setting up the benchmark database failed: {done.stderr[-600:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _wait_until_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def _wrk(base: str, path: str, method: str, token: str, folder: str) -> dict[str, float]:
    script = Path(folder) / f"{method}.lua"
    script.write_text(_LUA % {"method": method, "token": token, "path": path})
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CLIENTS}", f"-d{SECONDS}s", "--timeout", "5s", "-s", str(script), base + path],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    requests, micros, p95, bad = (int(v) for v in line.split()[1:])
    return {"rps": requests / (micros / 1e6), "p95_ms": p95 / 1000, "bad": bad}


def measure(label: str, env: dict[str, str]) -> list[dict[str, object]]:
    """Start gunicorn on the database chosen by ``env``, drive both endpoints, stop it."""
    seeded = _setup(env)
    port = _free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "nervepath.web.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/api/v1/openapi.json", time.monotonic() + 30)
        diary = f"/api/v1/patients/{seeded['patient']}/diary"
        bares, noops, writes = [], [], []
        with tempfile.TemporaryDirectory() as folder:
            # Alternate the endpoints and keep each one's median run: a shared machine's slow
            # moments then weigh on every side instead of deciding one figure.
            for _ in range(ROUNDS):
                bares.append(_wrk(base, "/bench/bare", "GET", str(seeded["token"]), folder))
                noops.append(_wrk(base, "/api/v1/me", "GET", str(seeded["token"]), folder))
                writes.append(_wrk(base, diary, "POST", str(seeded["token"]), folder))
        bare, noop, write = _median(bares), _median(noops), _median(writes)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return _rows(label, bare, noop, write)


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median throughput and median p95 of several runs; errors summed."""
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "p95_ms": statistics.median(r["p95_ms"] for r in runs),
        "bad": sum(r["bad"] for r in runs),
    }


def _rows(
    label: str, bare: dict[str, float], noop: dict[str, float], write: dict[str, float]
) -> list[dict[str, object]]:
    share = 100 * write["rps"] / noop["rps"]
    clean = noop["bad"] == 0 and write["bad"] == 0
    noop_share = 100 * noop["rps"] / bare["rps"]
    return [
        {
            "name": f"API no-op GET /me vs bare Django JSON view, {CLIENTS} clients ({label}; "
            f"{noop['rps']:.0f} vs {bare['rps']:.0f} req/s, non-2xx {int(noop['bad'] + bare['bad'])})",
            "target": ">= 50",
            "measured": round(noop_share, 1),
            "unit": "% of bare rate",
            "ok": noop_share >= 50 and noop["bad"] == 0 and bare["bad"] == 0,
        },
        {
            "name": f"API diary write vs no-op GET /me, {CLIENTS} clients ({label}; "
            f"{write['rps']:.0f} vs {noop['rps']:.0f} req/s, non-2xx {int(write['bad'] + noop['bad'])})",
            "target": ">= 50",
            "measured": round(share, 1),
            "unit": "% of no-op rate",
            "ok": share >= 50 and clean,
        },
        {
            "name": f"API diary write p95 latency, {CLIENTS} clients ({label})",
            "target": "< 100",
            "measured": round(write["p95_ms"], 1),
            "unit": "ms",
            "ok": write["p95_ms"] < 100,
        },
        {
            "name": f"API no-op GET /me p95 latency, {CLIENTS} clients ({label})",
            "target": "< 100",
            "measured": round(noop["p95_ms"], 1),
            "unit": "ms",
            "ok": noop["p95_ms"] < 100,
        },
    ]


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.baseline_settings",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }


def _postgres_rows(env: dict[str, str]) -> list[dict[str, object]]:
    try:
        import psycopg

        admin = psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3)
    except Exception:  # no server: the PostgreSQL rows are left out
        return []
    name = f"nervepath_bench_api_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return measure("postgresql", env | {"DATABASE_URL": f"{SERVER}/{name}"})
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def run() -> list[dict[str, object]]:
    if shutil.which("wrk") is None:
        return [
            {
                "name": "API load (needs wrk: apt-get install wrk)",
                "target": "runs",
                "measured": "wrk missing",
                "unit": "",
                "ok": False,
            }
        ]
    env = _base_env()
    with tempfile.TemporaryDirectory() as home:
        rows = measure("sqlite", env | {"NERVEPATH_HOME": home})
    return rows + _postgres_rows(env)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
