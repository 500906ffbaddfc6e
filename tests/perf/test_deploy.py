"""Production deployment: `check --deploy` is clean with the production environment, and gunicorn
started from deploy/gunicorn.conf.py answers /health and serves a static file (WhiteNoise)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def production_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="false",
        SECRET_KEY="production-test-" + "k3y-0f-en0ugh-length-and-var1ety-" * 2,
        HTTPS="true",
        ALLOWED_HOSTS="127.0.0.1,nervepath.example.org",
        NERVEPATH_HOME=str(home),
        STATIC_ROOT=str(home / "static"),
        NERVEPATH_COLLECTED_STATIC="true",
        DJANGO_SETTINGS_MODULE="nervepath.web.settings",
        CONN_MAX_AGE="60",
    )
    return env


def admin(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "django-admin"), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_it_passes_check_deploy_with_the_production_environment(tmp_path: Path) -> None:
    result = admin(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[str]:
    env = production_env(tmp_path)
    for step in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        assert admin(env, *step).returncode == 0
    port = free_port()
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str) -> tuple[int, bytes]:
    deadline = time.monotonic() + 30
    while True:
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_it_serves_health_and_static_files_from_gunicorn(gunicorn: str) -> None:
    status, body = wait_for(f"{gunicorn}/health")
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})
    status, body = get(f"{gunicorn}/static/nervepath/site.css")
    assert status == 200
    assert body.strip()
