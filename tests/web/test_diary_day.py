"""The Today page records only what the patient entered: a new day starts blank, "same as yesterday"
fills the form only when asked, a past day is named in its heading and save button (English and
Spanish), the worst pain is never below the average, and a day can be deleted and brought back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import DeletedDiaryDay, DiaryDay, RegionPain
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic

TODAY = today()
YESTERDAY = TODAY - timedelta(days=1)
# Every field of the Today page that the old page carried over from the day before.
CARRIED = ("pain_average", "pain_worst", "sleep_interference", "mood", "qualities", "triggers")


@pytest.fixture
def yesterday(clinic: Clinic) -> DiaryDay:
    day = DiaryDay.objects.create(
        patient=clinic.alice,
        date=YESTERDAY,
        pain_average=5,
        pain_worst=6,
        sleep_interference=5,
        mood=5,
        qualities=["burning_pain"],
        triggers=["cold"],
        note="walked the dog",
    )
    RegionPain.objects.create(day=day, region_id="feet", pain=6)
    return day


@pytest.mark.parametrize("name", [*CARRIED, "note", "region_feet"])
def test_a_new_day_starts_blank(as_alice: Client, yesterday: DiaryDay, name: str) -> None:
    form = as_alice.get("/today/").context["form"]
    assert form[name].value() in (None, [], "")


def test_a_new_day_shows_no_value_selected(as_alice: Client, yesterday: DiaryDay) -> None:
    body = as_alice.get("/today/").content.decode()
    assert " checked" not in body


def test_saving_only_the_average_stores_only_the_average(as_alice: Client, yesterday: DiaryDay) -> None:
    as_alice.get("/today/")  # the form as the patient sees it, then only "average 7" tapped
    response = as_alice.post("/today/", {"date": TODAY.isoformat(), "pain_average": "7"})
    assert response.status_code == 302
    day = DiaryDay.objects.get(date=TODAY)
    assert [getattr(day, name) for name in CARRIED] == [7, None, None, None, [], []]
    assert not day.regions.exists()


def test_same_as_yesterday_is_a_labelled_button(as_alice: Client, yesterday: DiaryDay) -> None:
    body = as_alice.get("/today/").content.decode()
    assert '<button type="submit" class="button">Same as yesterday</button>' in body
    assert "Nothing is saved until you press save." in body


def test_no_same_as_button_without_an_earlier_day(as_alice: Client, clinic: Clinic) -> None:
    assert "Same as" not in as_alice.get("/today/").content.decode()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("pain_average", 5),
        ("pain_worst", 6),
        ("sleep_interference", 5),
        ("mood", 5),
        ("qualities", ["burning_pain"]),
        ("triggers", ["cold"]),
        ("region_feet", 6),
    ],
)
def test_same_as_yesterday_fills_the_form_when_asked(
    as_alice: Client, yesterday: DiaryDay, name: str, value: object
) -> None:
    response = as_alice.get("/today/", {"date": TODAY.isoformat(), "fill": "previous"})
    assert response.context["form"][name].value() == value


def test_same_as_yesterday_leaves_the_note_and_saves_nothing(as_alice: Client, yesterday: DiaryDay) -> None:
    response = as_alice.get("/today/", {"date": TODAY.isoformat(), "fill": "previous"})
    assert response.context["form"]["note"].value() in (None, "")
    assert "Check each answer, then save." in response.content.decode()
    assert not DiaryDay.objects.filter(date=TODAY).exists()


def test_an_earlier_day_is_named_on_the_same_as_button(as_alice: Client, clinic: Clinic) -> None:
    DiaryDay.objects.create(patient=clinic.alice, date=date(2026, 11, 27), pain_average=3)
    body = as_alice.get("/today/", {"date": "2026-11-30"}).content.decode()
    assert "Same as Friday 27 November" in body


@pytest.mark.parametrize("name", [*CARRIED, "note"])
def test_a_stored_day_shows_its_own_values(
    as_alice: Client, clinic: Clinic, yesterday: DiaryDay, name: str
) -> None:
    DiaryDay.objects.create(patient=clinic.alice, date=TODAY, pain_average=2, pain_worst=9, note="mine")
    form = as_alice.get("/today/").context["form"]
    stored = {"pain_average": 2, "pain_worst": 9, "note": "mine"}
    assert form[name].value() == stored.get(name, [] if name in ("qualities", "triggers") else None)


def test_a_stored_day_offers_no_same_as_button(as_alice: Client, yesterday: DiaryDay) -> None:
    DiaryDay.objects.create(patient=yesterday.patient, date=TODAY, pain_average=2)
    assert "Same as" not in as_alice.get("/today/").content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("en", "How was your pain on Monday 30 November?", "Save 30 November"),
        ("es", "¿Cómo estuvo su dolor el lunes 30 de noviembre?", "Guardar 30 de noviembre"),
    ],
)
def test_a_past_day_says_which_day_it_is(
    as_alice: Client, clinic: Clinic, language: str, heading: str, button: str
) -> None:
    as_alice.cookies["django_language"] = language
    body = as_alice.get("/today/", {"date": "2026-11-30"}).content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f">{button}</button>" in body


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("en", "How was your pain today?", "Save today"),
        ("es", "¿Cómo estuvo su dolor hoy?", "Guardar el día"),
    ],
)
def test_today_says_today(as_alice: Client, clinic: Clinic, language: str, heading: str, button: str) -> None:
    as_alice.cookies["django_language"] = language
    body = as_alice.get("/today/").content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f">{button}</button>" in body


@pytest.mark.parametrize("language", ["en", "es"])
def test_worst_below_average_is_refused_next_to_the_field(
    as_alice: Client, clinic: Clinic, language: str
) -> None:
    as_alice.cookies["django_language"] = language
    before = AuditEvent.objects.exclude(action="read").count()
    response = as_alice.post("/today/", {"date": TODAY.isoformat(), "pain_average": "7", "pain_worst": "2"})
    assert response.status_code == 400
    expected = {
        "en": "The worst pain cannot be lower than the average pain (7).",
        "es": "El dolor más fuerte no puede ser menor que el dolor medio (7).",
    }[language]
    assert response.context["form"].errors["pain_worst"] == [expected]
    assert expected in response.content.decode()
    assert not DiaryDay.objects.exists()
    assert AuditEvent.objects.exclude(action="read").count() == before


def test_worst_equal_to_average_is_kept(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/", {"date": TODAY.isoformat(), "pain_average": "7", "pain_worst": "7"})
    assert response.status_code == 302
    assert DiaryDay.objects.get().pain_worst == 7


def test_a_stored_day_offers_delete(as_alice: Client, yesterday: DiaryDay) -> None:
    body = as_alice.get("/today/", {"date": YESTERDAY.isoformat()}).content.decode()
    assert "Delete this day's entry" in body
    assert "Delete this day" not in as_alice.get("/today/").content.decode()


def test_delete_then_undo_brings_the_day_back_as_it_was(as_alice: Client, yesterday: DiaryDay) -> None:
    response = as_alice.post("/today/delete/", {"date": YESTERDAY.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == f"/today/?date={YESTERDAY.isoformat()}"
    assert not DiaryDay.objects.exists()
    assert not RegionPain.objects.exists()
    page = as_alice.get(response["Location"]).content.decode()
    assert "is deleted." in page
    assert "Undo the deletion" in page
    undo = as_alice.post("/today/restore/", {"date": YESTERDAY.isoformat()})
    assert undo.status_code == 302
    back = DiaryDay.objects.get()
    assert (back.pk, back.pain_average, back.pain_worst, back.note) == (yesterday.pk, 5, 6, "walked the dog")
    assert list(back.regions.values_list("region_id", "pain")) == [("feet", 6)]
    assert not DeletedDiaryDay.objects.exists()
    assert "Undo the deletion" not in as_alice.get(undo["Location"]).content.decode()


def test_delete_and_undo_are_audited(as_alice: Client, clinic: Clinic, yesterday: DiaryDay) -> None:
    as_alice.post("/today/delete/", {"date": YESTERDAY.isoformat()})
    as_alice.post("/today/restore/", {"date": YESTERDAY.isoformat()})
    events = AuditEvent.objects.exclude(action="read").order_by("pk")
    assert list(events.values_list("action", "object_type", "object_id", "patient_id", "username")) == [
        ("delete", "diaryday", str(yesterday.pk), clinic.alice.pk, "alice"),
        ("change", "diaryday", str(yesterday.pk), clinic.alice.pk, "alice"),
    ]


def test_deleting_a_day_without_an_entry_says_so(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/delete/", {"date": YESTERDAY.isoformat()})
    assert response.status_code == 400
    assert "There is no entry for this day." in response.content.decode()
    assert not AuditEvent.objects.exclude(action="read").exists()


def test_a_patient_deletes_only_her_own_day(client: Client, clinic: Clinic, yesterday: DiaryDay) -> None:
    client.force_login(clinic.dave.user)
    response = client.post("/today/delete/", {"date": YESTERDAY.isoformat()})
    assert response.status_code == 400
    assert DiaryDay.objects.get() == yesterday
