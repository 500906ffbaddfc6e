"""What a clinician sees at a glance: the list's columns, acknowledging a flag (and its return on new
data), and stopping a trial only after a confirmation with no reason chosen in advance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import (
    CareLink,
    CarePlanItem,
    ClinicalSituation,
    DiaryDay,
    DoseStep,
    FlagAcknowledgement,
    Trial,
)
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic

TODAY = today()


def _diary(patient: object, pains: dict[int, int]) -> None:
    for offset, pain in pains.items():
        DiaryDay.objects.create(patient=patient, date=TODAY - timedelta(days=offset), pain_average=pain)


def _row(response: object, name: str) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


# The list's columns ---------------------------------------------------------------------------------


def _alice_on_pregabalin(clinic: Clinic, review_in: int | None = 14) -> Trial:
    trial = Trial.objects.create(
        patient=clinic.alice,
        drug_id="pregabalin",
        start_date=TODAY - timedelta(days=40),
        review_date=TODAY + timedelta(days=review_in) if review_in is not None else None,
    )
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=150)
    DoseStep.objects.create(trial=trial, date=TODAY - timedelta(days=10), daily_mg=300)
    return trial


def test_it_shows_last_entry_week_average_treatment_and_review(as_bob: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, {1: 4, 2: 6, 6: 5, 7: 9, 20: 2})  # the last 7 days, today included: 4, 6, 5
    _alice_on_pregabalin(clinic)
    row = _row(as_bob.get("/clinic/"), "Alice Patient")
    assert (TODAY - timedelta(days=1)).isoformat() in row
    assert "5.0 / 10" in row
    assert "Pregabalin 300 mg/day" in row
    assert (TODAY + timedelta(days=14)).isoformat() in row
    assert "overdue" not in row


def test_it_takes_the_earlier_of_a_review_and_a_follow_up_visit(as_bob: Client, clinic: Clinic) -> None:
    _alice_on_pregabalin(clinic, review_in=-3)
    CarePlanItem.objects.create(
        patient=clinic.alice, kind="follow_up", item_id="follow_up_visit", title="Visit",
        due_date=TODAY - timedelta(days=5), status="completed",
    )  # fmt: skip
    CarePlanItem.objects.create(
        patient=clinic.alice, kind="follow_up", item_id="follow_up_visit", title="Visit",
        due_date=TODAY + timedelta(days=2),
    )  # fmt: skip
    row = _row(as_bob.get("/clinic/"), "Alice Patient")
    assert (TODAY - timedelta(days=3)).isoformat() in row  # the trial's review, overdue
    assert "overdue" in row
    assert (TODAY - timedelta(days=5)).isoformat() not in row  # a completed visit is no review


def test_it_says_plainly_what_a_patient_without_data_or_flags_has(as_bob: Client, clinic: Clinic) -> None:
    CareLink.objects.create(clinician=clinic.bob, patient=clinic.dave)
    _diary(clinic.dave, {0: 3, 10: 7})
    stopped = Trial.objects.create(
        patient=clinic.dave, drug_id="duloxetine", start_date=TODAY - timedelta(days=30),
        stop_date=TODAY - timedelta(days=5), stop_reason="ineffective",
    )  # fmt: skip
    DoseStep.objects.create(trial=stopped, date=stopped.start_date, daily_mg=60)
    page = as_bob.get("/clinic/")
    dave, alice = _row(page, "Dave Other"), _row(page, "Alice Patient")
    assert "No flags" in dave
    assert "nothing" not in page.content.decode()
    assert "3.0 / 10" in dave
    assert "None running" in dave
    assert "Not planned" in dave
    assert "Duloxetine" not in dave  # stopped: not a current treatment
    assert "No entries yet" in alice
    assert "No entries this week" in alice


def test_it_shows_the_columns_in_spanish(as_bob: Client, clinic: Clinic) -> None:
    as_bob.cookies["django_language"] = "es"
    html = as_bob.get("/clinic/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for words in ("Última anotación del diario", "Dolor, media de 7 días", "Tratamiento actual"):
        assert words in html


# Acknowledging a flag ---------------------------------------------------------------------------------


def _flags(client: Client) -> list[str]:
    (row,) = [r for r in client.get("/clinic/").context["page"] if r[0].display_name == "Alice Patient"]
    return [c.flag for c in row[1]]


def _acknowledge(client: Client, clinic: Clinic, flag: str, note: str = "Spoke with her today") -> object:
    return client.post(f"/clinic/patients/{clinic.alice.pk}/acknowledge/", {"flag": flag, "note": note})


def _age_acknowledgements() -> None:
    """Move the acknowledgements a minute back, so data recorded now is plainly newer."""
    FlagAcknowledgement.objects.update(acknowledged_at=timezone.now() - timedelta(minutes=1))


def test_it_rests_an_acknowledged_self_harm_flag_until_a_new_phq9_raises_it(
    as_bob: Client, clinic: Clinic
) -> None:
    _diary(clinic.alice, {0: 5})
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1], timezone.now() - timedelta(hours=2))
    assert _flags(as_bob) == ["suicide_risk"]
    response = _acknowledge(as_bob, clinic, "suicide_risk")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert _flags(as_bob) == []
    event = AuditEvent.objects.get(object_type="flagacknowledgement")
    assert (event.patient_id, event.username, event.action) == (clinic.alice.pk, "bob", "change")
    page = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    assert "Acknowledged flags" in page
    assert "Spoke with her today" in page

    _age_acknowledgements()
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [2])
    assert _flags(as_bob) == ["suicide_risk"]


def test_it_keeps_the_flag_gone_when_the_new_phq9_answers_no_to_item_9(
    as_bob: Client, clinic: Clinic
) -> None:
    _diary(clinic.alice, {0: 5})
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1], timezone.now() - timedelta(hours=2))
    _acknowledge(as_bob, clinic, "suicide_risk")
    _age_acknowledgements()
    record_questionnaire(clinic.alice, "phq9", [0] * 9)
    assert _flags(as_bob) == []


def test_it_raises_an_acknowledged_red_flag_again_when_the_situation_changes(
    as_bob: Client, clinic: Clinic
) -> None:
    _diary(clinic.alice, {0: 5})
    ClinicalSituation.objects.create(patient=clinic.alice, red_flag_findings=["progressive_weakness"])
    _acknowledge(as_bob, clinic, "progressive_weakness")
    assert _flags(as_bob) == []
    _age_acknowledgements()
    situation = ClinicalSituation.objects.get(patient=clinic.alice)
    situation.red_flag_findings = ["progressive_weakness", "new_focal_deficit"]
    situation.save()
    assert "progressive_weakness" in _flags(as_bob)


def test_it_raises_an_acknowledged_silent_diary_again_after_the_next_silence(
    as_bob: Client, clinic: Clinic
) -> None:
    assert _flags(as_bob) == ["no_diary"]
    _acknowledge(as_bob, clinic, "no_diary", "On holiday for a month")
    assert _flags(as_bob) == []
    _age_acknowledgements()
    _diary(clinic.alice, {60: 4})  # an entry arrives (for a day long ago): newer than the acknowledgement
    assert _flags(as_bob) == ["no_diary"]


@pytest.mark.parametrize(
    ("flag", "note", "error"),
    [
        ("suicide_risk", "", "This field is required."),
        ("suicide_risk", "x" * 2001, "at most 2000 characters"),
        ("progressive_weakness", "seen", "no longer open"),  # not a flag of this patient
    ],
)
def test_it_refuses_an_acknowledgement_without_a_note_or_of_a_flag_not_raised(
    as_bob: Client, clinic: Clinic, flag: str, note: str, error: str
) -> None:
    _diary(clinic.alice, {0: 5})
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1])
    response = _acknowledge(as_bob, clinic, flag, note)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert error in response.content.decode()  # type: ignore[attr-defined]
    assert not FlagAcknowledgement.objects.exists()
    assert not AuditEvent.objects.filter(object_type="flagacknowledgement").exists()


def test_it_lets_only_the_patients_own_care_team_acknowledge(as_carol: Client, clinic: Clinic) -> None:
    record_questionnaire(clinic.alice, "phq9", [0] * 8 + [1])
    response = _acknowledge(as_carol, clinic, "suicide_risk")
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert not FlagAcknowledgement.objects.exists()


# Stopping a trial -------------------------------------------------------------------------------------


def test_it_offers_the_stop_with_no_reason_chosen(as_bob: Client, clinic: Clinic) -> None:
    trial = _alice_on_pregabalin(clinic)
    html = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    select = html[html.index('name="because"') : html.index("</select>", html.index('name="because"'))]
    assert '<option value="" selected>' in select
    assert select.count("selected") == 1
    assert f'id="stop{trial.pk}_because"' in html


def _stop(client: Client, trial: Trial, **extra: str) -> object:
    data = {"because": "side_effects", "date": TODAY.isoformat(), "version": str(trial.version)} | extra
    return client.post(f"/clinic/trials/{trial.pk}/stop/", data)


def test_it_stops_nothing_without_a_reason(as_bob: Client, clinic: Clinic) -> None:
    trial = _alice_on_pregabalin(clinic)
    response = _stop(as_bob, trial, because="", confirm="1")
    assert response.status_code == 400  # type: ignore[attr-defined]
    trial.refresh_from_db()
    assert trial.stop_date is None


def test_it_asks_to_confirm_before_stopping(as_bob: Client, clinic: Clinic) -> None:
    trial = _alice_on_pregabalin(clinic)
    before = AuditEvent.objects.exclude(action="read").count()
    asked = _stop(as_bob, trial)
    assert asked.status_code == 200  # type: ignore[attr-defined]
    html = asked.content.decode()  # type: ignore[attr-defined]
    assert "Stop the trial?" in html
    assert "Pregabalin" in html
    assert "Side effects" in html
    assert 'name="confirm" value="1"' in html
    trial.refresh_from_db()
    assert (trial.stop_date, AuditEvent.objects.exclude(action="read").count()) == (None, before)

    done = _stop(as_bob, trial, confirm="1")
    assert done.status_code == 302  # type: ignore[attr-defined]
    trial.refresh_from_db()
    assert (trial.stop_date, trial.stop_reason) == (TODAY, "side_effects")


def test_it_keeps_the_trial_running_when_the_confirmation_is_stale(as_bob: Client, clinic: Clinic) -> None:
    trial = _alice_on_pregabalin(clinic)
    _stop(as_bob, trial)  # asked to confirm ...
    as_bob.post(
        f"/clinic/trials/{trial.pk}/dose/", {"daily_mg": "450", "date": TODAY.isoformat(), "version": 1}
    )
    response = _stop(as_bob, trial, confirm="1", version="1")  # ... after someone changed the dose
    assert response.status_code == 400  # type: ignore[attr-defined]
    trial.refresh_from_db()
    assert trial.stop_date is None
