"""PDF reports from the web app: the clinician report and the patient's own care plan."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import DiaryDay
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic


def _diary(clinic: Clinic) -> None:
    for offset in range(10):
        DiaryDay.objects.create(patient=clinic.alice, date=today() - timedelta(days=offset), pain_average=5)


def test_it_sends_the_clinician_report_as_a_pdf(as_bob: Client, clinic: Clinic) -> None:
    _diary(clinic)
    response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    name = f"nervepath-report-patient-{clinic.alice.pk}-{today().isoformat()}.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="read", object_type="report", patient_id=clinic.alice.pk).exists()


def test_it_sends_the_patient_her_care_plan_as_a_pdf(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.get("/plan.pdf?paper=letter")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert f"nervepath-my-plan-{today().isoformat()}.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="read", object_type="report").count() == 1


def test_it_links_both_reports_from_the_pages(as_alice: Client, client: Client, clinic: Clinic) -> None:
    assert 'href="/plan.pdf"' in as_alice.get("/plan/").content.decode()
    client.force_login(clinic.bob.user)
    body = client.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    assert f'href="/clinic/patients/{clinic.alice.pk}/report.pdf"' in body


def test_it_refuses_a_period_that_ends_before_it_starts(as_bob: Client, clinic: Clinic) -> None:
    url = f"/clinic/patients/{clinic.alice.pk}/report.pdf?start=2025-03-10&end=2025-03-01&paper=a4"
    response = as_bob.get(url)
    assert response.status_code == 400
    assert response.context["form"].errors["end"]
    assert not AuditEvent.objects.filter(object_type="report").exists()


def test_it_refuses_garbage_parameters_without_a_server_error(as_bob: Client, clinic: Clinic) -> None:
    url = f"/clinic/patients/{clinic.alice.pk}/report.pdf?start=2024-02-30&paper=a3"
    response = as_bob.get(url)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"start", "paper"}


def test_it_keeps_each_report_within_its_audience(client: Client, clinic: Clinic) -> None:
    client.force_login(clinic.carol.user)
    assert client.get(f"/clinic/patients/{clinic.alice.pk}/report.pdf").status_code == 404
    client.force_login(clinic.alice.user)
    assert client.get(f"/clinic/patients/{clinic.alice.pk}/report.pdf").status_code == 404
    client.force_login(clinic.bob.user)
    assert client.get("/plan.pdf").status_code == 404
    assert client.get(f"/clinic/patients/{clinic.dave.pk}/report.pdf").status_code == 404
    client.force_login(clinic.root)
    assert client.get(f"/clinic/patients/{clinic.dave.pk}/report.pdf").status_code == 200
    assert not AuditEvent.objects.filter(patient_id=clinic.alice.pk, object_type="report").exists()
