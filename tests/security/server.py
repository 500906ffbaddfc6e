"""A real nervepath server for the fault tests: gunicorn on 127.0.0.1 with a throwaway home
(embedded SQLite in WAL mode), started in its own process group so a test can SIGKILL all of it.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
SETUP = """
import json, django
django.setup()
from django.contrib.auth.models import User
from django.core.management import call_command
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records.models import Patient
call_command("migrate", verbosity=0)
user = User.objects.create_user("fault-patient", password="fault-patient-password")
patient = Patient.objects.create(display_name="Fault Patient", user=user)
print(json.dumps({"patient": patient.pk, "token": issue_token(user, "write")[1]}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(home: Path) -> dict[str, str]:
    """The environment of a production-like embedded install (never the test run's PostgreSQL)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "HTTPS", "DEBUG"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "nervepath.web.settings",
        "NERVEPATH_HOME": str(home),
        "SECRET_KEY": "fault-tests-secret-key-" + "x" * 40,
        "DEBUG": "false",
    }


def prepare(home: Path) -> dict[str, Any]:
    """Migrate a new database in ``home`` with one patient; returns its id and a write token."""
    result = subprocess.run(
        [sys.executable, "-c", SETUP],
        env=server_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@dataclass
class Server:
    home: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        args = [str(BIN / "gunicorn"), "nervepath.web.wsgi:application", "--bind", f"127.0.0.1:{self.port}"]
        args += ["--workers", "2", "--threads", "4", "--timeout", "30", "--log-level", "warning"]
        with (self.home / "server.log").open("ab") as log:  # the server keeps its own copy of the handle
            self.process = subprocess.Popen(
                args, env=server_env(self.home), stdout=log, stderr=log, start_new_session=True
            )
        self._wait_ready()
        return self

    def _wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if request(self.url + "/learn/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.kill()
        raise RuntimeError("the server did not start: " + (self.home / "server.log").read_text()[-2000:])

    def kill(self) -> None:
        """SIGKILL the server and its workers (their own process group), then reap it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        if self.process is not None:
            _reap_group(self.process.pid)
        self.process = None


def _reap_group(pgid: int) -> None:
    # Workers orphaned by a SIGKILLed master are in the same group; make sure none is left.
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return


def request(
    url: str, body: object = None, token: str = "", timeout: float = 10, cookie: str = ""
) -> tuple[int, bytes]:
    """(status, body) of one GET (or POST of JSON when ``body`` is given); raises OSError if unreachable."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    if cookie:
        headers["Cookie"] = cookie
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            try:
                return answer.status, answer.read()
            except http.client.IncompleteRead as cut:
                # The status line arrived, so the server had finished the request: it counts.
                return answer.status, cut.partial
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()
