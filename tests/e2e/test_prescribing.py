"""A blocked dose change, then overridden with a reason, on a 360 px wide phone screen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from nervepath.web.records.models import DoseStep, Patient, Trial
from nervepath.web.records.situation import set_situation
from nervepath.web.records.validation import today
from tests.e2e.conftest import check_accessibility, log_in, screenshot

REASON = "Pain clinic advice: 4800 mg for two weeks, then review"


def _fits(page: Any) -> bool:
    """Nothing wider than the screen: no sideways scrolling."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_it_blocks_a_dose_above_the_maximum_then_takes_it_with_a_reason(
    page: Any, live_server: Any, alice: Patient
) -> None:
    # 50 years, male, 80 kg, creatinine 1.0 mg/dL: Cockcroft-Gault 100 mL/min, gabapentin maximum 3,600 mg.
    alice.birth_date, alice.sex = date(today().year - 50, 1, 1), "male"
    alice.save()
    set_situation(alice, {"weight_kg": 80, "serum_creatinine_mg_dl": 1.0})
    trial = Trial.objects.create(patient=alice, drug_id="gabapentin", start_date=today() - timedelta(days=21))
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=1800)

    page.set_viewport_size({"width": 360, "height": 800})
    base = live_server.url
    log_in(page, base, "bob")
    page.goto(f"{base}/clinic/patients/{alice.pk}/")
    card = page.locator("article.trial").first
    card.locator("input[name=daily_mg]").fill("4800")
    card.get_by_role("button", name="Change dose").click()

    card = page.locator("article.trial").first
    card.locator("p.error", has_text="4,800 mg a day is above the maximum for this patient").wait_for()
    reason = card.locator("textarea[name=override_reason]")
    assert reason.is_visible()
    assert "To go ahead anyway, give your reason." in card.inner_text()
    assert trial.doses.count() == 1
    assert _fits(page)
    assert check_accessibility(page) == []
    screenshot(page, "prescribing-blocked")

    page.set_viewport_size({"width": 360, "height": 800})
    card = page.locator("article.trial").first
    card.locator("textarea[name=override_reason]").fill(REASON)
    card.get_by_role("button", name="Change dose").click()
    page.get_by_text("Dose changed.").wait_for()
    checks = page.locator("article.trial .checks").first
    assert "Overridden" in checks.inner_text()
    assert REASON in checks.inner_text()
    assert [s.daily_mg for s in trial.doses.all()] == [1800, 4800]
    assert _fits(page)
    screenshot(page, "prescribing-overridden")
