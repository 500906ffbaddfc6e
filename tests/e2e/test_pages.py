"""Every main page in the browser, in English and Spanish: zero serious or critical axe violations at 360
and 1280 px, no sideways scrolling on a phone, no English left on a Spanish page, screenshots of each."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nervepath.web.demo import build_demo_clinic
from tests.e2e.conftest import check_accessibility, screenshot
from tests.english import english_in_html
from tests.i18n.user_texts import write_user_texts_in_spanish

PATIENT_PAGES = [
    ("today", "/today/"),
    ("check", "/check/"),
    ("check-step", "/check/dn4_interview/?restart=1"),
    ("treatments", "/treatments/"),
    ("plan", "/plan/"),
    ("learn", "/learn/?q=burning+feet"),
    ("learn-entry", "/learn/red_flags/"),
    ("insights", "/insights/"),
    ("settings", "/accounts/settings/"),
]
CLINIC_PAGES = [
    ("clinic", "/clinic/"),
    ("outcomes", "/clinic/outcomes/"),
    ("invitations", "/accounts/invitations/"),
]


# Elements that reach past the right edge of the screen, outside any box that scrolls or clips on its
# own (a table in a scrolling box; a visually hidden table head).
_WIDER_THAN_SCREEN = """() => {
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !inScroller(el))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.getBoundingClientRect().right}`);
}"""


def _log_in_demo(page: Any, base: str, username: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _visit(page: Any, base: str, name: str, path: str, language: str) -> None:
    """The page at 360 and 1280 px: a heading, no serious axe finding, no sideways scrolling on a
    phone, and in Spanish no English outside elements marked lang="en"."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(base + path)
    assert page.locator("html").get_attribute("lang") == language, name
    assert page.locator("main h1").count() >= 1, name
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        violations = check_accessibility(page)
        assert violations == [], (
            name,
            width,
            [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations],
        )
        if width == 360:
            wide = page.evaluate(_WIDER_THAN_SCREEN)
            assert not wide, (name, "scrolls sideways at 360 px", wide)
    if language == "es":
        english = english_in_html(page.content())
        assert not english, (name, sorted({f"{word!r} in {text!r}" for word, text in english})[:10])
    screenshot(page, f"{name}-{language}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_main_page_passes_axe_at_360_and_1280_in_both_languages(
    page: Any, live_server: Any, transactional_db: None, language: str
) -> None:
    clinic = build_demo_clinic(patients=6, years=0.5, today=date.today())
    if language == "es":
        write_user_texts_in_spanish()
    base = live_server.url
    for name, path in [("landing", "/"), ("login", "/accounts/login/"), ("signup", "/accounts/signup/")]:
        _visit(page, base, name, path, language)
    _log_in_demo(page, base, *clinic.logins["patient"])
    for name, path in PATIENT_PAGES:
        if name == "learn" and language == "es":
            path = "/learn/?q=ardor+en+los+pies"  # what a Spanish speaker types
        _visit(page, base, name, path, language)
    _log_in_demo(page, base, *clinic.logins["clinician"])
    for name, path in CLINIC_PAGES:
        _visit(page, base, name, path, language)
    page.goto(base + "/clinic/")
    page.locator("table.patients a").first.click()
    patient = page.url.removeprefix(base)
    _visit(page, base, "patient", patient, language)
    _visit(page, base, "situation", patient + "situation/", language)
