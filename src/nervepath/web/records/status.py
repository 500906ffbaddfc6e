"""A patient's outcomes, computed by ``nervepath.outcomes`` from the stored diary and trials."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from nervepath.outcomes import PatientSummary, patient_summary
from nervepath.outcomes.adequacy import adequacy_rules_for
from nervepath.outcomes.records import TrialRecord
from nervepath.web.records import mappers
from nervepath.web.records.models import Patient
from nervepath.web.records.standing import patient_maxima
from nervepath.web.records.validation import today as local_today


def patient_status(
    patient: Patient, today: date | None = None, trials: Sequence[TrialRecord] | None = None
) -> PatientSummary:
    """Baseline, current pain, each trial's response and adequacy, and the trend, as of ``today``.

    ``trials``: the patient's trials when the caller has already read them (one read per page).
    Adequacy is judged against this patient's maximum of each drug, as ``assess`` judges it.
    """
    on = today or local_today()
    return patient_summary(
        mappers.diary_for_outcomes(patient),
        list(mappers.trials(patient) if trials is None else trials),
        on,
        adequacy_rules_for(patient_maxima(patient, on)),
    )
