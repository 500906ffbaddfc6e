"""A clinic that can grow: one clinician, patients with trials, diaries, questionnaires, situations.

Query budgets compare the same request at two sizes of this clinic; the counts must be equal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nervepath.web.records import models as m
from nervepath.web.records.questionnaires import scored_response
from nervepath.web.records.validation import today

if not os.environ.get("SECRET_KEY"):
    django_settings.SECRET_KEY = "tests-only-secret-key-of-enough-length-0123456789"


def grow(clinician: m.Clinician, patients: int, days: int) -> list[m.Patient]:
    """Add ``patients`` linked patients, each with ``days`` diary days, two trials, three PHQ-9s."""
    end = today()
    made = m.Patient.objects.bulk_create(
        m.Patient(display_name=f"P{n}", sex="female") for n in range(patients)
    )
    m.CareLink.objects.bulk_create(m.CareLink(clinician=clinician, patient=p) for p in made)
    m.ClinicalSituation.objects.bulk_create(
        m.ClinicalSituation(
            patient=p,
            pain_etiology="postherpetic_neuralgia",
            red_flag_findings=["progressive_weakness"] * (n % 2),
        )
        for n, p in enumerate(made)
    )
    m.DiaryDay.objects.bulk_create(
        m.DiaryDay(patient=p, date=end - timedelta(days=d), pain_average=(d * 7) % 11)
        for p in made
        for d in range(days)
    )
    middle = end - timedelta(days=days // 2)
    trials = m.Trial.objects.bulk_create(
        trial
        for p in made
        for trial in (
            m.Trial(
                patient=p,
                drug_id="gabapentin",
                start_date=end - timedelta(days=days),
                stop_date=middle,
                stop_reason="ineffective",
            ),
            m.Trial(patient=p, drug_id="pregabalin", start_date=middle + timedelta(days=1)),
        )
    )
    m.DoseStep.objects.bulk_create(m.DoseStep(trial=t, date=t.start_date, daily_mg=300) for t in trials)
    m.QuestionnaireResponse.objects.bulk_create(
        scored_response(p, "phq9", [1] * 8 + [n % 2], timezone.now() - timedelta(days=30 * n))
        for p in made
        for n in range(3)
    )
    return made


@pytest.fixture
def clinician(db: None) -> m.Clinician:
    user = User.objects.create_user("dr.perf", "dr.perf@example.org", "dr-perf-password-1")
    return m.Clinician.objects.create(display_name="Dr Perf", user=user)


@pytest.fixture
def count_queries() -> Callable[[Callable[[], Any]], int]:
    def count(action: Callable[[], Any]) -> int:
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured.captured_queries)

    return count
