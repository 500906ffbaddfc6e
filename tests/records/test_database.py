"""Integrity enforced by the database itself, and migrations that match the models."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from nervepath.web.records.models import DiaryDay, DoseStep, Patient, RegionPain, Trial

DAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    "values",
    [
        {"pain_average": 11},
        {"pain_average": 5, "pain_worst": 12},
        {"pain_average": 5, "sleep_interference": 11},
        {"pain_average": 5, "mood": 99},
        {"pain_average": 5, "sitting_hours": 25.0},
    ],
)
def test_it_rejects_out_of_range_scores_in_the_database(ann: Patient, values: dict[str, object]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        DiaryDay.objects.create(patient=ann, date=DAY, **values)
    assert not DiaryDay.objects.exists()


def test_it_keeps_one_diary_day_per_patient_and_date(ann: Patient) -> None:
    DiaryDay.objects.create(patient=ann, date=DAY, pain_average=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        DiaryDay.objects.create(patient=ann, date=DAY, pain_average=5)
    assert DiaryDay.objects.get().pain_average == 4


def test_it_rejects_region_pain_above_ten(ann: Patient) -> None:
    day = DiaryDay.objects.create(patient=ann, date=DAY, pain_average=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionPain.objects.create(day=day, region_id="left_foot", pain=11)


def test_it_rejects_a_stop_before_the_start_and_a_stop_without_reason(ann: Patient) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Trial.objects.create(
            patient=ann, drug_id="pregabalin", start_date=DAY, stop_date=date(2026, 2, 1), stop_reason="other"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY, stop_date=DAY)
    trial = Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        DoseStep.objects.create(trial=trial, date=DAY, daily_mg=0)


def test_it_has_no_model_change_without_a_migration(db: None) -> None:
    out = StringIO()
    call_command("makemigrations", "records", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
