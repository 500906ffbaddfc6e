"""The trial service: start, dose, stop, decide, review date, optimistic locking, and status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nervepath.errors import Conflict, InvalidInput, UnknownIdentifier
from nervepath.outcomes import Response
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import Patient, Trial
from nervepath.web.records.status import patient_status
from nervepath.web.records.trials import (
    change_dose,
    decide_on_trial,
    set_review_date,
    start_trial,
    stop_trial,
)

START = date(2026, 1, 10)


def test_it_starts_a_trial_with_its_first_dose(ann: Patient) -> None:
    trial = start_trial(ann, "pregabalin", START, 150, "2026-02-10")
    assert list(trial.doses.values_list("date", "daily_mg")) == [(START, 150.0)]
    assert trial.review_date == date(2026, 2, 10)


def test_it_rejects_an_unknown_drug(ann: Patient) -> None:
    with pytest.raises(UnknownIdentifier, match=r"^drug: got 'pregablin'"):
        start_trial(ann, "pregablin", START, 150)
    assert not Trial.objects.exists()


def test_it_refuses_a_second_running_trial_of_the_same_drug(ann: Patient) -> None:
    start_trial(ann, "pregabalin", START, 150)
    with pytest.raises(Conflict):
        start_trial(ann, "pregabalin", START, 300)


def test_it_changes_the_dose_and_bumps_the_version(ann: Patient) -> None:
    trial = start_trial(ann, "duloxetine", START, 30)
    change_dose(trial, START + timedelta(days=7), 60)
    assert trial.version == 2
    assert list(trial.doses.values_list("daily_mg", flat=True)) == [30.0, 60.0]
    with pytest.raises(Conflict, match="changed by someone else"):
        change_dose(trial, START + timedelta(days=14), 90, expected_version=1)


def test_it_rejects_dates_before_the_start(ann: Patient) -> None:
    trial = start_trial(ann, "duloxetine", START, 30)
    with pytest.raises(InvalidInput, match="on or after the trial start"):
        change_dose(trial, START - timedelta(days=1), 60)


def test_it_stops_once_with_a_reason(ann: Patient) -> None:
    trial = start_trial(ann, "gabapentin", START, 300)
    with pytest.raises(InvalidInput, match=r"^because"):
        stop_trial(trial, START + timedelta(days=30), "bored")
    stop_trial(trial, START + timedelta(days=30), "side_effects")
    assert (trial.stop_date, trial.stop_reason) == (START + timedelta(days=30), "side_effects")
    with pytest.raises(Conflict):
        stop_trial(trial, START + timedelta(days=31), "other")


def test_it_records_decisions_and_review_dates(ann: Patient) -> None:
    trial = start_trial(ann, "pregabalin", START, 150)
    decide_on_trial(trial, START + timedelta(days=28), "increase", "Dr Bell", "tolerated well")
    set_review_date(trial, "2026-03-15")
    assert list(trial.decisions.values_list("decision", "author")) == [("increase", "Dr Bell")]
    assert trial.review_date == date(2026, 3, 15)
    with pytest.raises(InvalidInput, match=r"^decision"):
        decide_on_trial(trial, START, "pray")


def test_it_computes_the_status_from_the_stored_records(ann: Patient) -> None:
    for offset in range(-7, 56):
        record_day(ann, DayInput(START + timedelta(days=offset), 8 if offset < 0 else 4))
    trial = start_trial(ann, "pregabalin", START, 300)
    summary = patient_status(ann, today=START + timedelta(days=55))
    outcome = summary.trials[0]
    assert outcome.trial.id == trial.pk
    assert (outcome.baseline.mean, outcome.current.mean, outcome.reduction_pct) == (8, 4, 50)
    assert outcome.response is Response.substantial
    assert outcome.adequate is True
