"""In the browser, at 360 and 1280 px, in English and Spanish: the clinician's patient page jumps to
each section from its menu without horizontal overflow, and a new patient's first steps on Today
tick as they are done. Zero serious or critical axe violations throughout.

The page heights are printed (run with -s). The same demo patient (a year of diary) on the page
without sections, measured in the same tree: 11,004 px at 360 px (and 52 px wider than the window)
and 7,003 px at 1280 px; with sections 10,940 and 6,949 px.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from nervepath.instruments import get_instrument
from nervepath.web.accounts.models import Invitation
from nervepath.web.demo import build_demo_clinic
from nervepath.web.records.models import Clinician, Patient
from tests.e2e.conftest import check_accessibility

SHOTS = Path("/tmp/sections")
SECTIONS = ["summary", "assessment", "treatments", "pain-trend", "questionnaires", "insights", "report"]
WIDTHS = (360, 1280)


def _no_violations(page: Any, where: str) -> None:
    violations = check_accessibility(page)
    assert violations == [], (
        where,
        [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations],
    )


def _no_overflow(page: Any, where: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0, (where, wide)


def _language(page: Any, code: str) -> None:
    page.locator("#language-switch").select_option(code)
    page.locator("form.lang button[type=submit]").click()
    page.wait_for_function(f"document.documentElement.lang === '{code}'")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _jumps_to_every_section(page: Any, where: str) -> None:
    menu = page.locator("nav.section-menu")
    links = menu.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [f"#{s}" for s in SECTIONS]
    assert menu.evaluate("m => m.scrollWidth <= m.clientWidth"), where  # wraps, never sticks out
    for number, section in enumerate(SECTIONS):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(number).click()
        page.wait_for_function(f"location.hash === '#{section}'")
        heading = page.locator(f"#{section} > h2, #{section} > .row > h2").first
        box = heading.bounding_box()
        header = page.locator("header.top").bounding_box()
        assert box is not None
        assert header is not None
        # The heading shows below the sticky header, inside the window.
        assert header["y"] + header["height"] - 1 <= box["y"] < page.viewport_size["height"], (where, section)


def test_it_jumps_to_each_section_of_the_patient_page(
    page: Any, live_server: Any, transactional_db: None
) -> None:
    clinic = build_demo_clinic(patients=6, years=1, today=date.today())
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(clinic.logins["clinician"][0])
    page.locator("#id_password").fill(clinic.logins["clinician"][1])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/clinic/")
    url = f"{base}/clinic/patients/{Patient.objects.get(display_name='Pat Demo').pk}/"
    for language in ("en", "es"):
        page.goto(url)
        _language(page, language)
        for width in WIDTHS:
            where = f"{language} {width}px"
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(url)
            height = page.evaluate("document.documentElement.scrollHeight")
            print(f"patient page, {where}: {height} px high")
            _no_overflow(page, where)
            _no_violations(page, where)
            if width == 360:
                _shot(page, f"patient-{language}-360")
                for section in ("summary", "treatments", "questionnaires"):
                    page.locator(f"#{section}").screenshot(path=str(SHOTS / f"{section}-{language}-360.png"))
            _jumps_to_every_section(page, where)
            page.locator("details.stopped-trials > summary").first.click()
            _no_overflow(page, where + " stopped trials open")


def _sign_up(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    fields = {
        "username": name,
        "display_name": f"{name.title()} Example",
        "email": f"{name}@example.org",
        "password1": "a-long-enough-Passw0rd",
        "password2": "a-long-enough-Passw0rd",
    }
    for field, value in fields.items():
        page.locator(f"#id_{field}").fill(value)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/today/")


def _states(page: Any) -> dict[str, str]:
    steps = page.locator(".first-steps li")
    return {
        steps.nth(i).get_attribute("data-step"): steps.nth(i).get_attribute("class")
        for i in range(steps.count())
    }


def _check_today(page: Any, where: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        _no_overflow(page, f"{where} {width}px")
        _no_violations(page, f"{where} {width}px")
    page.set_viewport_size({"width": 360, "height": 800})


def test_it_guides_a_new_patient_through_the_first_steps(page: Any, live_server: Any, bob: Clinician) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})
    _sign_up(page, base, "erin")
    card = page.locator("section.first-steps")
    assert card.get_by_role("heading", name="Your first steps").is_visible()
    assert _states(page) == {"questionnaire": "todo", "clinician": "todo", "reading": "todo", "diary": "todo"}
    _check_today(page, "first steps en")
    _shot(page, "first-steps-en-360")

    card.get_by_role("link", name="Write your first diary entry").click()
    page.wait_for_function("location.hash === '#diary'")
    page.locator(".scale-option:has(input[name=pain_average][value='4'])").click()
    page.get_by_role("button", name="Save today").click()
    page.get_by_text("Saved. Thank you!").wait_for()
    assert _states(page)["diary"] == "done"

    card.get_by_role("link", name="Answer a first questionnaire").click()
    total = len(get_instrument("dn4_interview").items)
    for number in range(1, total + 1):
        page.get_by_text(f"Question {number} of {total}").wait_for()
        page.locator(".choice").last.click()
        page.locator("#card button[type=submit]:not([name=back])").click()
    page.wait_for_url(f"{base}/check/result/*/")

    page.goto(f"{base}/today/")
    card.get_by_role("link", name="Read what neuropathic pain is").click()
    page.wait_for_url(f"{base}/learn/neuropathic_pain/")
    page.goto(f"{base}/today/")
    assert _states(page) == {"questionnaire": "done", "clinician": "todo", "reading": "done", "diary": "done"}
    assert "3 of 4 done" in card.inner_text()
    _check_today(page, "three steps done")
    _shot(page, "first-steps-three-done-en-360")

    card.get_by_role("link", name="Link to your clinician").click()
    page.locator("#id_code").fill(Invitation.objects.create(clinician=bob).code)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/today/")
    assert card.count() == 0  # every step done: the checklist is gone


def test_it_guides_in_spanish_and_hides_on_request(page: Any, live_server: Any, bob: Clinician) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{base}/accounts/signup/")
    _language(page, "es")
    _sign_up(page, base, "rosa")
    card = page.locator("section.first-steps")
    assert card.get_by_role("heading", name="Sus primeros pasos").is_visible()
    assert "0 de 4 hechos" in card.inner_text()
    _check_today(page, "first steps es")
    _shot(page, "first-steps-es-360")
    card.get_by_role("button", name="Ya lo he leído").click()
    page.wait_for_url(f"{base}/today/")
    assert _states(page)["reading"] == "done"
    card.get_by_role("button", name="Ocultar estos pasos").click()
    page.wait_for_url(f"{base}/today/")
    assert card.count() == 0
    page.reload()
    assert card.count() == 0
