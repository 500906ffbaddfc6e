"""Logs: a server error and a security event each leave one JSON line with the request id and
nothing of the health record (no body, no query string).

In-process tests put a handler built like the one of ``settings.LOGGING`` on the loggers; one test
runs a fresh process with production settings and reads what it wrote to stderr.
"""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from nervepath.web import security_log
from nervepath.web.security_log import JsonFormatter, RequestIdFilter, security_event
from tests.security.conftest import PASSWORD
from tests.security.test_headers import production_env
from tests.web.conftest import Clinic

SECRET = "burning-feet-at-night"  # stands for anything of a record that must stay out of the log


class Lines:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def all(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def of(self, logger: str) -> list[dict[str, Any]]:
        return [line for line in self.all() if line["logger"] == logger]


@pytest.fixture
def log_lines() -> Iterator[Lines]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security", "nervepath")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield Lines(stream)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def test_it_configures_json_lines_on_stderr_for_errors_and_security_events() -> None:
    config = django_settings.LOGGING
    assert config["handlers"]["stderr"]["stream"] == "ext://sys.stderr"
    assert config["handlers"]["stderr"]["formatter"] == "json"
    assert config["loggers"]["django.request"]["level"] == "ERROR"
    assert config["loggers"]["django.security"]["handlers"] == ["stderr"]
    assert config["loggers"]["nervepath"]["handlers"] == ["stderr"]


def test_a_view_that_raises_logs_one_error_with_its_traceback_and_request_id(
    clinic: Clinic, log_lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the knowledge base is broken")

    monkeypatch.setattr("nervepath.web.pages.views.learn.search", broken)
    response = Client(raise_request_exception=False).get(reverse("pages:learn"), {"q": SECRET})
    assert response.status_code == 500
    errors = [line for line in log_lines.all() if line["level"] == "ERROR"]
    assert len(errors) == 1
    error = errors[0]
    assert error["logger"] == "django.request"
    assert error["status"] == 500
    assert error["request_id"] == response["X-Request-ID"]
    assert error["exception"] == "RuntimeError"
    assert "the knowledge base is broken" in error["traceback"]
    assert SECRET not in log_lines.stream.getvalue()  # the query string stays out


def test_a_refused_record_logs_a_security_event(clinic: Clinic, log_lines: Lines) -> None:
    client = Client()
    client.force_login(clinic.dave.user)
    response = client.get(reverse("pages:check_result", args=[999_999]))
    assert response.status_code == 404
    [event] = log_lines.of("nervepath.security")
    assert event["event"] == "access_refused"
    assert event["status"] == 404
    assert event["user_id"] == clinic.dave.user.pk
    assert event["url_name"] == "pages:check_result"
    assert event["request_id"] == response["X-Request-ID"]
    assert event["level"] == "WARNING"


def test_a_refused_api_write_logs_a_security_event_without_its_body(clinic: Clinic, log_lines: Lines) -> None:
    client = Client()
    client.force_login(clinic.dave.user)
    url = reverse("api:diary_write", kwargs={"patient_id": clinic.alice.pk})
    response = client.post(
        url, {"date": "2024-01-01", "pain_average": 4, "note": SECRET}, content_type="application/json"
    )
    assert response.status_code == 404, response.content
    [event] = log_lines.of("nervepath.security")
    assert (event["event"], event["method"], event["status"]) == ("access_refused", "POST", 404)
    assert event["url_name"] in {
        "api:diary_list",
        "api:diary_write",
    }  # one path, named by its first operation
    assert SECRET not in log_lines.stream.getvalue()


def test_a_page_that_answers_logs_no_security_event(clinic: Clinic, log_lines: Lines) -> None:
    client = Client()
    client.force_login(clinic.alice.user)
    assert client.get(reverse("pages:today")).status_code == 200
    assert log_lines.of("nervepath.security") == []


def test_a_lockout_logs_a_security_event(clinic: Clinic, log_lines: Lines) -> None:
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "bob", "password": "wrong-password"})
    assert response.status_code == 429
    events = [line for line in log_lines.of("nervepath.security") if line["event"] == "login_locked_out"]
    assert len(events) == 1
    assert events[0]["username"] == "bob"
    assert events[0]["client"] == "127.0.0.1"
    assert PASSWORD["bob"] not in log_lines.stream.getvalue()


def test_a_helper_logs_an_event_with_its_fields_for_the_second_factor(log_lines: Lines, rf: Any) -> None:
    request = rf.post("/accounts/login/code/", REMOTE_ADDR="203.0.113.7")
    security_event("two_factor_failed", request, failures=3)
    [event] = log_lines.of(security_log.SECURITY_LOGGER)
    assert (event["event"], event["failures"], event["client"], event["method"]) == (
        "two_factor_failed",
        3,
        "203.0.113.7",
        "POST",
    )
    assert event["request_id"] is None  # outside the middleware


def test_it_returns_the_request_id_and_keeps_a_trusted_proxys_own(settings: Any) -> None:
    first, second = Client().get("/learn/"), Client().get("/learn/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    forged = Client().get("/learn/", HTTP_X_REQUEST_ID="chosen-by-the-caller")
    assert forged["X-Request-ID"] != "chosen-by-the-caller"
    settings.NERVEPATH_TRUSTED_PROXIES = ["127.0.0.1"]
    proxied = Client().get("/learn/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert proxied["X-Request-ID"] == "nginx-0123456789abcdef"


PROBE = """
import django
django.setup()
from django.test import Client
import nervepath.web.pages.views.learn as learn
def broken(*args, **kwargs):
    raise RuntimeError("the knowledge base is broken")
learn.search = broken
client = Client(raise_request_exception=False)
response = client.get("/learn/?q={secret}", secure=True, HTTP_HOST="nervepath.example.org")
print(response.status_code, response["X-Request-ID"])
"""


def test_it_writes_the_traceback_to_stderr_as_json_with_production_settings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(secret=SECRET)],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    status, request_id = result.stdout.split()
    assert status == "500"
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1, result.stderr
    assert errors[0]["request_id"] == request_id
    assert "RuntimeError: the knowledge base is broken" in errors[0]["traceback"]
    assert SECRET not in result.stderr
