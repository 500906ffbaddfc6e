"""The clinic: the patient list (attention first) and one patient's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nervepath.clinical.drugs import treatments
from nervepath.instruments import get_instrument, instrument_ids
from nervepath.instruments.texts import texts_for
from nervepath.web.accounts.audit import audit, audit_listed
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user, patients_for_user
from nervepath.web.accounts.roles import is_care_team
from nervepath.web.pages.assessment import assessment_panel
from nervepath.web.pages.attention import concerns_by_patient, concerns_for
from nervepath.web.pages.charts import PatientChart, patient_chart, svg_response
from nervepath.web.pages.data_words import data_text
from nervepath.web.pages.forms import (
    AcknowledgeForm,
    AssignForm,
    ClinicFilterForm,
    DoseForm,
    ReportForm,
    StartTrialForm,
    StopForm,
)
from nervepath.web.pages.insights import insights_section
from nervepath.web.pages.roster import summaries
from nervepath.web.pages.schedule import due_for
from nervepath.web.pages.treatments import trial_rows
from nervepath.web.records import mappers
from nervepath.web.records.models import Patient
from nervepath.web.records.standing import read_once
from nervepath.web.records.status import patient_status
from nervepath.web.records.validation import today


def require_care_team(request: HttpRequest) -> None:
    if not is_care_team(request.user):
        raise Http404("these pages are for clinicians")


def drug_choices() -> list[tuple[str, str]]:
    return [(d.id, data_text(d.name)) for d in treatments() if not d.not_recommended]


def instrument_choices() -> list[tuple[str, str]]:
    """Each questionnaire by its short name in the page's language."""
    return [(i, texts_for(get_instrument(i), get_language()).short_name) for i in instrument_ids()]


@login_required
def clinic_page(request: HttpRequest) -> HttpResponse:
    require_care_team(request)
    form = ClinicFilterForm(request.GET or None)
    patients = patients_for_user(request.user).order_by("display_name")
    if form.is_valid() and form.cleaned_data["q"]:
        patients = patients.filter(display_name__icontains=form.cleaned_data["q"])
    day = today()
    found = concerns_by_patient(patients, day)
    rows = [(p, found.get(p.pk, [])) for p in patients]
    if form.is_valid() and form.cleaned_data["attention"]:
        rows = [row for row in rows if row[1]]
    rows.sort(key=lambda row: (min((c.rank for c in row[1]), default=99), row[0].display_name))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    audit_listed(request, (patient.pk for patient, _concerns in page.object_list))
    columns = summaries([patient.pk for patient, _concerns in page.object_list], day)
    listed = [(patient, concerns, columns[patient.pk]) for patient, concerns in page.object_list]
    return render(request, "pages/clinic.html", {"form": form, "page": page, "listed": listed})


def _chart(patient: Patient, trials: Any) -> PatientChart:
    fallback = reverse("pages:patient_chart", args=[patient.pk])
    return patient_chart(patient, today(), 180, _("Pain, with treatment periods"), trials, fallback)


def patient_context(patient: Patient, forms: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the clinician's patient page shows; ``forms`` replaces forms that failed validation.

    The standing case (situation, conditions, medicines) is read once for the outcomes' maxima and
    the assessment panel."""
    with read_once():
        return _patient_context(patient, forms)


def _patient_context(patient: Patient, forms: dict[str, Any] | None) -> dict[str, Any]:
    day = today()
    running = patient.trials.filter(stop_date__isnull=True)
    trials = mappers.trials(patient)  # read once, shared by the chart, the outcomes and the assessment
    summary = patient_status(patient, day, trials)
    concerns = concerns_for(patient, day, acknowledged=True)
    rows = trial_rows(patient, summary)
    context: dict[str, Any] = {
        "patient": patient,
        "concerns": [c for c in concerns if c.acknowledged is None],
        "acknowledged": [c for c in concerns if c.acknowledged is not None],
        "acknowledge_forms": {
            c.flag: AcknowledgeForm(initial={"flag": c.flag}, auto_id=f"ack_{c.flag}_%s")
            for c in concerns
            if c.acknowledged is None
        },
        "chart": _chart(patient, trials),
        "insights": insights_section(patient, day, trials),
        "glance": summaries([patient.pk], day)[patient.pk],
        "rows": rows,
        "running_rows": [row for row in rows if row.trial.stop_date is None],
        "stopped_rows": [row for row in rows if row.trial.stop_date is not None],
        "responses": list(patient.questionnaires.order_by("-taken_at")[:30]),  # shown in two parts
        "assignments": patient.assignments.filter(active=True),
        "due": due_for(patient, day),
        "start_form": StartTrialForm(drugs=drug_choices()),
        "assign_form": AssignForm(instruments=instrument_choices()),
        "dose_forms": {t.pk: DoseForm(initial={"version": t.version}) for t in running},
        "stop_forms": {
            t.pk: StopForm(initial={"version": t.version}, auto_id=f"stop{t.pk}_%s") for t in running
        },
        "conditions": patient.conditions.all(),
        "assessment": assessment_panel(patient, day, summary),
        "report_form": ReportForm(),
    }
    for name, given in (forms or {}).items():
        if isinstance(given, dict) and isinstance(context.get(name), dict):
            context[name] = {**context[name], **given}  # the failed form beside the others of its kind
        else:
            context[name] = given
    return context


@login_required
def patient_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    require_care_team(request)
    patient = get_patient_for_user(request.user, patient_id)
    audit(request, AuditAction.read, patient, patient)
    return render(request, "pages/patient.html", patient_context(patient))


@login_required
def patient_chart_svg(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The patient page's chart drawn by the server (SVG, ``?period=``): its image without JavaScript."""
    require_care_team(request)
    patient = get_patient_for_user(request.user, patient_id)
    audit(request, AuditAction.read, patient, "diary")
    return svg_response(request, _chart(patient, mappers.trials(patient)))
