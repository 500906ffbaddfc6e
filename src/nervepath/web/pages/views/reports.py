"""PDF reports from the web app: the clinician report and the patient's own care plan.

The reports core renders (``nervepath.reports``); ``web/records/reporting.report_input_for`` gathers
the records. The PDF is in the language of the request (the pages' language). A bad period or paper
gets the form back with the error next to the field (400).
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from nervepath.reports.careplan import render_careplan_pdf
from nervepath.reports.clinician import render_clinician_pdf
from nervepath.reports.inputs import ReportInput
from nervepath.reports.words import Sentences
from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_own_patient, get_patient_for_clinician
from nervepath.web.pages.forms import ReportForm, call_service
from nervepath.web.pages.prescribing import override_authors, with_authors
from nervepath.web.pages.sentences import sentence_text
from nervepath.web.records.models import Patient
from nervepath.web.records.reporting import report_input_for
from nervepath.web.records.validation import today


class Renderer(Protocol):
    def __call__(self, report: ReportInput, size: str, *, language: str, sentences: Sentences) -> bytes: ...


@login_required
def clinician_report(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_clinician(request.user, patient_id)
    return _pdf(request, patient, render_clinician_pdf, f"nervepath-report-patient-{patient.pk}")


@login_required
def plan_pdf(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    return _pdf(request, patient, render_careplan_pdf, "nervepath-my-plan")


def _pdf(request: HttpRequest, patient: Patient, renderer: Renderer, stem: str) -> HttpResponse:
    form = ReportForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    report = (
        call_service(form, report_input_for, patient, data.get("start"), data.get("end")) if data else None
    )
    if report is None:
        return render(request, "pages/report_form.html", {"form": form, "patient": patient}, status=400)
    # The page's language: the PDF reads as the pages do, the core's sentences worded as there.
    language = get_language() or "en"
    shown = with_authors(report, override_authors(patient))
    pdf = renderer(shown, data.get("paper") or "a4", language=language, sentences=sentence_text)
    audit(request, AuditAction.read, patient, "report")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}-{today().isoformat()}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
