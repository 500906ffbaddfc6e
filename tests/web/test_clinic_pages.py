"""The clinician's patient list and patient page: attention first, trials, assignments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.pages.models import QuestionnaireAssignment
from nervepath.web.records.models import CareLink, Condition, DiaryDay, DoseStep, Trial
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.validation import today
from tests.faults import FAILED, audit_log_lost
from tests.web.conftest import Clinic, login


def _second_patient(clinic: Clinic) -> None:
    CareLink.objects.create(clinician=clinic.bob, patient=clinic.dave)
    for offset in range(3):
        DiaryDay.objects.create(patient=clinic.dave, date=today() - timedelta(days=offset), pain_average=4)


def test_it_lists_the_patient_with_a_phq9_self_harm_answer_first(as_bob: Client, clinic: Clinic) -> None:
    _second_patient(clinic)
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1])
    rows = list(as_bob.get("/clinic/").context["page"])
    assert [p.display_name for p, _ in rows] == ["Alice Patient", "Dave Other"]
    assert "suicide_risk" in [c.kind for c in rows[0][1]]


def test_it_logs_a_read_for_each_listed_patient(as_bob: Client, clinic: Clinic) -> None:
    _second_patient(clinic)
    as_bob.get("/clinic/?q=dave")
    as_bob.get("/clinic/")
    listed = AuditEvent.objects.filter(object_type="patient_list", username="bob", action="read")
    assert sorted(listed.values_list("patient_id", flat=True)) == sorted(
        [clinic.dave.pk, clinic.alice.pk, clinic.dave.pk]
    )


def test_it_flags_a_red_flag_finding_and_a_silent_diary(as_bob: Client, clinic: Clinic) -> None:
    Condition.objects.create(patient=clinic.alice, condition_id="progressive_weakness")
    rows = dict(as_bob.get("/clinic/").context["page"].object_list)
    kinds = [c.kind for c in rows[clinic.alice]]
    assert kinds == ["progressive_weakness", "no_diary"]


def test_it_filters_by_name_and_by_attention(as_bob: Client, clinic: Clinic) -> None:
    _second_patient(clinic)
    by_name = as_bob.get("/clinic/?q=dave").context["page"]
    assert [p.display_name for p, _ in by_name] == ["Dave Other"]
    needing = as_bob.get("/clinic/?attention=on").context["page"]
    assert [p.display_name for p, _ in needing] == ["Alice Patient"]


def test_it_starts_a_trial(as_bob: Client, clinic: Clinic) -> None:
    data = {"drug": "pregabalin", "daily_mg": "150", "start": today().isoformat(), "review_date": ""}
    response = as_bob.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    assert response.status_code == 302
    trial = Trial.objects.get(patient=clinic.alice)
    assert (trial.drug_id, trial.doses.get().daily_mg) == ("pregabalin", 150)
    assert AuditEvent.objects.filter(action="change", object_type="trial", object_id=str(trial.pk)).exists()


# A real transaction, not the test's own, so that the failed request rolls back as in production.
@pytest.mark.django_db(transaction=True)
def test_it_keeps_no_trial_when_its_audit_event_cannot_be_written(clinic: Clinic) -> None:
    client = login(Client(raise_request_exception=False), clinic.bob.user)
    data = {"drug": "pregabalin", "daily_mg": "150", "start": today().isoformat(), "review_date": ""}
    with audit_log_lost():
        response = client.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    assert response.status_code in FAILED
    assert not Trial.objects.exists()
    assert not DoseStep.objects.exists()


def test_it_shows_a_service_error_next_to_the_field(as_bob: Client, clinic: Clinic) -> None:
    data = {
        "drug": "pregabalin",
        "daily_mg": "150",
        "start": today().isoformat(),
        "review_date": (today() - timedelta(days=5)).isoformat(),
    }
    response = as_bob.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    assert response.status_code == 400
    assert response.context["start_form"].errors["review_date"]
    assert not Trial.objects.exists()


def test_it_refuses_a_second_running_trial_of_the_same_drug(as_bob: Client, clinic: Clinic) -> None:
    data = {"drug": "pregabalin", "daily_mg": "150", "start": today().isoformat()}
    as_bob.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    response = as_bob.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    assert response.status_code == 400
    assert "already running" in response.content.decode()
    assert Trial.objects.count() == 1


def _running(clinic: Clinic) -> Trial:
    trial = Trial.objects.create(
        patient=clinic.alice, drug_id="gabapentin", start_date=today() - timedelta(days=14)
    )
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=900)
    return trial


def test_it_changes_the_dose_and_stops_the_trial(as_bob: Client, clinic: Clinic) -> None:
    trial = _running(clinic)
    as_bob.post(
        f"/clinic/trials/{trial.pk}/dose/", {"daily_mg": "1200", "date": today().isoformat(), "version": 1}
    )
    assert [s.daily_mg for s in trial.doses.all()] == [900, 1200]
    as_bob.post(
        f"/clinic/trials/{trial.pk}/stop/",
        {"because": "side_effects", "date": today().isoformat(), "version": 2, "confirm": "1"},
    )
    trial.refresh_from_db()
    assert (trial.stop_date, trial.stop_reason) == (today(), "side_effects")


def test_it_reports_a_stale_version_as_a_conflict(as_bob: Client, clinic: Clinic) -> None:
    trial = _running(clinic)
    response = as_bob.post(
        f"/clinic/trials/{trial.pk}/dose/", {"daily_mg": "1200", "date": today().isoformat(), "version": 7}
    )
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert trial.doses.count() == 1


def test_it_assigns_a_questionnaire_that_the_patient_then_sees_as_due(
    as_bob: Client, client: Client, clinic: Clinic
) -> None:
    as_bob.post(f"/clinic/patients/{clinic.alice.pk}/assign/", {"instrument": "phq9", "every_days": "28"})
    assignment = QuestionnaireAssignment.objects.get(patient=clinic.alice)
    assert (assignment.instrument_id, assignment.every_days, assignment.assigned_by) == (
        "phq9",
        28,
        clinic.bob,
    )
    client.force_login(clinic.alice.user)
    due = client.get("/today/").context["due"]
    assert [d.instrument_id for d in due] == ["phq9"]
