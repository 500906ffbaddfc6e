"""Treatment trials: start, change the dose, stop, decide, set a review date.

Every change bumps ``Trial.version``; a caller that passes ``expected_version`` gets a Conflict
if someone else changed the trial in between (optimistic locking).

``Trial.checks`` keeps the prescribing checks of the start and of every dose change, oldest first
(``records.checks``): each is a check of contracts/case-format.md ("Prescribing checks": rule, flag,
severity, message, sources, overridden, reason) plus ``date``, the day of the start or dose change it
was made for, so a dose change's checks stay told apart from the start's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from nervepath.errors import Conflict, InvalidInput, NotFound
from nervepath.web.records import validation as v
from nervepath.web.records.models import (
    ONE_RUNNING_TRIAL,
    Decision,
    DoseStep,
    Patient,
    StopReason,
    Trial,
    TrialDecision,
)
from nervepath.web.records.uniqueness import conflict_on


def get_trial(trial_id: int) -> Trial:
    """One trial by id; raises NotFound."""
    try:
        return Trial.objects.select_related("patient").get(pk=trial_id)
    except Trial.DoesNotExist:
        raise NotFound("trial", trial_id) from None


def start_trial(patient: Patient, drug: str, start: Any, daily_mg: Any, review_date: Any = None) -> Trial:
    """Start a trial of ``drug`` at ``daily_mg`` on ``start``.

    Raises: UnknownIdentifier for a drug nervepath does not know, InvalidInput for a bad date or
    dose, Conflict when a trial of the same drug is still running (the database's unique index
    decides, so of two concurrent starts one gets the Conflict).
    """
    drug_id = v.drug("drug", drug)
    first = v.past_date("date", start)
    dose = v.positive_mg("daily_mg", daily_mg)
    review = _review(review_date, first)
    running = Conflict("drug", f"a trial of {drug_id} is already running for this patient; stop it first")
    with conflict_on(Trial, ONE_RUNNING_TRIAL, running):
        trial = Trial.objects.create(patient=patient, drug_id=drug_id, start_date=first, review_date=review)
        DoseStep.objects.create(trial=trial, date=first, daily_mg=dose)
    return trial


def _review(raw: Any, start: date) -> date | None:
    if raw is None or raw == "":
        return None
    review = v.iso_date("review_date", raw)
    if review < start:
        raise InvalidInput("review_date", review.isoformat(), f"a date on or after the trial start ({start})")
    return review


def _on_trial(trial: Trial, field: str, raw: Any) -> date:
    day = v.past_date(field, raw)
    if day < trial.start_date:
        raise InvalidInput(field, day.isoformat(), f"a date on or after the trial start ({trial.start_date})")
    return day


def _bump(trial: Trial, expected_version: int | None) -> None:
    version = trial.version if expected_version is None else expected_version
    if not Trial.objects.filter(pk=trial.pk, version=version).update(version=F("version") + 1):
        raise Conflict("version", f"trial {trial.pk} was changed by someone else; reload it and try again")
    trial.refresh_from_db()


def change_dose(trial: Trial, day: Any, daily_mg: Any, expected_version: int | None = None) -> DoseStep:
    """Record a new daily dose from ``day`` on (replacing a step on the same day)."""
    when = _on_trial(trial, "date", day)
    dose = v.positive_mg("daily_mg", daily_mg)
    if trial.stop_date is not None:
        raise Conflict("trial", f"trial {trial.pk} was stopped on {trial.stop_date}")
    with transaction.atomic():
        _bump(trial, expected_version)
        step, _ = DoseStep.objects.update_or_create(trial=trial, date=when, defaults={"daily_mg": dose})
    return step


def stop_trial(trial: Trial, day: Any, because: str, expected_version: int | None = None) -> Trial:
    """Stop a running trial on ``day`` because ``ineffective``, ``side_effects`` or ``other``."""
    when = _on_trial(trial, "date", day)
    reason = v.choice("because", because, list(StopReason.values))
    if trial.stop_date is not None:
        raise Conflict("trial", f"trial {trial.pk} was already stopped on {trial.stop_date}")
    if trial.doses.filter(date__gt=when).exists():
        raise InvalidInput("date", when.isoformat(), "a date on or after the last dose change")
    with transaction.atomic():
        _bump(trial, expected_version)
        Trial.objects.filter(pk=trial.pk).update(stop_date=when, stop_reason=reason)
        trial.refresh_from_db()
    return trial


def decide_on_trial(trial: Trial, day: Any, decision: str, author: str = "", note: str = "") -> TrialDecision:
    """Write down a decision about the trial (continue, increase, add, switch, stop)."""
    when = _on_trial(trial, "date", day)
    chosen = v.choice("decision", decision, list(Decision.values))
    with transaction.atomic():
        _bump(trial, None)
        return TrialDecision.objects.create(
            trial=trial,
            date=when,
            decision=chosen,
            author=v.text("author", author, max_length=200),
            note=note,
        )


def set_review_date(trial: Trial, review_date: Any, expected_version: int | None = None) -> Trial:
    """Plan (or move) the date on which the trial is to be reviewed."""
    review = _review(review_date, trial.start_date)
    if review is None:
        raise InvalidInput("review_date", review_date, "a date as YYYY-MM-DD")
    with transaction.atomic():
        _bump(trial, expected_version)
        Trial.objects.filter(pk=trial.pk).update(review_date=review)
        trial.refresh_from_db()
    return trial


def add_side_effect(trial: Trial, effect: str) -> Trial:
    """Note a side effect (a snake_case id such as ``dizziness``) on the trial."""
    name = v.text("side_effect", effect, max_length=64, required=True)
    with transaction.atomic():
        _bump(trial, None)
        if name not in trial.side_effects:
            trial.side_effects = [*trial.side_effects, name]
            trial.save(update_fields=["side_effects", "updated_at"])
    return trial
