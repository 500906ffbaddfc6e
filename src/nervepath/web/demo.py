"""A synthetic demo clinic at any scale: clinicians, an admin and patients with years of diaries.

Everything here is invented for demonstration, testing and benchmarks. How patients are drawn
(etiology mix, response chances, gaps, flags) is data with its derivation and sources in
``data/demo/clinic.yaml``; doses come from the drug catalogue (``effective_min_daily_mg`` and
``max_daily_mg``), never made up here. Etiology and red flags go to the clinical situation.

Speed: the diary (about 1.5 million rows for 2,000 patients over two years) is written with COPY on
PostgreSQL and with ``executemany`` in one transaction on SQLite; everything else with
``bulk_create``. The same ``seed`` gives the same clinic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field

from nervepath.clinical.drugs import load_drugs
from nervepath.datafiles import load_model, yaml_files
from nervepath.errors import InvalidInput
from nervepath.instruments import get_instrument
from nervepath.web.accounts.models import Preferences
from nervepath.web.pages.models import GuidedStart, QuestionnaireAssignment
from nervepath.web.records import models as m
from nervepath.web.records.questionnaires import scored_response
from nervepath.web.records.validation import today as local_today

DEMO_LOGINS = {
    "clinician": ("dr.demo", "demo-clinician-pass"),
    "patient": ("pat.demo", "demo-patient-pass"),
    "admin": ("admin.demo", "demo-admin-pass"),
}
# Invented names from many places, combined so that no two demo patients share one (see _names).
FIRST_NAMES = [
    "Ana",
    "Ben",
    "Chloé",
    "Dev",
    "Elif",
    "Femi",
    "Grace",
    "Hugo",
    "Inés",
    "Jon",
    "Kemal",
    "Lena",
    "Marta",
    "Nikhil",
    "Olga",
    "Pablo",
    "Quentin",
    "Rosa",
    "Samir",
    "Tomás",
    "Ursula",
    "Víctor",
    "Wen",
    "Yusuf",
    "Zoe",
    "Amara",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Esther",
    "Farid",
    "Greta",
    "Hana",
    "Iván",
    "Julia",
    "Kofi",
    "Lucía",
    "Mateo",
    "Nadia",
    "Oscar",
    "Priya",
    "Rafael",
    "Sofía",
    "Tariq",
    "Valentina",
    "William",
    "Ximena",
    "Yara",
]
LAST_NAMES = [
    "Alvarez",
    "Brown",
    "Chen",
    "Diallo",
    "Evans",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jones",
    "Kowalski",
    "López",
    "Martin",
    "Nguyen",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
    "Umar",
    "Vargas",
    "Walsh",
    "Yilmaz",
    "Zhang",
    "Andersen",
    "Bianchi",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fernández",
    "Gómez",
    "Haddad",
    "Ibáñez",
    "Jensen",
    "Kim",
    "Lindqvist",
    "Moreno",
    "Novak",
    "Ortiz",
    "Patel",
    "Ramírez",
    "Schmidt",
    "Torres",
    "Uribe",
    "Weber",
    "Xu",
    "Young",
]
INITIALS = "ABCDEFGHJKLMNPRSTVW"
# The first patients show each kind of concern even in a tiny demo (index -> what they show).
SHOWCASE = {1: "silent", 2: "red_flag", 3: "phq9_item9", 4: "non_response"}
DIARY_COLUMNS = (
    "patient_id", "date", "pain_average", "pain_worst", "sleep_interference", "mood",
    "note", "qualities", "triggers", "created_at", "updated_at",
)  # fmt: skip


class DemoEtiology(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    share: float = Field(gt=0, le=1)
    conditions: list[str]
    drugs: list[str] = Field(min_length=1)
    confirmed: bool
    sources: list[str] = Field(min_length=1)


class DemoDrug(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    nnt: float | None
    responder_rate: float = Field(ge=0, le=1)
    confirmed: bool
    sources: list[str] = Field(min_length=1)


class DemoEvents(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    side_effect_stop: float = Field(ge=0, le=1)
    diary_gap_low: float = Field(ge=0, le=1)
    diary_gap_high: float = Field(ge=0, le=1)
    silent: float = Field(ge=0, le=1)
    phq9_item9: float = Field(ge=0, le=1)
    red_flag: float = Field(ge=0, le=1)
    sources: list[str] = Field(min_length=1)


class DemoExamination(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    distribution_assessed: float = Field(ge=0, le=1)
    sensory_signs: float = Field(ge=0, le=1)
    test_confirms: float = Field(ge=0, le=1)
    sources: list[str] = Field(min_length=1)


class DemoRules(BaseModel):
    """``data/demo/clinic.yaml``: how the synthetic clinic is drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    patients_per_clinician: int = Field(ge=1)
    etiologies: list[DemoEtiology] = Field(min_length=1)
    placebo_responder_rate: float = Field(ge=0, le=1)
    drugs: list[DemoDrug] = Field(min_length=1)
    events: DemoEvents
    examination: DemoExamination
    clinicians: list[str] = Field(min_length=1)

    def source_ids(self) -> set[str]:
        """Every source id the file cites."""
        cited = [
            *self.events.sources,
            *self.examination.sources,
            *(s for e in self.etiologies for s in e.sources),
        ]
        return set(cited) | {s for d in self.drugs for s in d.sources}


@cache
def demo_rules() -> DemoRules:
    """The demo clinic's rules, loaded and validated once (DataFileError on a bad file)."""
    (file,) = yaml_files("demo")
    return load_model(DemoRules, file, "demo/clinic.yaml")


@dataclass
class _Plan:
    """One synthetic patient before writing: trials as (drug, start, stop, reason, relief)."""

    index: int
    etiology: DemoEtiology
    trials: list[tuple[str, date, date | None, str, float]] = field(default_factory=list)
    silent_days: int = 0
    gap: float = 0.15
    item9: bool = False
    red_flag: bool = False


@dataclass(frozen=True)
class DemoClinic:
    patients: int
    diary_days: int
    logins: dict[str, tuple[str, str]]


def build_demo_clinic(
    patients: int = 12, years: float = 1.0, seed: int = 7, today: date | None = None
) -> DemoClinic:
    """Create the demo users and ``patients`` synthetic patients with ``years`` of history.

    The same ``seed`` (and ``today``) gives the same clinic. Returns counts and the demo logins.
    """
    end = today or local_today()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    span = max(int(years * 365), 60)
    plans = [_plan(index, rng, end, span) for index in range(patients)]
    # Names and examination findings draw from their own generators, so adding them left every
    # other draw (diaries, trials, flags) as it was for a given seed.
    names = _names(patients, random.Random(f"names-{seed}"))  # noqa: S311 - synthetic data
    exam = random.Random(f"examination-{seed}")  # noqa: S311 - synthetic data, not security
    with transaction.atomic():
        rows = _patients(plans, rng, end, names)
        _situations(rows, plans, rng, exam)
        _trials(rows, plans)
        written = _write_diary(_diary_rows(rows, plans, rng, end, span))
        _questionnaires(rows, plans, rng, end, span)
        _demo_extras(rows[0], end)
    _refresh_statistics()
    return DemoClinic(patients, written, DEMO_LOGINS)


def _refresh_statistics() -> None:
    """After a bulk load the planner's row counts are stale until autovacuum catches up; refresh them
    now so the first requests on the new clinic get the plans they will have in steady state."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _pick_etiology(rng: random.Random) -> DemoEtiology:
    options = demo_rules().etiologies
    return rng.choices(options, weights=[e.share for e in options])[0]


def _plan(index: int, rng: random.Random, end: date, span: int) -> _Plan:
    events = demo_rules().events
    show = SHOWCASE.get(index, "")
    plan = _Plan(index, _pick_etiology(rng), gap=rng.uniform(events.diary_gap_low, events.diary_gap_high))
    plan.silent_days = rng.randrange(10, 41) if show == "silent" or rng.random() < events.silent else 0
    plan.item9 = show == "phq9_item9" or rng.random() < events.phq9_item9
    plan.red_flag = show == "red_flag" or rng.random() < events.red_flag
    if index == 0:
        plan.gap, plan.silent_days = 0.15, 0
    _plan_trials(plan, rng, end - timedelta(days=span), end, fail_first=show == "non_response")
    return plan


def _plan_trials(plan: _Plan, rng: random.Random, start: date, end: date, fail_first: bool) -> None:
    """A first trial after a month of baseline; a failed one is stopped and the next drug begun."""
    rates = {d.id: d.responder_rate for d in demo_rules().drugs}
    day, drugs = start + timedelta(days=30), list(plan.etiology.drugs)
    rng.shuffle(drugs)
    for number, drug in enumerate(drugs):
        responds = rng.random() < rates[drug] and not (fail_first and number == 0)
        relief = rng.uniform(0.5, 0.7) if responds else rng.uniform(0.0, 0.2)
        side_effects = rng.random() < demo_rules().events.side_effect_stop
        stop = day + timedelta(days=rng.randrange(10, 25) if side_effects else 70)
        if (responds and not side_effects) or stop + timedelta(days=10) >= end:
            plan.trials.append((drug, day, None, "", relief))
            return
        plan.trials.append((drug, day, stop, "side_effects" if side_effects else "ineffective", relief))
        day = stop + timedelta(days=1)


def _user(role: str, **extra: Any) -> User:
    username, password = DEMO_LOGINS[role]
    user = User.objects.create_user(username, f"{username}@example.org", password, **extra)
    Preferences.objects.create(user=user, reminder_time=time(20, 0))
    return user


def _clinicians(count: int) -> list[m.Clinician]:
    """The data file's first clinician (who signs in) and, for a bigger clinic, colleagues without a
    password, each named from the data file."""
    _user("admin", is_staff=True)
    names = clinician_names(count)
    first = m.Clinician.objects.create(display_name=names[0], user=_user("clinician"))
    others = [User(username=f"dr.demo{n}", email=f"dr.demo{n}@example.org") for n in range(2, count + 1)]
    for user in others:
        user.set_unusable_password()
    User.objects.bulk_create(others)
    colleagues = [m.Clinician(display_name=name, user=u) for name, u in zip(names[1:], others, strict=True)]
    return [first, *m.Clinician.objects.bulk_create(colleagues)]


def clinician_names(count: int) -> list[str]:
    """``count`` different clinician names: ``clinicians`` of the data file in order, then, past
    them, the colleagues' first names paired with their last names. InvalidInput past every pair."""
    listed = demo_rules().clinicians
    parts = [name.removeprefix("Dr. ").split(" ", 1) for name in listed[1:]]
    paired = [f"Dr. {first} {last}" for first, _ in parts for _, last in parts]
    names = list(dict.fromkeys([*listed, *paired]))
    if count > len(names):
        raise InvalidInput("clinicians", count, f"at most {len(names)} demo clinicians")
    return names[:count]


def _names(count: int, rng: random.Random) -> list[str]:
    """``count`` different names: Pat Demo (who signs in) first, then first and last names in a
    shuffled order; past every pair, a middle initial makes each one new again."""
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    names = ["Pat Demo"]
    for n in range(count - 1):
        first, last = pairs[n % len(pairs)]
        rounds = n // len(pairs)
        middle = "" if rounds == 0 else f"{INITIALS[(rounds - 1) % len(INITIALS)]}. "
        if rounds > len(INITIALS):
            middle = (
                f"{INITIALS[(rounds - 1) % len(INITIALS)]}. {INITIALS[(rounds - 1) // len(INITIALS) - 1]}. "
            )
        names.append(f"{first} {middle}{last}")
    return names[:count]


def _patients(plans: list[_Plan], rng: random.Random, end: date, names: list[str]) -> list[m.Patient]:
    per = demo_rules().patients_per_clinician
    clinicians = _clinicians(max(1, -(-len(plans) // per)))
    rows = m.Patient.objects.bulk_create(
        m.Patient(
            display_name=names[p.index],
            user=_user("patient") if p.index == 0 else None,
            birth_date=date(end.year - 40 - rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            sex=rng.choice(["female", "male"]),
        )
        for p in plans
    )
    m.CareLink.objects.bulk_create(
        m.CareLink(clinician=clinicians[i // per], patient=p) for i, p in enumerate(rows)
    )
    return rows


def _examination(exam: random.Random) -> dict[str, bool | None]:
    """The recorded distribution, signs and test (``examination`` in the demo rules); None: not yet
    assessed. Every draw is made whatever the outcome, so one patient's findings never shift the next."""
    rules = demo_rules().examination
    assessed, signs, confirms = exam.random(), exam.random(), exam.random()
    if assessed >= rules.distribution_assessed:
        return {}
    has_signs = signs < rules.sensory_signs
    return {
        "pain_distribution_plausible": True,
        "sensory_signs_in_painful_area": has_signs,
        "tests_confirm_lesion": True if has_signs and confirms < rules.test_confirms else None,
    }


def _situations(rows: list[m.Patient], plans: list[_Plan], rng: random.Random, exam: random.Random) -> None:
    flags = ["progressive_weakness", "new_focal_deficit", "unexplained_weight_loss"]
    m.ClinicalSituation.objects.bulk_create(
        m.ClinicalSituation(
            patient=patient,
            pain_etiology=plan.etiology.id,
            red_flag_findings=[flags[0] if plan.index < 8 else rng.choice(flags)] if plan.red_flag else [],
            **_examination(exam),
        )
        for patient, plan in zip(rows, plans, strict=True)
    )
    m.Condition.objects.bulk_create(
        m.Condition(patient=patient, condition_id=c)
        for patient, plan in zip(rows, plans, strict=True)
        for c in plan.etiology.conditions
    )


def _trials(rows: list[m.Patient], plans: list[_Plan]) -> None:
    pairs = [(patient, t) for patient, plan in zip(rows, plans, strict=True) for t in plan.trials]
    trials = m.Trial.objects.bulk_create(
        m.Trial(patient=patient, drug_id=drug, start_date=start, stop_date=stop, stop_reason=reason)
        for patient, (drug, start, stop, reason, _relief) in pairs
    )
    m.DoseStep.objects.bulk_create(step for trial in trials for step in _doses(trial))


def _doses(trial: m.Trial) -> Iterator[m.DoseStep]:
    """Start at the lowest effective dose; titrate to the maximum after four weeks."""
    drug = load_drugs()[trial.drug_id]
    yield m.DoseStep(trial=trial, date=trial.start_date, daily_mg=drug.effective_min_daily_mg or 1)
    step = trial.start_date + timedelta(days=28)
    if drug.max_daily_mg and (trial.stop_date is None or step < trial.stop_date):
        yield m.DoseStep(trial=trial, date=step, daily_mg=drug.max_daily_mg)


def _relief_on(day: date, plan: _Plan) -> float:
    for _drug, first, last, _reason, relief in plan.trials:
        if first <= day <= (last or day):
            return relief * min(1.0, (day - first).days / 21)  # effects build up over about three weeks
    return 0.0


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _diary_rows(
    rows: list[m.Patient], plans: list[_Plan], rng: random.Random, end: date, span: int
) -> Iterator[tuple[Any, ...]]:
    stamp = f"{end.isoformat()} 21:00:00"
    for patient, plan in zip(rows, plans, strict=True):
        baseline, last = rng.uniform(5.5, 8.0), end - timedelta(days=plan.silent_days)
        for offset in range(span + 1):
            day = end - timedelta(days=span - offset)
            if day > last or rng.random() < plan.gap:
                continue
            pain = _clamp(baseline * (1 - _relief_on(day, plan)) + rng.gauss(0, 0.9))
            worst, sleep = _clamp(pain + rng.uniform(0.5, 2.5)), _clamp(pain - 1 + rng.gauss(0, 1))
            mood = _clamp(10 - pain + rng.gauss(0, 1))
            yield (patient.pk, day.isoformat(), pain, worst, sleep, mood, "", "[]", "[]", stamp, stamp)


def _write_diary(rows: Iterator[tuple[Any, ...]]) -> int:
    """Write diary rows as fast as the database allows; returns how many."""
    table, columns = m.DiaryDay._meta.db_table, ", ".join(DIARY_COLUMNS)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(DIARY_COLUMNS))})"  # noqa: S608
        while batch := [row for _, row in zip(range(50_000), rows, strict=False)]:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _questionnaires(
    rows: list[m.Patient], plans: list[_Plan], rng: random.Random, end: date, span: int
) -> None:
    dn4_items = [item.id for item in get_instrument("dn4_interview").items]
    responses = []
    for patient, plan in zip(rows, plans, strict=True):
        start = end - timedelta(days=span)
        responses.append(
            _response(patient, "dn4_interview", {i: rng.random() < 0.7 for i in dn4_items}, start)
        )
        day = start
        while day < end - timedelta(days=7):
            responses.append(
                _response(patient, "phq9", [rng.choice([0, 1, 1, 2]) for _ in range(8)] + [0], day)
            )
            day += timedelta(days=91)
        if plan.item9:
            responses.append(_response(patient, "phq9", [2, 2, 1, 2, 1, 2, 1, 1, 1], end - timedelta(days=2)))
    m.QuestionnaireResponse.objects.bulk_create(responses, batch_size=5000)


def _response(patient: m.Patient, instrument_id: str, answers: Any, day: date) -> m.QuestionnaireResponse:
    return scored_response(
        patient, instrument_id, answers, timezone.make_aware(datetime.combine(day, time(9, 30)))
    )


def _demo_extras(patient: m.Patient, end: date) -> None:
    clinician = patient.clinicians.get()
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
    # A patient of a year's standing has read Learn long ago: no first-steps checklist on Today.
    GuidedStart.objects.create(patient=patient, read_at=timezone.now())
