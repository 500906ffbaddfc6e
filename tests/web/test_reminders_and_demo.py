"""`nervepath remind` (idempotent), `nervepath demo` and `nervepath serve` pieces."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from nervepath.web.accounts.models import Preferences, ReminderSent
from nervepath.web.accounts.reminders import send_reminders
from nervepath.web.demo import DEMO_LOGINS, build_demo_clinic
from nervepath.web.pages.attention import concerns_for
from nervepath.web.pages.models import QuestionnaireAssignment
from nervepath.web.pages.schedule import next_due
from nervepath.web.records.models import DiaryDay, Patient, Trial
from tests.web.conftest import Clinic


def _evening(clinic: Clinic) -> datetime:
    Preferences.objects.create(user=clinic.alice.user, reminder_time=time(19, 0))
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(19, 30)))


def test_it_sends_each_reminder_once_when_run_twice(clinic: Clinic) -> None:
    now = _evening(clinic)
    QuestionnaireAssignment.objects.create(
        patient=clinic.alice, instrument_id="peg", every_days=7, start_date=now.date()
    )
    first, second = send_reminders(now), send_reminders(now)
    assert [s.kinds for s in first] == [("diary", "questionnaire:peg")]
    assert second == []
    assert len(mail.outbox) == 1
    assert "PEG" in mail.outbox[0].body
    assert ReminderSent.objects.filter(patient=clinic.alice).count() == 2


def test_it_waits_for_the_chosen_time(clinic: Clinic) -> None:
    now = _evening(clinic).replace(hour=18)
    assert send_reminders(now) == []
    assert not mail.outbox


def test_it_skips_the_diary_reminder_when_today_is_filled_in(clinic: Clinic) -> None:
    now = _evening(clinic)
    DiaryDay.objects.create(patient=clinic.alice, date=now.date(), pain_average=3)
    assert send_reminders(now) == []


def test_it_schedules_repeating_and_one_off_questionnaires() -> None:
    start = datetime(2025, 1, 1).date()
    assert next_due(start, None, None) == start
    assert next_due(start, None, start) is None
    assert next_due(start, 28, start + timedelta(days=3)) == start + timedelta(days=31)


def test_it_builds_a_demo_clinic_with_logins_and_flags(db: None) -> None:
    today = datetime(2025, 6, 30).date()
    clinic = build_demo_clinic(patients=8, years=1, today=today)
    assert clinic.logins == DEMO_LOGINS
    assert User.objects.get(username="pat.demo").check_password("demo-patient-pass")
    pat = Patient.objects.get(user__username="pat.demo")
    assert pat.clinicians.get().user.username == "dr.demo"
    days = DiaryDay.objects.filter(patient=pat).count()
    assert 250 < days < 365  # about one year with missing days
    assert Trial.objects.filter(stop_reason="ineffective").exists()
    kinds = {c.kind for p in Patient.objects.all() for c in concerns_for(p, today)}
    assert {"suicide_risk", "no_diary", "progressive_weakness"} <= kinds
