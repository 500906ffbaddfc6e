"""The PDF reports from the web app in the language of the request (issue 19, point 3)."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from nervepath.web.records.models import DiaryDay
from nervepath.web.records.validation import today
from tests.reports.pdftext import pages
from tests.web.conftest import Clinic


def test_it_sends_the_clinician_report_in_the_clinicians_language(as_bob: Client, clinic: Clinic) -> None:
    for offset in range(10):
        DiaryDay.objects.create(patient=clinic.alice, date=today() - timedelta(days=offset), pain_average=5)
    as_bob.cookies["django_language"] = "es"
    response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/report.pdf", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    text = " ".join(pages(response.content))
    assert "DOLOR NEUROPÁTICO - RESUMEN CLÍNICO" in text
    assert "Situación actual" in text
    assert "Current situation" not in text


def test_it_sends_the_care_plan_in_spanish_and_english(as_alice: Client) -> None:
    as_alice.cookies["django_language"] = "es"
    spanish = " ".join(pages(as_alice.get("/plan.pdf", HTTP_ACCEPT_LANGUAGE="es").content))
    assert "MI PLAN DE CUIDADOS PARA EL DOLOR NEUROPÁTICO" in spanish
    as_alice.cookies["django_language"] = "en"
    english = " ".join(pages(as_alice.get("/plan.pdf", HTTP_ACCEPT_LANGUAGE="en").content))
    assert "MY CARE PLAN FOR NERVE PAIN" in english
