"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Skipped, with the reason, when /usr/bin/chromium or node_modules/axe-core is absent. Never runs
`playwright install`. Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from nervepath.web.records.models import CareLink, Clinician, Patient

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "e2e-password-123"

if not os.environ.get("SECRET_KEY"):
    django_settings.SECRET_KEY = "tests-only-secret-key-of-enough-length-0123456789"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _missing()
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _missing() -> str:
    if not os.access(CHROMIUM, os.X_OK):  # absent, or hidden as on a fresh machine
        return f"{CHROMIUM} is not installed (Debian package chromium)"
    if not AXE.exists():
        return f"{AXE} is missing (run npm ci)"
    return ""


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    return {"executable_path": str(CHROMIUM), "args": args, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    # bypass_csp lets the test inject axe-core; the app's own pages never run inline scripts.
    return {"viewport": {"width": 1280, "height": 900}, "bypass_csp": True, "locale": "en-GB"}


@pytest.fixture(scope="package", autouse=True)
def _async_unsafe_allowed(django_db_setup: None) -> Iterator[None]:
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls are fine.
    # Only for this package: a value leaked into later tests fails their `check --deploy`. The test
    # databases are created first (django_db_setup), before Playwright starts its loop.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def bob(transactional_db: None) -> Clinician:
    user = User.objects.create_user("bob", "bob@example.org", PASSWORD)
    return Clinician.objects.create(display_name="Dr Bob Baker", user=user)


@pytest.fixture
def alice(bob: Clinician) -> Patient:
    user = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    patient = Patient.objects.create(display_name="Alice Andrews", user=user)
    CareLink.objects.create(clinician=bob, patient=patient)
    return patient


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def check_accessibility(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; return the serious and critical violations."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
