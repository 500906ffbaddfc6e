"""Clinician actions on a patient: start, adjust and stop a trial (stopping asks to confirm first);
assign a questionnaire; acknowledge a flag."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import (
    get_clinician_for_user,
    get_patient_for_user,
    get_trial_for_user,
)
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.application.flags import acknowledge_flag
from nervepath.web.application.trials import change_dose, start_trial, stop_trial
from nervepath.web.pages.attention import concerns_for
from nervepath.web.pages.choices import STOP_REASONS
from nervepath.web.pages.data_words import drug_name
from nervepath.web.pages.forms import (
    AcknowledgeForm,
    AssignForm,
    DoseForm,
    StartTrialForm,
    StopForm,
    call_service,
)
from nervepath.web.pages.models import QuestionnaireAssignment
from nervepath.web.pages.prescribing import call_checked, checks_said
from nervepath.web.pages.views.clinic import (
    drug_choices,
    instrument_choices,
    patient_context,
    require_care_team,
)
from nervepath.web.records.models import Patient
from nervepath.web.records.validation import today


def _done(request: HttpRequest, patient: Patient, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("pages:patient", patient_id=patient.pk)


def _again(request: HttpRequest, patient: Patient, **forms: Any) -> HttpResponse:
    return render(request, "pages/patient.html", patient_context(patient, forms), status=400)


@login_required
@require_POST
def start_trial_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    require_care_team(request)
    patient = get_patient_for_user(request.user, patient_id)
    form = StartTrialForm(request.POST, drugs=drug_choices())
    if form.is_valid():
        data = form.cleaned_data
        trial = call_checked(
            form,
            start_trial,
            actor(request),
            patient,
            data["drug"],
            data["start"],
            data["daily_mg"],
            data["review_date"],
        )
        if trial is not None:
            return _done(request, patient, checks_said(_("Trial started."), trial.checks))
    return _again(request, patient, start_form=form)


@login_required
@require_POST
def dose_view(request: HttpRequest, trial_id: int) -> HttpResponse:
    require_care_team(request)
    trial = get_trial_for_user(request.user, trial_id)
    form = DoseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        step = call_checked(
            form, change_dose, actor(request), trial, data["date"], data["daily_mg"], data["version"]
        )
        if step is not None:
            trial.refresh_from_db(fields=["checks"])
            return _done(request, trial.patient, checks_said(_("Dose changed."), trial.checks))
    return _again(request, trial.patient, dose_forms={trial.pk: form})


@login_required
@require_POST
def stop_view(request: HttpRequest, trial_id: int) -> HttpResponse:
    require_care_team(request)
    trial = get_trial_for_user(request.user, trial_id)
    form = StopForm(request.POST, auto_id=f"stop{trial.pk}_%s")
    if form.is_valid():
        data = form.cleaned_data
        if not data["confirm"]:
            # The first step changes nothing: it asks to confirm what was chosen.
            context = {
                "trial": trial,
                "patient": trial.patient,
                "name": drug_name(trial.drug_id),
                "form": form,
                "reason": dict(STOP_REASONS)[data["because"]],
            }
            return render(request, "pages/stop_confirm.html", context)
        stopped = call_service(
            form, stop_trial, actor(request), trial, data["date"], data["because"], data["version"]
        )
        if stopped is not None:
            return _done(request, trial.patient, _("Trial stopped."))
    return _again(request, trial.patient, stop_forms={trial.pk: form})


@login_required
@require_POST
def acknowledge_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    require_care_team(request)
    patient = get_patient_for_user(request.user, patient_id)
    flag = request.POST.get("flag", "")
    form = AcknowledgeForm(request.POST, auto_id=f"ack_{flag}_%s")
    if flag not in {c.flag for c in concerns_for(patient, today())}:
        # Acknowledged or gone since the page was shown (or never raised): said above the flags.
        form.is_valid()
        form.add_error(None, _("This flag is no longer open; the page has been refreshed."))
        return _again(request, patient, acknowledge_stale=form)
    if form.is_valid() and call_service(
        form, acknowledge_flag, actor(request), patient, form.cleaned_data["flag"], form.cleaned_data["note"]
    ):
        return _done(request, patient, _("Flag acknowledged. It comes back if new data raises it again."))
    return _again(request, patient, acknowledge_forms={flag: form})


@login_required
@require_POST
def assign_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    require_care_team(request)
    patient = get_patient_for_user(request.user, patient_id)
    form = AssignForm(request.POST, instruments=instrument_choices())
    if not form.is_valid():
        return _again(request, patient, assign_form=form)
    clinician = get_clinician_for_user(request.user) if role_of(request.user) is Role.clinician else None
    assignment = QuestionnaireAssignment.objects.create(
        patient=patient,
        instrument_id=form.cleaned_data["instrument"],
        every_days=form.cleaned_data["every_days"],
        start_date=today(),
        assigned_by=clinician,
    )
    audit(request, AuditAction.change, patient, assignment)
    return _done(request, patient, _("Questionnaire assigned."))
