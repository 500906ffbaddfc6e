"""Whole journeys in the browser: a patient signs up, screens and keeps a diary; a clinician acts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nervepath.instruments import get_instrument
from nervepath.web.accounts.models import Invitation
from nervepath.web.records.models import Clinician, DiaryDay, Patient, QuestionnaireResponse, Trial
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.validation import today
from tests.e2e.conftest import check_accessibility, log_in, screenshot


def test_it_lets_a_patient_sign_up_screen_and_see_the_chart(
    page: Any, live_server: Any, bob: Clinician
) -> None:
    code = Invitation.objects.create(clinician=bob).code
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    fields = {
        "username": "erin",
        "display_name": "Erin Example",
        "email": "erin@example.org",
        "password1": "a-long-enough-Passw0rd",
        "password2": "a-long-enough-Passw0rd",
        "invitation": code,
    }
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/today/")

    page.goto(f"{base}/check/dn4_interview/?restart=1")
    total = len(get_instrument("dn4_interview").items)
    for number in range(1, total + 1):
        page.get_by_text(f"Question {number} of {total}").wait_for()
        page.locator(".choice").first.click()  # "Yes" to each item
        page.locator("#card button[type=submit]:not([name=back])").click()
    page.wait_for_url(f"{base}/check/result/*/")
    page.get_by_role("heading", name="What a positive screen means").wait_for()
    erin = Patient.objects.get(display_name="Erin Example")
    assert QuestionnaireResponse.objects.get(patient=erin).instrument_id == "dn4_interview"

    for offset, pain in [(2, "7"), (1, "6"), (0, "5")]:
        page.goto(f"{base}/today/?date={(today() - timedelta(days=offset)).isoformat()}")
        page.locator(f".scale-option:has(input[name=pain_average][value='{pain}'])").click()
        page.get_by_role("button", name="Save").click()  # "Save today", "Save 29 November"
        page.get_by_text("Saved. Thank you!").wait_for()
    assert sorted(DiaryDay.objects.filter(patient=erin).values_list("pain_average", flat=True)) == [5, 6, 7]

    page.goto(f"{base}/treatments/")
    page.locator("figure.patient-chart canvas").first.wait_for()  # drawn in the browser (uPlot)
    assert page.locator("figure.patient-chart noscript").count() == 1  # the server's SVG without JavaScript
    screenshot(page, "journey-treatments")


def test_it_lets_a_clinician_see_the_flag_and_start_a_trial(
    page: Any, live_server: Any, alice: Patient
) -> None:
    record_questionnaire(alice, "phq9", [1, 1, 0, 1, 0, 0, 0, 0, 1])
    base = live_server.url
    log_in(page, base, "bob")
    page.wait_for_url(f"{base}/clinic/")
    row = page.locator("tr.attention", has_text="Alice Andrews")
    assert "PHQ-9 — any answer above" in row.inner_text()  # the flag in words, not its id
    row.get_by_role("link").click()
    page.locator("#id_drug").select_option("duloxetine")
    page.locator("#id_daily_mg").fill("30")
    page.get_by_role("button", name="Start trial").click()
    page.get_by_text("Trial started.").wait_for()
    assert Trial.objects.get(patient=alice).drug_id == "duloxetine"
    screenshot(page, "journey-patient-after-trial")

    page.get_by_text("Not assessed yet").wait_for()
    page.get_by_role("link", name="Edit the clinical situation").click()
    situation = {"birth_date": "1958-03-04", "weight_kg": "60", "serum_creatinine_mg_dl": "1.1"}
    for name, value in situation.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_sex").select_option("female")
    page.locator("#id_pain_etiology").select_option("diabetic_polyneuropathy")
    page.locator("#id_pain_distribution_plausible").select_option("true")
    page.get_by_role("button", name="Save the situation").click()
    page.get_by_text("Clinical situation saved.").wait_for()
    assert check_accessibility(page) == []
    screenshot(page, "journey-situation")
    page.get_by_role("link", name="Alice Andrews").click()
    options = page.locator("table.options").first
    options.wait_for()
    assert options.locator("#option-duloxetine .badge.status").inner_text() in {
        "Recommended",
        "Use with caution",
    }
    assert "mg/day" in options.locator("#option-gabapentin .max-dose").inner_text()
    page.locator("#option-gabapentin summary").click()
    why = options.locator("#option-gabapentin").inner_text()
    assert "Neurontin (gabapentin)" in why  # the renal table's source, as a citation
    assert "renal_table_gabapentin" not in why
    assert check_accessibility(page) == []
    screenshot(page, "journey-patient-assessment")


def test_it_records_the_pain_of_body_regions(page: Any, live_server: Any, alice: Patient) -> None:
    base = live_server.url
    log_in(page, base, "alice")
    page.wait_for_url(f"{base}/today/")
    page.locator(".scale-option:has(input[name=pain_average][value='6'])").click()
    page.get_by_text("Where it hurt").click()
    page.locator(".scale-option:has(input[name=region_feet][value='8'])").click()
    screenshot(page, "today-regions")
    page.get_by_role("button", name="Save today").click()
    page.get_by_text("Saved. Thank you!").wait_for()
    day = DiaryDay.objects.get(patient=alice)
    assert list(day.regions.values_list("region_id", "pain")) == [("feet", 8)]
    page.goto(f"{base}/plan/")
    link = page.get_by_role("link", name="My plan (PDF)")
    pdf = page.request.get(base + link.get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")


def test_it_renders_the_spanish_interface(page: Any, live_server: Any, alice: Patient) -> None:
    base = live_server.url
    log_in(page, base, "alice")
    page.wait_for_url(f"{base}/today/")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.get_by_role("heading", name="¿Cómo estuvo su dolor hoy?").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Hoy").count() == 1
    screenshot(page, "today-es")
