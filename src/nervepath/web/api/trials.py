"""Treatment trials: list and read (care team), start and change (linked clinicians and admins).

Changes take ``expected_version`` (optimistic locking): a stale version answers 409.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import (
    get_patient_for_clinician,
    get_patient_for_user,
    get_trial_for_clinician,
    get_trial_for_user,
)
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, api_fields
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import Page, PageQuery, changed_since, conditional, page
from nervepath.web.api.schemas import DecisionIn, DoseIn, StopIn, TrialOut, TrialStartIn
from nervepath.web.application import trials as service
from nervepath.web.records.models import Trial

router = Router(tags=["trials"])


def _with_steps(rows: QuerySet[Trial]) -> QuerySet[Trial]:
    return rows.order_by("start_date", "pk").prefetch_related("doses", "decisions")


def _fresh(trial: Trial) -> Trial:
    return _with_steps(Trial.objects.filter(pk=trial.pk)).get()


@router.get(
    "/patients/{patient_id}/trials",
    response={200: Page[TrialOut], 304: None, **ERRORS},
    url_name="trial_list",
)
def trial_list(request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[PageQuery]) -> Any:
    """The patient's trials by start date, with dose steps and decisions."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = changed_since(_with_steps(patient.trials.all()), query)
    audit(request, AuditAction.read, patient, "trial")
    return conditional(request, response, page(rows, query, TrialOut.from_orm))


@router.post(
    "/patients/{patient_id}/trials", response={201: TrialOut, **WRITE_ERRORS}, url_name="trial_start"
)
def trial_start(request: HttpRequest, patient_id: Id, payload: TrialStartIn) -> Any:
    """Start a trial; 409 while a trial of the same drug is still running; 422 with code
    ``prescribing_check`` and the ``checks`` when a prescribing check blocks it (send
    ``override_reason`` to go ahead). The trial carries its ``checks``."""
    patient = get_patient_for_clinician(caller(request), patient_id)
    with api_fields({"drug": "drug_id", "date": "start_date"}):
        trial = service.start_trial(
            actor(request),
            patient,
            payload.drug_id,
            payload.start_date,
            payload.daily_mg,
            payload.review_date,
            payload.override_reason,
        )
    return Status(201, _fresh(trial))


@router.get("/trials/{trial_id}", response={200: TrialOut, 304: None, **ERRORS}, url_name="trial")
def trial_detail(request: HttpRequest, response: HttpResponse, trial_id: Id) -> Any:
    """One trial; its ETag changes with every change (the version is part of the body)."""
    trial = _fresh(get_trial_for_user(caller(request), trial_id))
    audit(request, AuditAction.read, trial.patient, trial)
    return conditional(request, response, TrialOut.from_orm(trial).model_dump(mode="json"))


@router.post("/trials/{trial_id}/doses", response={200: TrialOut, **WRITE_ERRORS}, url_name="trial_dose")
def trial_dose(request: HttpRequest, trial_id: Id, payload: DoseIn) -> Any:
    """Change the daily dose from ``date`` on; a blocking prescribing check answers 422 as a start does,
    and the change's checks are appended to the trial's."""
    trial = get_trial_for_clinician(caller(request), trial_id)
    service.change_dose(
        actor(request),
        trial,
        payload.date,
        payload.daily_mg,
        payload.expected_version,
        payload.override_reason,
    )
    return _fresh(trial)


@router.post("/trials/{trial_id}/stop", response={200: TrialOut, **WRITE_ERRORS}, url_name="trial_stop")
def trial_stop(request: HttpRequest, trial_id: Id, payload: StopIn) -> Any:
    """Stop the trial on ``date`` because ``ineffective``, ``side_effects`` or ``other``."""
    trial = get_trial_for_clinician(caller(request), trial_id)
    service.stop_trial(actor(request), trial, payload.date, payload.because, payload.expected_version)
    return _fresh(trial)


@router.post(
    "/trials/{trial_id}/decisions", response={200: TrialOut, **WRITE_ERRORS}, url_name="trial_decide"
)
def trial_decide(request: HttpRequest, trial_id: Id, payload: DecisionIn) -> Any:
    """Write down a decision about the trial; the author is the caller."""
    trial = get_trial_for_clinician(caller(request), trial_id)
    service.decide_on_trial(actor(request), trial, payload.date, payload.decision, payload.note)
    return _fresh(trial)
