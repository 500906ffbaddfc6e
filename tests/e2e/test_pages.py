"""Every main page in the browser: zero serious or critical axe violations, screenshots at 360 and 1280 px."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from nervepath.web.demo import build_demo_clinic
from tests.e2e.conftest import check_accessibility, screenshot

PATIENT_PAGES = [
    ("today", "/today/"),
    ("check", "/check/"),
    ("check-step", "/check/dn4_interview/?restart=1"),
    ("treatments", "/treatments/"),
    ("plan", "/plan/"),
    ("learn", "/learn/?q=burning+feet"),
    ("settings", "/accounts/settings/"),
]
CLINIC_PAGES = [
    ("clinic", "/clinic/"),
    ("outcomes", "/clinic/outcomes/"),
    ("invitations", "/accounts/invitations/"),
]


def _log_in_demo(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()


def _visit(page: Any, base: str, name: str, path: str) -> None:
    page.goto(base + path)
    assert page.locator("main h1").count() >= 1, name
    violations = check_accessibility(page)
    assert violations == [], (
        name,
        [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations],
    )
    screenshot(page, name)


def test_it_passes_axe_on_every_main_page(page: Any, live_server: Any, transactional_db: None) -> None:
    clinic = build_demo_clinic(patients=6, years=0.5, today=date.today() - timedelta(days=0))
    base = live_server.url
    for name, path in [("landing", "/"), ("login", "/accounts/login/"), ("signup", "/accounts/signup/")]:
        _visit(page, base, name, path)
    _log_in_demo(page, base, *clinic.logins["patient"])
    for name, path in PATIENT_PAGES:
        _visit(page, base, name, path)
    page.get_by_role("button", name="Log out").click()
    _log_in_demo(page, base, *clinic.logins["clinician"])
    for name, path in CLINIC_PAGES:
        _visit(page, base, name, path)
    page.goto(base + "/clinic/")
    page.locator("table.patients a").first.click()
    patient = page.url.removeprefix(base)
    _visit(page, base, "patient", patient)
    _visit(page, base, "situation", patient + "situation/")
