"""What affects my pain: the patient's page, the same section on the clinician's patient page."""

from __future__ import annotations

import time
from datetime import timedelta

from django.test import Client

from nervepath.outcomes.insights import analyse
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records import mappers
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import Patient
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic, login

COLD_EN = "On days with cold, your pain was 3."
COLD_ES = "En los días con frío, su dolor fue 3,"


def diary(patient: Patient, days: int = 60) -> None:
    """The last ``days`` days: cold on every third day with pain 3 points higher, a weekly wobble."""
    first = today() - timedelta(days=days - 1)
    for i in range(days):
        cold = i % 3 == 0
        pain = 4 + (3 if cold else 0) + (i % 7 == 0)
        record_day(patient, DayInput(first + timedelta(days=i), pain, triggers=["cold"] if cold else []))


def test_the_patient_sees_the_planted_finding_first_with_the_plot(as_alice: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    response = as_alice.get("/insights/")
    assert response.status_code == 200
    section = response.context["insights"]
    assert section.findings[0].startswith(COLD_EN)
    assert section.days == 60
    page = response.content.decode()
    assert COLD_EN in page
    assert page.index(COLD_EN) < page.index("<svg")  # findings first, then the forest plot
    assert 'aria-label="Difference in average pain for each factor' in page
    assert "Mood" in page  # no mood recorded: listed as not enough data yet
    assert "They do not show that a factor causes pain." in page
    assert AuditEvent.objects.filter(
        object_type="insights", action="read", patient_id=clinic.alice.pk
    ).exists()


def test_the_page_speaks_spanish(as_alice: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    page = as_alice.get("/insights/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert COLD_ES in page
    assert "Qué influye en mi dolor" in page
    assert "No muestran que un factor cause dolor." in page
    assert "el mismo día" in page  # the plot's rows in Spanish
    assert COLD_EN not in page


def test_a_short_diary_says_not_enough_data_and_draws_no_plot(as_alice: Client, clinic: Clinic) -> None:
    diary(clinic.alice, days=20)
    page = as_alice.get("/insights/").content.decode()
    assert "Not enough data yet:" in page
    assert "<svg" not in page
    assert "No factor stands out yet" in page


def test_the_patient_navigation_links_the_page(as_alice: Client) -> None:
    assert 'href="/insights/"' in as_alice.get("/today/").content.decode()


def test_another_patient_sees_only_their_own_diary(client: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    page = login(client, clinic.dave.user).get("/insights/").content.decode()
    assert COLD_EN not in page
    assert "Not enough data yet:" in page


def test_a_clinician_is_refused_the_patients_own_page(as_bob: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    response = as_bob.get("/insights/")
    assert response.status_code in (403, 404)
    assert COLD_EN not in response.content.decode()


def test_the_clinician_patient_page_shows_the_section(as_bob: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    page = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    assert "What affects the pain" in page
    assert COLD_EN in page
    assert "What went with the patient's pain" in page


def test_an_unlinked_clinician_gets_no_section(as_carol: Client, clinic: Clinic) -> None:
    diary(clinic.alice)
    response = as_carol.get(f"/clinic/patients/{clinic.alice.pk}/")
    assert response.status_code == 404
    assert COLD_EN not in response.content.decode()


def test_the_page_answers_quickly(as_alice: Client, clinic: Clinic) -> None:
    """A year of daily entries: the page's server time, after the first request loaded statsmodels."""
    diary(clinic.alice, days=365)
    as_alice.get("/insights/")
    started = time.perf_counter()
    for _ in range(3):
        assert as_alice.get("/insights/").status_code == 200
    assert (time.perf_counter() - started) / 3 < 1.0


def test_the_page_reads_the_same_days_as_the_full_diary(as_alice: Client, clinic: Clinic) -> None:
    """The page reads only the analysed columns: the result is the analysis of the whole records."""
    diary(clinic.alice)
    first = today() - timedelta(days=59)
    for i in range(0, 60, 2):  # a scale and a second trigger on some days
        row = clinic.alice.diary_days.get(date=first + timedelta(days=i))
        row.sleep_interference = i % 5
        row.triggers = [*row.triggers, "stress"]
        row.save()
    expected = analyse(mappers.diary(clinic.alice), mappers.trials(clinic.alice))
    section = as_alice.get("/insights/").context["insights"]
    assert section.findings == tuple(f.sentence("en") for f in expected.findings)
    assert section.others == tuple(f.sentence("en") for f in expected.factors if not f.finding)
