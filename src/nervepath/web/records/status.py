"""A patient's outcomes, computed by ``nervepath.outcomes`` from the stored diary and trials."""

from __future__ import annotations

from datetime import date

from nervepath.outcomes import PatientSummary, adequacy_rules, patient_summary
from nervepath.web.records import mappers
from nervepath.web.records.models import Patient
from nervepath.web.records.validation import today as local_today


def patient_status(patient: Patient, today: date | None = None) -> PatientSummary:
    """Baseline, current pain, each trial's response and adequacy, and the trend, as of ``today``."""
    return patient_summary(
        mappers.diary_for_outcomes(patient),
        list(mappers.trials(patient)),
        today or local_today(),
        adequacy_rules(),
    )
