"""The prescribing checks in the application layer: a blocked trial start, dose change or medicine
writes nothing; an override of at least 10 characters goes through, keeps the checks as overridden
with the reason and audits the override with its author; warnings are stored, never overridden.

alice (tests/api/conftest.py) takes pregabalin 150 mg/day in a running trial and omeprazole; here she
is 72, a woman of 60 kg with creatinine 1.0 mg/dL: creatinine clearance (140 - 72) x 60 / 72 x 0.85 =
48.2 mL/min, so her pregabalin maximum is 300 mg/day (Lyrica label, CrCl 30 to under 60) and her
gabapentin maximum 1,400 mg/day (Neurontin label, CrCl above 30 and under 60).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from nervepath.errors import InvalidInput, PrescribingBlocked
from nervepath.web.accounts.audit import Actor
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.application import medications as meds
from nervepath.web.application import trials
from nervepath.web.records.demographics import set_birth_date_and_sex
from nervepath.web.records.models import Clinician, Medication, Patient, Trial
from nervepath.web.records.situation import set_situation
from tests.api.conftest import World

pytestmark = pytest.mark.django_db

TODAY = date.today()
REASON = "Pain specialist advised it after review"
CONTRACT_KEYS = {"rule", "flag", "severity", "message", "sources", "overridden", "reason"}


@pytest.fixture
def alice(world: World) -> Patient:
    patient = world.clinic.alice
    set_birth_date_and_sex(patient, TODAY.replace(year=TODAY.year - 72) - timedelta(days=1), "female")
    set_situation(patient, {"weight_kg": 60, "serum_creatinine_mg_dl": 1.0})
    patient.refresh_from_db()
    return patient


@pytest.fixture
def bob(world: World) -> Actor:
    return Actor(user_id=world.user("bob").pk, username="bob", ip=None)


def running(world: World) -> Trial:
    return Trial.objects.get(pk=world.trials["alice"].pk)


def events(patient: Patient) -> list[tuple[str, str, str]]:
    rows = AuditEvent.objects.filter(patient_id=patient.pk, action="change").order_by("pk")
    return [(e.username, e.object_type, e.object_id) for e in rows]


def blocks(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in checks if c["severity"] == "block"]


# --- start a trial ---------------------------------------------------------------------------------


def test_a_second_gabapentinoid_is_blocked_and_nothing_is_written(alice: Patient, bob: Actor) -> None:
    before = events(alice)
    with pytest.raises(PrescribingBlocked) as raised:
        trials.start_trial(bob, alice, "gabapentin", TODAY.isoformat(), 300)
    assert raised.value.field == "drug_id"
    assert raised.value.code == "prescribing_check"
    assert [c.flag for c in raised.value.checks if c.blocking] == ["duplicate_class"]
    assert "Pregabalin" in str(raised.value)
    assert not alice.trials.filter(drug_id="gabapentin").exists()
    assert events(alice) == before


def test_an_override_starts_it_keeps_the_checks_and_audits_the_author(alice: Patient, bob: Actor) -> None:
    trial = trials.start_trial(
        bob, alice, "gabapentin", TODAY.isoformat(), 300, override_reason=f"  {REASON}  "
    )
    trial.refresh_from_db()
    (block,) = blocks(trial.checks)
    assert (block["flag"], block["overridden"], block["reason"]) == ("duplicate_class", True, REASON)
    assert {k for k in block if k not in ("date", "by")} == CONTRACT_KEYS
    assert block["date"] == TODAY.isoformat()
    assert block["by"] == world_clinician_name(bob)
    warnings = [c for c in trial.checks if c["severity"] == "warn"]
    assert warnings  # 72 years old: the gabapentinoid caution, and the renal band
    assert all(c["overridden"] is False and c["reason"] is None for c in warnings)
    assert events(alice)[-2:] == [("bob", "trial", str(trial.pk)), ("bob", "trial_override", str(trial.pk))]
    override = AuditEvent.objects.filter(patient_id=alice.pk, object_type="trial_override").get()
    assert override.detail == f"Overridden: duplicate_gabapentinoid. Reason: {REASON}"
    assert AuditEvent.objects.filter(patient_id=alice.pk, object_type="trial").last().detail is None


def world_clinician_name(who: Actor) -> str:
    return Clinician.objects.get(user_id=who.user_id).display_name


@pytest.mark.parametrize("reason", ["too short", "   short   ", "123456789"])
def test_an_override_reason_under_10_characters_is_refused(alice: Patient, bob: Actor, reason: str) -> None:
    before = events(alice)
    with pytest.raises(InvalidInput) as raised:
        trials.start_trial(bob, alice, "gabapentin", TODAY.isoformat(), 300, override_reason=reason)
    assert raised.value.field == "override_reason"
    assert not isinstance(raised.value, PrescribingBlocked)
    assert not alice.trials.filter(drug_id="gabapentin").exists()
    assert events(alice) == before


def test_an_override_reason_of_exactly_10_characters_is_taken(alice: Patient, bob: Actor) -> None:
    trial = trials.start_trial(bob, alice, "gabapentin", TODAY.isoformat(), 300, override_reason="1234567890")
    assert blocks(trial.checks)[0]["reason"] == "1234567890"


def test_a_start_with_warnings_only_stores_them_and_no_override_event(alice: Patient, bob: Actor) -> None:
    trial = trials.start_trial(bob, alice, "duloxetine", TODAY.isoformat(), 30)
    trial.refresh_from_db()
    assert trial.checks == [c for c in trial.checks if c["severity"] == "warn"]
    assert all(c["overridden"] is False for c in trial.checks)
    assert [t for _, t, _ in events(alice)][-1] == "trial"


# --- change a trial's dose -------------------------------------------------------------------------


def test_a_dose_above_the_renal_maximum_is_blocked_on_daily_mg(
    world: World, alice: Patient, bob: Actor
) -> None:
    trial = running(world)
    with pytest.raises(PrescribingBlocked) as raised:
        trials.change_dose(bob, trial, TODAY.isoformat(), 301)
    assert raised.value.field == "daily_mg"
    (block,) = [c for c in raised.value.checks if c.blocking]
    assert (block.flag, block.rule) == ("above_maximum", "renal_table_pregabalin")
    after = running(world)
    assert (after.version, after.checks) == (trial.version, [])
    assert not after.doses.filter(date=TODAY).exists()


def test_the_renal_maximum_itself_is_a_dose_change_with_warnings(
    world: World, alice: Patient, bob: Actor
) -> None:
    step = trials.change_dose(bob, running(world), TODAY.isoformat(), 300)
    assert step.daily_mg == 300
    checks = running(world).checks
    assert checks
    assert not blocks(checks)
    assert {c["date"] for c in checks} == {TODAY.isoformat()}
    assert "renal_dose_adjusted" in {c["flag"] for c in checks}


def test_an_overridden_dose_change_is_appended_with_its_date(
    world: World, alice: Patient, bob: Actor
) -> None:
    trials.change_dose(bob, running(world), TODAY.isoformat(), 250)
    first = list(running(world).checks)
    trials.change_dose(bob, running(world), TODAY.isoformat(), 450, override_reason=REASON)
    checks = running(world).checks
    assert checks[: len(first)] == first
    (block,) = blocks(checks[len(first) :])
    assert (block["flag"], block["overridden"], block["reason"]) == ("above_maximum", True, REASON)
    assert running(world).doses.get(date=TODAY).daily_mg == 450
    assert events(alice)[-1][1] == "trial_override"


# --- medicines -------------------------------------------------------------------------------------


def test_adding_a_second_gabapentinoid_medicine_is_blocked(alice: Patient, bob: Actor) -> None:
    with pytest.raises(PrescribingBlocked) as raised:
        meds.add_medication(bob, alice, "gabapentin", 300)
    assert raised.value.field == "drug_id"
    assert not alice.medications.filter(drug_id="gabapentin").exists()
    row = meds.add_medication(bob, alice, "gabapentin", 300, override_reason=REASON)
    assert blocks(row.checks)[0]["overridden"] is True
    assert events(alice)[-1] == ("bob", "medication_override", str(row.pk))


def test_an_mao_inhibitor_added_to_a_tricyclic_is_blocked(world: World, alice: Patient, bob: Actor) -> None:
    set_birth_date_and_sex(alice, TODAY.replace(year=TODAY.year - 50), "female")
    trials.stop_trial(bob, running(world), TODAY.isoformat(), "ineffective")
    trials.start_trial(bob, alice, "nortriptyline", TODAY.isoformat(), 25)
    with pytest.raises(PrescribingBlocked) as raised:
        meds.add_medication(bob, alice, "phenelzine", 45)
    assert [c.flag for c in raised.value.checks if c.blocking] == ["mao_inhibitor"]


def test_a_medicine_dose_change_is_checked_on_the_new_row(alice: Patient, bob: Actor) -> None:
    row = meds.add_medication(bob, alice, "duloxetine", 30, (TODAY - timedelta(days=7)).isoformat())
    with pytest.raises(PrescribingBlocked) as raised:
        meds.change_medication_dose(bob, row, 180)
    assert raised.value.field == "daily_mg"
    assert Medication.objects.get(pk=row.pk).stop_date is None
    new = meds.change_medication_dose(bob, row, 180, override_reason=REASON)
    assert new.pk != row.pk
    (block,) = blocks(new.checks)
    assert (block["flag"], block["reason"], block["date"]) == ("above_maximum", REASON, TODAY.isoformat())


def test_a_medicine_at_a_safe_dose_needs_no_override(alice: Patient, bob: Actor) -> None:
    row = meds.add_medication(bob, alice, "metformin", 1000)
    assert row.checks == []


# --- a patient without an age ----------------------------------------------------------------------


def test_without_an_age_duplicates_still_block_and_a_warning_says_what_was_not_checked(
    world: World, bob: Actor
) -> None:
    patient = world.clinic.alice  # no birth date, no situation
    with pytest.raises(PrescribingBlocked):
        trials.start_trial(bob, patient, "gabapentin", TODAY.isoformat(), 300)
    trial = trials.start_trial(bob, patient, "duloxetine", TODAY.isoformat(), 30)
    assert [c["flag"] for c in trial.checks] == ["assessment_incomplete"]
