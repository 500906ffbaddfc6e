"""Use cases of a treatment trial: start, change the dose, stop, decide, plan the review.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor
from nervepath.web.application.changes import logged
from nervepath.web.records import trials as store
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
    who: Actor, patient: Patient, drug: str, start: Any, daily_mg: Any, review_date: Any = None
) -> Trial:
    """Start a trial of ``drug`` at ``daily_mg`` on ``start``; Conflict while one is running."""
    with transaction.atomic():
        trial = store.start_trial(patient, drug, start, daily_mg, review_date)
        return logged(who, patient.pk, trial)


def change_dose(
    who: Actor, trial: Trial, day: Any, daily_mg: Any, expected_version: int | None = None
) -> DoseStep:
    """Record a new daily dose from ``day`` on."""
    with transaction.atomic():
        step = store.change_dose(trial, day, daily_mg, expected_version)
        logged(who, trial.patient_id, trial)
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
