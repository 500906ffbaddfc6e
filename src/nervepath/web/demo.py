"""A synthetic demo clinic: one clinician, an admin and patients with years of plausible diaries.

Everything here is invented for demonstration and testing. Doses are taken from the drug catalogue
(``effective_min_daily_mg`` and ``max_daily_mg`` of ``data/clinical/drugs.yaml``), never made up here.
Rows are written with ``bulk_create`` so a clinic of hundreds of patient-years builds in seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nervepath.clinical.drugs import load_drugs
from nervepath.instruments import get_instrument, score
from nervepath.web.accounts.models import Preferences
from nervepath.web.pages.models import QuestionnaireAssignment
from nervepath.web.records import models as m
from nervepath.web.records.validation import today as local_today

DEMO_LOGINS = {
    "clinician": ("dr.demo", "demo-clinician-pass"),
    "patient": ("pat.demo", "demo-patient-pass"),
    "admin": ("admin.demo", "demo-admin-pass"),
}
# (etiology, comorbid conditions, first drug, second drug, share of pain the first drug relieves)
SCENARIOS = [
    ("diabetic_polyneuropathy", ["diabetes_type_2"], "pregabalin", "duloxetine", 0.35),
    ("postherpetic_neuralgia", ["herpes_zoster"], "gabapentin", "amitriptyline", 0.05),
    ("chemotherapy_induced", ["cancer", "chemotherapy"], "duloxetine", "pregabalin", 0.4),
    ("radiculopathy", ["hypertension"], "amitriptyline", "pregabalin", 0.1),
    ("diabetic_polyneuropathy", ["diabetes_type_1"], "duloxetine", "gabapentin", 0.55),
    ("trigeminal_neuralgia", [], "carbamazepine", "gabapentin", 0.5),
    ("hiv_neuropathy", ["hiv"], "pregabalin", "amitriptyline", 0.05),
]
FIRST_NAMES = ["Ana", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jon", "Kemal", "Lena"]
LAST_NAMES = ["Alvarez", "Brown", "Chen", "Diallo", "Evans", "Fischer", "García", "Hansen", "Ito", "Jones"]


@dataclass
class _Rows:
    days: list[m.DiaryDay] = field(default_factory=list)
    doses: list[m.DoseStep] = field(default_factory=list)
    responses: list[m.QuestionnaireResponse] = field(default_factory=list)


@dataclass(frozen=True)
class DemoClinic:
    patients: int
    diary_days: int
    logins: dict[str, tuple[str, str]]


def build_demo_clinic(
    patients: int = 12, years: float = 1.0, seed: int = 7, today: date | None = None
) -> DemoClinic:
    """Create the demo users and ``patients`` synthetic patients with ``years`` of history."""
    end = today or local_today()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    with transaction.atomic():
        clinician = _staff()
        rows = _Rows()
        for index in range(patients):
            _patient(index, clinician, rng, end, max(int(years * 365), 60), rows)
        m.DiaryDay.objects.bulk_create(rows.days, batch_size=2000)
        m.DoseStep.objects.bulk_create(rows.doses, batch_size=2000)
        m.QuestionnaireResponse.objects.bulk_create(rows.responses, batch_size=2000)
    return DemoClinic(patients, len(rows.days), DEMO_LOGINS)


def _user(role: str, **extra: Any) -> User:
    username, password = DEMO_LOGINS[role]
    user = User.objects.create_user(username, f"{username}@example.org", password, **extra)
    Preferences.objects.create(user=user, reminder_time=time(20, 0))
    return user


def _staff() -> m.Clinician:
    _user("admin", is_staff=True)
    return m.Clinician.objects.create(display_name="Dr. Dana Demo", user=_user("clinician"))


def _patient(
    index: int, clinician: m.Clinician, rng: random.Random, end: date, span: int, rows: _Rows
) -> None:
    etiology, conditions, first, second, relief = SCENARIOS[index % len(SCENARIOS)]
    is_demo = index == 0
    name = "Pat Demo" if is_demo else f"{FIRST_NAMES[index % 12]} {LAST_NAMES[(index * 7) % 10]}"
    patient = m.Patient.objects.create(
        display_name=name,
        user=_user("patient") if is_demo else None,
        birth_date=date(1940 + rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        sex=rng.choice(["female", "male"]),
    )
    m.CareLink.objects.create(clinician=clinician, patient=patient)
    m.Condition.objects.bulk_create(
        m.Condition(patient=patient, condition_id=c) for c in [etiology, *conditions]
    )
    start = end - timedelta(days=span)
    periods = _trials(patient, first, second, relief, start, end, rows)
    silent_from = end - timedelta(days=10) if index % 5 == 3 else end + timedelta(days=1)
    _diary(patient, rng, start, end, periods, silent_from, rows)
    _questionnaires(patient, rng, start, end, worrying=index % 6 == 4, rows=rows)
    if index % 7 == 5:
        m.Condition.objects.create(patient=patient, condition_id="progressive_weakness")
    if is_demo:
        _demo_extras(patient, clinician, end)


def _trials(
    patient: m.Patient, first: str, second: str, relief: float, start: date, end: date, rows: _Rows
) -> list[tuple[date, date, float]]:
    """A first trial after a month of baseline; a poor one is stopped after 10 weeks and a second begun."""
    drugs = load_drugs()
    first_start = start + timedelta(days=30)
    trial = m.Trial.objects.create(patient=patient, drug_id=first, start_date=first_start)
    rows.doses.append(
        m.DoseStep(trial=trial, date=first_start, daily_mg=drugs[first].effective_min_daily_mg or 1)
    )
    if relief >= 0.3 or first_start + timedelta(days=80) >= end:
        return [(first_start, end, relief)]
    stop = first_start + timedelta(days=70)
    top = drugs[first].max_daily_mg
    if top:
        rows.doses.append(m.DoseStep(trial=trial, date=first_start + timedelta(days=28), daily_mg=top))
    m.Trial.objects.filter(pk=trial.pk).update(stop_date=stop, stop_reason="ineffective")
    again = m.Trial.objects.create(patient=patient, drug_id=second, start_date=stop + timedelta(days=1))
    rows.doses.append(
        m.DoseStep(trial=again, date=again.start_date, daily_mg=drugs[second].effective_min_daily_mg or 1)
    )
    return [(first_start, stop, relief), (again.start_date, end, 0.3 + relief)]


def _relief_on(day: date, periods: list[tuple[date, date, float]]) -> float:
    for first, last, relief in periods:
        if first <= day <= last:
            return relief * min(1.0, (day - first).days / 21)  # effects build up over about three weeks
    return 0.0


def _diary(
    patient: m.Patient,
    rng: random.Random,
    start: date,
    end: date,
    periods: list[tuple[date, date, float]],
    silent_from: date,
    rows: _Rows,
) -> None:
    baseline = rng.uniform(5.5, 8.0)
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        if day >= silent_from or rng.random() < 0.15:
            continue
        pain = _clamp(baseline * (1 - _relief_on(day, periods)) + rng.gauss(0, 0.9))
        rows.days.append(
            m.DiaryDay(
                patient=patient,
                date=day,
                pain_average=pain,
                pain_worst=_clamp(pain + rng.uniform(0.5, 2.5)),
                sleep_interference=_clamp(pain - 1 + rng.gauss(0, 1)),
                mood=_clamp(10 - pain + rng.gauss(0, 1)),
            )
        )


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _questionnaires(
    patient: m.Patient, rng: random.Random, start: date, end: date, worrying: bool, rows: _Rows
) -> None:
    dn4 = {item.id: rng.random() < 0.7 for item in get_instrument("dn4_interview").items}
    rows.responses.append(_response(patient, "dn4_interview", dn4, start))
    day = start
    while day < end - timedelta(days=7):
        answers = [rng.choice([0, 1, 1, 2]) for _ in range(8)] + [0]
        rows.responses.append(_response(patient, "phq9", answers, day))
        day += timedelta(days=91)
    if worrying:
        rows.responses.append(
            _response(patient, "phq9", [2, 2, 1, 2, 1, 2, 1, 1, 1], end - timedelta(days=2))
        )


def _response(patient: m.Patient, instrument_id: str, answers: Any, day: date) -> m.QuestionnaireResponse:
    result = score(instrument_id, answers)
    taken = timezone.make_aware(datetime.combine(day, time(9, 30)))
    return m.QuestionnaireResponse(
        patient=patient,
        instrument_id=instrument_id,
        answers=answers,
        score=float(result.score),
        band=result.band or "",
        taken_at=taken,
    )


def _demo_extras(patient: m.Patient, clinician: m.Clinician, end: date) -> None:
    plan = [
        ("therapy", "physical_therapy", "Physiotherapy: six sessions, exercises to do at home"),
        ("exercise", "exercise", "Walk most days, building up slowly; stop if the pain flares badly"),
        ("sleep", "sleep_routine", "Same bedtime and wake-up time every day; no screens in bed"),
        ("coping", "psychological_therapy", "Pain coping course (group sessions)"),
        ("follow_up", "follow_up_visit", "Follow-up visit to review the medicine trial"),
    ]
    m.CarePlanItem.objects.bulk_create(
        m.CarePlanItem(
            patient=patient,
            kind=kind,
            item_id=item,
            title=title,
            status="in-progress",
            due_date=end + timedelta(days=28) if kind == "follow_up" else None,
        )
        for kind, item, title in plan
    )
    for instrument, every in [("phq9", 28), ("peg", 7), ("dn4_interview", None)]:
        QuestionnaireAssignment.objects.create(
            patient=patient, instrument_id=instrument, every_days=every, start_date=end, assigned_by=clinician
        )
