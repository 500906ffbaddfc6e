"""Production settings and response headers: checked in a fresh process with production
environment variables (DEBUG off, a long random SECRET_KEY, ALLOWED_HOSTS, HTTPS=true), as a
deployment would run, not by overriding settings inside the test process.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

HOST = "nervepath.example.org"
PROBE = f"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/accounts/login/", secure=True, HTTP_HOST="{HOST}")
print(json.dumps({{"status": response.status_code, "headers": dict(response.headers),
                  "cookies": {{k: dict(v) for k, v in response.cookies.items()}},
                  "session_cookie_secure": settings.SESSION_COOKIE_SECURE}}))
"""


def production_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "nervepath.web.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "HTTPS": "true",
        "NERVEPATH_HOME": str(home),
    }


def run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=production_env(home), capture_output=True, text=True, timeout=120, check=False
    )


def test_it_passes_djangos_deployment_checks_with_production_settings(tmp_path: Path) -> None:
    django_admin = Path(sys.executable).with_name("django-admin")
    result = run([str(django_admin), "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_fails_the_deployment_checks_with_a_short_secret_key(tmp_path: Path) -> None:
    django_admin = Path(sys.executable).with_name("django-admin")
    env = production_env(tmp_path) | {"SECRET_KEY": "short"}
    result = subprocess.run(
        [str(django_admin), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.fixture(scope="module")
def production_response(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    result = run([sys.executable, "-c", PROBE], tmp_path_factory.mktemp("home"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_it_sends_the_security_headers_in_production(production_response: dict[str, object]) -> None:
    headers: dict[str, str] = production_response["headers"]  # type: ignore[assignment]
    assert production_response["status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_sends_a_content_security_policy_without_inline_scripts(
    production_response: dict[str, object],
) -> None:
    policy = dict(
        part.strip().split(" ", 1)
        for part in production_response["headers"]["Content-Security-Policy"].split(";")  # type: ignore[index]
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_it_sets_secure_http_only_cookies_in_production(production_response: dict[str, object]) -> None:
    csrf = production_response["cookies"]["csrftoken"]  # type: ignore[index]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert production_response["session_cookie_secure"] is True


def test_it_redirects_plain_http_to_https_in_production(tmp_path: Path) -> None:
    probe = PROBE.replace("secure=True", "secure=False")
    result = run([sys.executable, "-c", probe], tmp_path)
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 301
    assert answer["headers"]["Location"] == f"https://{HOST}/accounts/login/"


TEMPLATES = sorted(Path(str(files("nervepath") / "web")).glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def test_it_finds_the_templates() -> None:
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_it_has_no_inline_script_in_any_template(template: Path) -> None:
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script> (the CSP would block it)"
    assert not EVENT_HANDLER.search(text), "on*= event handler attribute (the CSP would block it)"
    assert not JS_URL.search(text), "javascript: URL"


def test_it_would_catch_an_inline_script_or_handler() -> None:
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert not EVENT_HANDLER.search('<p class="button">once</p>')
