"""Today (the diary), Check (questionnaires), My treatments and My plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import DiaryDay, DoseStep, QuestionnaireResponse, Trial
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.validation import today
from tests.faults import FAILED, audit_log_lost
from tests.web.conftest import Clinic, login


def test_it_saves_a_diary_day_with_only_the_average_pain(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/", {"date": today().isoformat(), "pain_average": "6"})
    assert response.status_code == 302
    day = DiaryDay.objects.get(patient=clinic.alice)
    assert (day.date, day.pain_average, day.pain_worst) == (today(), 6, None)
    assert AuditEvent.objects.filter(
        action="change", object_type="diaryday", patient_id=clinic.alice.pk
    ).exists()


# A real transaction, not the test's own, so that the failed save rolls back as in production.
@pytest.mark.django_db(transaction=True)
def test_it_keeps_no_diary_day_when_its_audit_event_cannot_be_written(clinic: Clinic) -> None:
    client = login(Client(raise_request_exception=False), clinic.alice.user)
    with audit_log_lost():
        response = client.post("/today/", {"date": today().isoformat(), "pain_average": "6"})
    assert response.status_code in FAILED
    assert not DiaryDay.objects.filter(patient=clinic.alice).exists()


def test_it_saves_the_optional_sections(as_alice: Client, clinic: Clinic) -> None:
    data = {
        "date": today().isoformat(),
        "pain_average": "5",
        "pain_worst": "8",
        "sleep_interference": "4",
        "mood": "6",
        "qualities": ["burning_pain", "tingling"],
        "triggers": ["cold"],
        "note": "long walk",
    }
    as_alice.post("/today/", data)
    day = DiaryDay.objects.get(patient=clinic.alice)
    assert (day.pain_worst, day.sleep_interference, day.mood) == (8, 4, 6)
    assert (day.qualities, day.triggers, day.note) == (["burning_pain", "tingling"], ["cold"], "long walk")


def test_it_fills_todays_form_from_yesterday_only_when_asked(as_alice: Client, clinic: Clinic) -> None:
    DiaryDay.objects.create(patient=clinic.alice, date=today() - timedelta(days=1), pain_average=7, note="x")
    assert "pain_average" not in as_alice.get("/today/").context["form"].initial
    form = as_alice.get("/today/", {"fill": "previous"}).context["form"]
    assert form.initial["pain_average"] == 7
    assert "note" not in form.initial


def test_it_requires_the_average_pain_and_saves_nothing(as_alice: Client) -> None:
    response = as_alice.post("/today/", {"date": today().isoformat(), "pain_worst": "5"})
    assert response.status_code == 400
    assert "pain_average" in response.context["form"].errors
    assert 'id="id_pain_average_error"' in response.content.decode()
    assert not DiaryDay.objects.exists()


def test_it_refuses_a_future_day_next_to_the_field(as_alice: Client) -> None:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = as_alice.post("/today/", {"date": tomorrow, "pain_average": "4"})
    assert response.status_code == 400
    assert response.context["form"].errors["date"]
    assert not DiaryDay.objects.exists()


def test_it_asks_a_questionnaire_one_item_at_a_time(as_alice: Client, clinic: Clinic) -> None:
    first = as_alice.get("/check/dn4_interview/?restart=1")
    assert first.context["number"] == 1
    items = [i.id for i in first.context["inst"].items]
    response = first
    for item in items:
        response = as_alice.post("/check/dn4_interview/", {"item": item, "answer": "1"})
    assert response.status_code == 302
    stored = QuestionnaireResponse.objects.get(patient=clinic.alice)
    assert stored.score == len(items)
    assert all(value is True for value in stored.answers.values())
    result = as_alice.get(response["Location"]).content.decode()
    assert "What a positive screen means" in result
    assert "not a diagnosis" in result


def test_it_goes_back_one_question(as_alice: Client) -> None:
    as_alice.get("/check/phq9/?restart=1")
    as_alice.post("/check/phq9/", {"item": "interest", "answer": "1"})
    back = as_alice.post("/check/phq9/", {"back": "1"})
    assert back.context["number"] == 1


def test_it_keeps_the_step_when_the_answer_is_missing(as_alice: Client) -> None:
    as_alice.get("/check/phq9/?restart=1")
    response = as_alice.post("/check/phq9/", {"item": "interest"})
    assert response.status_code == 400
    assert response.context["number"] == 1
    assert not QuestionnaireResponse.objects.exists()


def test_it_answers_a_step_with_htmx_as_a_card(as_alice: Client) -> None:
    as_alice.get("/check/phq9/?restart=1")
    response = as_alice.post("/check/phq9/", {"item": "interest", "answer": "0"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="card"')
    assert "<html" not in body


def test_it_does_not_offer_clinician_only_questionnaires(as_alice: Client) -> None:
    assert as_alice.get("/check/dn4/").status_code == 404
    assert as_alice.get("/check/no_such_thing/").status_code == 404


def test_it_explains_the_phq9_self_harm_flag(as_alice: Client, clinic: Clinic) -> None:
    flagged = record_questionnaire(clinic.alice, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    body = as_alice.get(f"/check/result/{flagged.pk}/").content.decode()
    assert "Please talk to someone today." in body


def test_it_shows_treatments_with_the_chart_in_words(as_alice: Client, clinic: Clinic) -> None:
    trial = Trial.objects.create(
        patient=clinic.alice, drug_id="pregabalin", start_date=today() - timedelta(days=3)
    )
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=150)
    body = as_alice.get("/treatments/").content.decode()
    assert '<img src="/treatments/chart.svg?period=' in body  # the chart without JavaScript, in its alt
    assert "Pregabalin 150 mg/day." in body
    assert "150 mg/day" in body


def test_it_prints_the_plan_with_the_running_medicine(as_alice: Client, clinic: Clinic) -> None:
    trial = Trial.objects.create(patient=clinic.alice, drug_id="duloxetine", start_date=today())
    DoseStep.objects.create(trial=trial, date=today(), daily_mg=60)
    clinic.alice.care_plan.create(kind="exercise", item_id="exercise", title="Walk every morning")
    body = as_alice.get("/plan/").content.decode()
    assert "Duloxetine" in body
    assert "Walk every morning" in body
