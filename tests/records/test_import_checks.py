"""An imported record is checked value by value with the validators every other writer uses: a bad
value is refused naming the resource and the field, and nothing of the record is kept."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.outcomes.records import (
    AdherenceRecord,
    CarePlanEntry,
    ConditionRecord,
    DoseChange,
    MedicationRecord,
    PatientInfo,
    PatientRecord,
    TrialDecisionRecord,
    TrialRecord,
)
from nervepath.web.records import models as m
from nervepath.web.records.exchange import save_patient_record

pytestmark = pytest.mark.django_db

START = date(2026, 1, 5)
FUTURE = date.today() + timedelta(days=400)
TRIAL = TrialRecord(
    drug="pregabalin",
    start_date=START,
    doses=(DoseChange(START, 150.0),),
    decisions=(TrialDecisionRecord(START, "continue", "dr", "ok"),),
)
GOOD = PatientRecord(
    patient=PatientInfo("Imported"),
    conditions=(ConditionRecord("hypertension", START, "stable"),),
    medications=(MedicationRecord("duloxetine", 60.0, "mg", START),),
    trials=(TRIAL,),
    adherence=(AdherenceRecord("duloxetine", START, 1, 1),),
    care_plan=(CarePlanEntry("follow_up", "follow_up_visit", "See the GP"),),
)


def _trial(**changes: Any) -> Callable[[PatientRecord], PatientRecord]:
    return lambda r: dataclasses.replace(r, trials=(dataclasses.replace(TRIAL, **changes),))


def _one(name: str, **changes: Any) -> Callable[[PatientRecord], PatientRecord]:
    def change(record: PatientRecord) -> PatientRecord:
        (first,) = getattr(record, name)
        return dataclasses.replace(record, **{name: (dataclasses.replace(first, **changes),)})

    return change


HOSTILE: dict[str, tuple[Callable[[PatientRecord], PatientRecord], str]] = {
    "unknown condition": (_one("conditions", condition_id="made_up"), "Condition.code"),
    "condition twice": (
        lambda r: dataclasses.replace(r, conditions=r.conditions * 2),
        "Condition.code",
    ),
    "condition onset in the future": (_one("conditions", onset_date=FUTURE), "onsetDateTime"),
    "5 MB condition note": (_one("conditions", note="x" * 5_000_000), "note"),
    "medication dose NaN": (_one("medications", daily_dose=math.nan), "dosage"),
    "medication dose -5": (_one("medications", daily_dose=-5.0), "dosage"),
    "medication stopped before it started": (
        _one("medications", stop_date=START - timedelta(days=1)),
        "effectivePeriod.end",
    ),
    "unknown medication": (_one("medications", drug_id="made_up"), "MedicationStatement.medication"),
    "trial dose -5": (_trial(doses=(DoseChange(START, -5.0),)), "dose"),
    "trial dose infinite": (_trial(doses=(DoseChange(START, math.inf),)), "dose"),
    "trial with no dose": (_trial(doses=()), "dosage"),
    "trial starting in 2099": (
        _trial(start_date=date(2099, 1, 1), doses=(DoseChange(date(2099, 1, 1), 150.0),)),
        "effectivePeriod.start",
    ),
    "made-up stop reason": (_trial(stop_date=START, stop_reason="bored"), "statusReason"),
    "made-up decision": (
        _trial(decisions=(TrialDecisionRecord(START, "pray"),)),
        "decision",
    ),
    "made-up side effect id": (_trial(side_effects=("Not An Id",)), "side_effects"),
    "adherence more taken than planned": (_one("adherence", doses_taken=3), "doses_taken"),
    "made-up care plan status": (_one("care_plan", status="done-ish"), "status"),
    "empty care plan title": (_one("care_plan", title=""), "title"),
}


def test_it_keeps_a_good_record() -> None:
    patient = save_patient_record(GOOD)
    assert (patient.conditions.count(), patient.medications.count(), patient.trials.count()) == (1, 1, 1)


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_it_refuses_a_bad_value_naming_the_field_and_keeps_nothing(case: str) -> None:
    change, field = HOSTILE[case]
    with pytest.raises((InvalidInput, UnknownIdentifier)) as refused:
        save_patient_record(change(GOOD))
    assert field in refused.value.field
    assert not m.Patient.objects.exists()
    assert not m.Medication.objects.exists()
