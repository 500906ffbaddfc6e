"""The clinician's situation page: the clinical situation ``assess`` reads, conditions, current medicines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_clinician
from nervepath.web.application.conditions import add_condition, list_conditions, remove_condition
from nervepath.web.application.medications import add_medication, current_medications, stop_medication
from nervepath.web.pages.forms import call_service
from nervepath.web.pages.prescribing import call_checked, check_lines, checks_said, override_authors
from nervepath.web.pages.situation import save_situation, situation_initial
from nervepath.web.pages.situation_forms import (
    ConditionForm,
    MedicationForm,
    RemoveConditionForm,
    SituationForm,
    StopMedicationForm,
)
from nervepath.web.records.models import Patient


def _page(request: HttpRequest, patient: Patient, status: int = 200, **forms: Any) -> HttpResponse:
    medications, authors = current_medications(patient), override_authors(patient)
    context: dict[str, Any] = {
        "patient": patient,
        "situation_form": SituationForm(initial=situation_initial(patient)),
        "condition_form": ConditionForm(),
        "medication_form": MedicationForm(),
        "conditions": list_conditions(patient),
        "medications": medications,
        "medication_checks": {
            m.pk: check_lines(m.checks, authors.get(("medication", m.pk), [])) for m in medications
        },
    }
    context.update(forms)
    return render(request, "pages/situation.html", context, status=status)


def _saved(request: HttpRequest, patient: Patient, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("pages:situation", patient_id=patient.pk)


@login_required
def situation_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    if request.method != "POST":
        audit(request, AuditAction.read, patient, "clinical_situation")
        return _page(request, patient)
    form = SituationForm(request.POST)
    row = save_situation(form, actor(request), patient) if form.is_valid() else None
    if row is not None:
        return _saved(request, patient, _("Clinical situation saved."))
    return _page(request, patient, 400, situation_form=form)


@login_required
@require_POST
def add_condition_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    form = ConditionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        added = call_service(
            form, add_condition, actor(request), patient, data["condition"], data["onset_date"], data["note"]
        )
        if added is not None:
            return _saved(request, patient, _("Condition recorded."))
    return _page(request, patient, 400, condition_form=form)


@login_required
@require_POST
def remove_condition_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    form = RemoveConditionForm(request.POST, patient=patient)
    if not form.is_valid():
        return _invalid(request, patient, form)
    remove_condition(actor(request), patient, form.cleaned_data["condition"])
    return _saved(request, patient, _("Condition removed."))


@login_required
@require_POST
def add_medication_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    form = MedicationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        row = call_checked(
            form,
            add_medication,
            actor(request),
            patient,
            data["drug"],
            data["daily_dose"],
            data["start_date"],
        )
        if row is not None:
            return _saved(request, patient, checks_said(_("Medicine recorded."), row.checks))
    return _page(request, patient, 400, medication_form=form)


@login_required
@require_POST
def stop_medication_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    form = StopMedicationForm(request.POST, patient=patient)
    if form.is_valid():
        data = form.cleaned_data
        row = call_service(form, stop_medication, actor(request), data["medication"], data["date"])
        if row is not None:
            return _saved(request, patient, _("Medicine stopped."))
    return _invalid(request, patient, form)


def _invalid(request: HttpRequest, patient: Patient, form: forms.Form) -> HttpResponse:
    """A list action (remove, stop) has no form of its own on the page: its errors go on top."""
    errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    return _page(request, patient, 400, action_errors=errors)
