"""Use cases of a treatment trial: start, change the dose, stop, decide, plan the review.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.application.prescribing import checked, prescribing_case, restored_on_error, stored
from nervepath.web.application.prescribing import override_reason as override_reason_of
from nervepath.web.records import trials as store
from nervepath.web.records.checks import record_checks
from nervepath.web.records.models import DoseStep, Patient, Trial, TrialDecision
from nervepath.web.records.trials import get_trial

__all__ = [
    "change_dose",
    "decide_on_trial",
    "get_trial",
    "set_review_date",
    "start_trial",
    "stop_trial",
]


def start_trial(
    who: Actor,
    patient: Patient,
    drug: str,
    start: Any,
    daily_mg: Any,
    review_date: Any = None,
    override_reason: str | None = None,
) -> Trial:
    """Start a trial of ``drug`` at ``daily_mg`` on ``start``; Conflict while one is running.

    The prescribing checks run first (application/prescribing.py): PrescribingBlocked, nothing written,
    when one blocks and no ``override_reason`` is given; the checks are stored on the trial.
    """
    reason = override_reason_of(override_reason)
    with transaction.atomic():
        case = prescribing_case(patient)
        trial = store.start_trial(patient, drug, start, daily_mg, review_date)
        checks = checked(case, trial.drug_id, trial.doses.get().daily_mg, reason)
        record_checks(trial, stored(checks, who), trial.start_date)
        return logged(who, patient.pk, trial, checks)


def change_dose(
    who: Actor,
    trial: Trial,
    day: Any,
    daily_mg: Any,
    expected_version: int | None = None,
    override_reason: str | None = None,
) -> DoseStep:
    """Record a new daily dose from ``day`` on, checked as a start is (the trial's own drug is not a
    duplicate of itself); the checks are appended to the trial's, dated with the change."""
    reason = override_reason_of(override_reason)
    with restored_on_error(trial), transaction.atomic():
        case = prescribing_case(trial.patient)
        step = store.change_dose(trial, day, daily_mg, expected_version)
        checks = checked(case, trial.drug_id, step.daily_mg, reason, replacing=trial.drug_id)
        record_checks(trial, stored(checks, who), step.date)
        logged(who, trial.patient_id, trial, checks)
        return step


def stop_trial(
    who: Actor, trial: Trial, day: Any, because: str, expected_version: int | None = None
) -> Trial:
    """Stop a running trial on ``day`` because ``ineffective``, ``side_effects`` or ``other``."""
    with transaction.atomic():
        return logged(who, trial.patient_id, store.stop_trial(trial, day, because, expected_version))


def decide_on_trial(
    who: Actor, trial: Trial, day: Any, decision: str, note: str = "", author: str = ""
) -> TrialDecision:
    """Write down a decision about the trial; its author is ``author`` when named (at the command line,
    the clinician who decided), else the actor."""
    with transaction.atomic():
        decided = store.decide_on_trial(trial, day, decision, author or who.username, note)
        logged(who, trial.patient_id, trial)
        return decided


def set_review_date(who: Actor, trial: Trial, review_date: Any, expected_version: int | None = None) -> Trial:
    """Plan (or move) the date on which the trial is to be reviewed."""
    with transaction.atomic():
        return logged(who, trial.patient_id, store.set_review_date(trial, review_date, expected_version))
