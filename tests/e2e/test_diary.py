"""The diary at 360 px in the browser: a new day starts blank, "same as yesterday" fills the form only
when tapped, a day is deleted and the deletion undone; axe finds nothing serious on each step."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from nervepath.web.records.models import DiaryDay, Patient, RegionPain
from nervepath.web.records.validation import today
from tests.e2e.conftest import check_accessibility, log_in, screenshot

PHONE = {"width": 360, "height": 800}


def yesterday() -> date:
    """Computed when used, not at import: a run that crosses midnight must not mix two days."""
    return today() - timedelta(days=1)


@pytest.fixture
def diary(alice: Patient) -> DiaryDay:
    day = DiaryDay.objects.create(
        patient=alice,
        date=yesterday(),
        pain_average=5,
        pain_worst=6,
        sleep_interference=5,
        mood=5,
        note="walked the dog",
    )
    RegionPain.objects.create(day=day, region_id="feet", pain=6)
    return day


def _phone(page: Any, live_server: Any) -> str:
    page.set_viewport_size(PHONE)
    base: str = live_server.url
    log_in(page, base, "alice")
    page.wait_for_url(f"{base}/today/")
    return base


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_new_day_starts_blank_and_saves_only_what_was_tapped(
    page: Any, live_server: Any, diary: DiaryDay
) -> None:
    _phone(page, live_server)
    page.get_by_role("heading", name="How was your pain today?").wait_for()
    assert page.locator("form.diary input:checked").count() == 0
    assert _fits(page)
    assert check_accessibility(page) == []
    screenshot(page, "diary-new-day")
    page.set_viewport_size(PHONE)
    page.locator(".scale-option:has(input[name=pain_average][value='7'])").click()
    page.get_by_role("button", name="Save today").click()
    page.get_by_text("Saved. Thank you!").wait_for()
    day = DiaryDay.objects.get(date=today())
    assert (day.pain_average, day.pain_worst, day.sleep_interference, day.mood) == (7, None, None, None)
    assert not day.regions.exists()


def test_same_as_yesterday_fills_the_form_when_tapped(page: Any, live_server: Any, diary: DiaryDay) -> None:
    _phone(page, live_server)
    page.get_by_role("button", name="Same as yesterday").click()
    page.get_by_text("Check each answer, then save.").wait_for()
    assert not DiaryDay.objects.filter(date=today()).exists()  # filled in, not saved
    checked = {
        name: page.locator(f"input[name={name}]:checked").get_attribute("value")
        for name in ("pain_average", "pain_worst", "sleep_interference", "mood", "region_feet")
    }
    assert checked == dict.fromkeys(checked, "5") | {"pain_worst": "6", "region_feet": "6"}
    assert page.locator("#id_note").input_value() == ""
    assert _fits(page)
    assert check_accessibility(page) == []
    page.get_by_role("button", name="Save today").click()
    page.get_by_text("Saved. Thank you!").wait_for()
    assert DiaryDay.objects.get(date=today()).pain_worst == 6


def test_a_day_is_deleted_and_brought_back(page: Any, live_server: Any, diary: DiaryDay) -> None:
    base = _phone(page, live_server)
    page.goto(f"{base}/today/?date={yesterday().isoformat()}")
    page.get_by_role("heading", name=f"How was your pain on {yesterday():%A} {yesterday().day}").wait_for()
    assert page.locator("input[name=pain_average]:checked").get_attribute("value") == "5"
    page.get_by_role("button", name="Delete this day's entry").click()
    page.get_by_text("is deleted.").first.wait_for()
    assert not DiaryDay.objects.exists()
    assert page.locator("form.diary input:checked").count() == 0
    assert _fits(page)
    assert check_accessibility(page) == []
    screenshot(page, "diary-deleted")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Undo the deletion").click()
    page.get_by_text("is back.").wait_for()
    back = DiaryDay.objects.get()
    assert (back.pk, back.pain_worst, back.note) == (diary.pk, 6, "walked the dog")
    assert page.locator("input[name=pain_average]:checked").get_attribute("value") == "5"
    assert check_accessibility(page) == []


SPANISH = {
    "today": "¿Cómo estuvo su dolor hoy?",
    "save": "Guardar el día",
    "saved": "Guardado. ¡Gracias!",
    "same": "Igual que ayer",
    "check": "Revise cada respuesta y después guarde.",
    "delete": "Borrar la entrada de este día",
    "deleted": "está borrada.",
    "undo": "Deshacer el borrado",
    "back": "se ha recuperado.",
}


@pytest.mark.parametrize("width", [360, 1280])
def test_the_whole_diary_in_spanish(page: Any, live_server: Any, diary: DiaryDay, width: int) -> None:
    """Blank new day, "same as yesterday", save, delete and undo, with the Spanish interface."""
    page.set_viewport_size({"width": width, "height": 800})
    base: str = live_server.url
    log_in(page, base, "alice")
    page.wait_for_url(f"{base}/today/")
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": base}])
    page.goto(f"{base}/today/")
    page.get_by_role("heading", name=SPANISH["today"]).wait_for()
    assert page.locator("form.diary input:checked").count() == 0
    page.get_by_role("button", name=SPANISH["same"]).click()
    page.get_by_text(SPANISH["check"]).wait_for()
    assert page.locator("input[name=pain_worst]:checked").get_attribute("value") == "6"
    assert _fits(page)
    assert check_accessibility(page) == []
    page.get_by_role("button", name=SPANISH["save"]).click()
    page.get_by_text(SPANISH["saved"]).wait_for()
    assert DiaryDay.objects.get(date=today()).pain_worst == 6

    page.goto(f"{base}/today/?date={yesterday().isoformat()}")
    page.get_by_role("button", name=SPANISH["delete"]).click()
    page.get_by_text(SPANISH["deleted"]).first.wait_for()
    assert not DiaryDay.objects.filter(date=yesterday()).exists()
    assert check_accessibility(page) == []
    page.get_by_role("button", name=SPANISH["undo"]).click()
    page.get_by_text(SPANISH["back"]).wait_for()
    assert DiaryDay.objects.get(date=yesterday()).note == "walked the dog"
    screenshot(page, f"diary-es-{width}")
