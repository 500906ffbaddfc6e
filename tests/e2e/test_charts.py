"""The patient chart in Chromium at 360 and 1280 px, in English and Spanish, under the app's own CSP.

Alice (a patient of Dr Bob) has 200 diary days with pain, sleep, mood and activity, a stopped and a
running trial. Her "My treatments" page draws the chart with uPlot (a canvas), the period buttons
change the days shown, a hover (1280 px) or a tap (360 px) shows the day's values, and axe finds no
serious or critical violation. Screenshots go to /tmp/chart-<language>-<width>.png to be looked at.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from nervepath.web.records.models import DiaryDay, DoseStep, Patient, Trial
from nervepath.web.records.validation import today
from tests.e2e.conftest import check_accessibility, log_in

WORDS = {
    "en": {"average": "Average pain", "year": "1 year", "weeks": "4 weeks", "all": "All", "mood": "Mood"},
    "es": {
        "average": "Dolor medio",
        "year": "1 año",
        "weeks": "4 semanas",
        "all": "Todo",
        "mood": "Estado de ánimo",
    },
}


def _history(patient: Patient) -> None:
    last = today()
    DiaryDay.objects.bulk_create(
        DiaryDay(
            patient=patient,
            date=last - timedelta(days=back),
            pain_average=4 + back % 5,
            pain_worst=min(10, 6 + back % 5),
            sleep_interference=3 + back % 4,
            mood=5 + back % 3,
            activity=2 + back % 6,
        )
        for back in range(200)
        if back % 9 != 4
    )
    stopped = Trial.objects.create(
        patient=patient,
        drug_id="amitriptyline",
        start_date=last - timedelta(days=150),
        stop_date=last - timedelta(days=80),
        stop_reason="side_effects",
    )
    DoseStep.objects.create(trial=stopped, date=stopped.start_date, daily_mg=10)
    running = Trial.objects.create(
        patient=patient, drug_id="pregabalin", start_date=last - timedelta(days=60)
    )
    DoseStep.objects.create(trial=running, date=running.start_date, daily_mg=150)
    DoseStep.objects.create(trial=running, date=running.start_date + timedelta(days=14), daily_mg=300)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [360, 1280])
def test_it_draws_the_chart_with_periods_and_a_days_values(
    browser: Any, live_server: Any, alice: Patient, width: int, language: str
) -> None:
    _history(alice)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, has_touch=width == 360, locale="en-GB"
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server.url, "alice")
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/treatments/")
    assert page.locator("html").get_attribute("lang") == language
    words = WORDS[language]

    figure = page.locator("figure.patient-chart")
    figure.locator("canvas").first.wait_for()
    assert "is-live" in (figure.get_attribute("class") or "")
    assert not figure.locator(".chart-fallback").is_visible()

    # The sticky header takes half of a 360 px screen; keep the chart below it for the clicks.
    figure.locator("nav").evaluate("e => e.scrollIntoView({block: 'center'})")
    shown = figure.locator("[data-chart-range]")
    before = shown.inner_text()
    figure.get_by_role("link", name=words["year"]).click()
    assert shown.inner_text() != before
    assert figure.get_by_role("link", name=words["year"]).get_attribute("aria-current") == "true"
    figure.get_by_role("link", name=words["weeks"]).click()
    assert "period=" not in page.url  # the buttons changed the chart, not the page

    figure.locator(".u-over").evaluate("e => e.scrollIntoView({block: 'center'})")
    readout = figure.locator("[data-chart-readout]")
    assert words["average"] not in readout.inner_text()  # a hint until a day is read
    box = figure.locator(".u-over").bounding_box()
    point = {"x": box["x"] + box["width"] * 0.6, "y": box["y"] + box["height"] / 2}
    if width == 360:
        page.touchscreen.tap(point["x"], point["y"])
    else:
        page.mouse.move(point["x"], point["y"])
    assert words["average"] in readout.inner_text()
    read = readout.inner_text()
    figure.locator("[data-chart-canvas]").focus()
    page.keyboard.press("ArrowLeft")
    assert readout.inner_text() != read  # the day before, from the keyboard

    # Sleep, mood and activity start switched off on a phone (six lines are a tangle there), on on a
    # wide screen; one tap shows them.
    mood = figure.get_by_label(words["mood"], exact=True)
    assert mood.is_checked() == (width != 360)
    mood.set_checked(True)
    assert mood.is_checked()

    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
            '.chart-period, .chart-readout, .chart-series label, .chart-range')]
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 12
    figure.get_by_role("link", name=words["all"], exact=True).click()  # baseline and both starts
    page.add_style_tag(content="header.top { position: static !important; }")  # off the shot
    figure.screenshot(path=f"/tmp/chart-{language}-{width}.png")
    page.screenshot(path=f"/tmp/chart-page-{language}-{width}.png", full_page=True)
    violations = check_accessibility(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert problems == []  # no script error and no CSP violation (this context keeps the CSP)
    context.close()


def test_it_shows_the_server_chart_without_javascript(browser: Any, live_server: Any, alice: Patient) -> None:
    _history(alice)
    context = browser.new_context(viewport={"width": 360, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/treatments/?period=1y")
    image = page.locator(".chart-fallback img")  # the <noscript> image, drawn by the server
    assert image.is_visible()
    alt = image.get_attribute("alt") or ""
    assert alt.startswith("Your pain, with your treatments. From ")
    assert "Pregabalin 150 → 300 mg/day" in alt
    drawn = page.evaluate(
        """() => { const i = document.querySelector('.chart-fallback img');
                   const width = i.getBoundingClientRect().width;
                   return {loaded: i.complete && i.naturalWidth > 0, width: width}; }"""
    )
    assert drawn["loaded"]  # the CSP lets it load (img-src 'self')
    svg = context.request.get(f"{live_server.url}{image.get_attribute('src')}").text()
    assert "Pregabalin 150 → 300 mg/day" in svg
    # Its text at 360 px: the smallest font size in the SVG's own units, scaled to the drawn width.
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    smallest = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg))
    assert smallest * drawn["width"] / view_width >= 11
    page.screenshot(path="/tmp/chart-nojs-360.png", full_page=True)
    context.close()


def test_it_draws_the_chart_on_the_clinicians_patient_page(
    browser: Any, live_server: Any, alice: Patient
) -> None:
    _history(alice)
    context = browser.new_context(viewport={"width": 360, "height": 900}, has_touch=True)
    page = context.new_page()
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/clinic/patients/{alice.pk}/")
    figure = page.locator("figure.patient-chart")
    figure.locator("canvas").first.wait_for()
    assert figure.get_by_role("link", name="1 year").get_attribute("aria-current") == "true"
    assert "Pregabalin" in figure.locator("[data-chart-canvas]").evaluate(
        "() => JSON.parse(document.getElementById('patient-chart-data').textContent).trials[1].text"
    )
    page.add_style_tag(content="header.top { position: static !important; }")
    figure.screenshot(path="/tmp/chart-clinic-360.png")
    violations = check_accessibility(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    context.close()
