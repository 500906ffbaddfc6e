"""The patient's own pages: Today (the diary), My treatments, My plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nervepath.outcomes.diary_fields import diary_fields
from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_own_patient
from nervepath.web.application.diary import DayInput, record_diary_day
from nervepath.web.pages.charts import patient_chart
from nervepath.web.pages.forms import REGION_PREFIX, DiaryForm, call_service
from nervepath.web.pages.schedule import due_for
from nervepath.web.pages.treatments import plan_medicines, trial_rows
from nervepath.web.records import mappers
from nervepath.web.records.models import DiaryDay, Patient
from nervepath.web.records.status import patient_status
from nervepath.web.records.validation import today

_TODAY = tuple(f for f in diary_fields().entered_in("web") if f.kind != "region_scores")
# Offered again from the day before: every field of the Today page but the day, the note and the regions.
_CARRIED = tuple(f.id for f in _TODAY if f.kind not in ("date", "text"))


def _initial(patient: Patient, day: date) -> dict[str, Any]:
    """The day's own entry if there is one, else yesterday's (or the latest before) without its note."""
    same = patient.diary_days.filter(date=day).first()
    source = same or patient.diary_days.filter(date__lt=day).order_by("-date").first()
    initial: dict[str, Any] = {"date": day}
    if source is not None:
        initial.update({name: getattr(source, name) for name in _CARRIED})
        initial.update({REGION_PREFIX + r.region_id: r.pain for r in source.regions.all()})
        initial["note"] = same.note if same else ""
    return initial


def _requested_day(request: HttpRequest) -> date:
    try:
        return min(date.fromisoformat(request.GET.get("date", "")), today())
    except ValueError:
        return today()


def _record(request: HttpRequest, form: DiaryForm, patient: Patient) -> DiaryDay | None:
    """Save the day and its audit event in one transaction (both or neither)."""
    data = form.cleaned_data
    entry = DayInput(**{f.id: data[f.id] for f in _TODAY}, regions=form.regions())
    result = call_service(form, record_diary_day, actor(request), patient, entry)
    return result[0] if result else None


@login_required
def today_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    form = DiaryForm(request.POST or None, initial=_initial(patient, _requested_day(request)))
    if request.method == "POST" and form.is_valid():
        day = _record(request, form, patient)
        if day is not None:
            messages.success(request, _("Saved. Thank you!"))
            return redirect("pages:today")
    audit(request, AuditAction.read, patient, "diary")
    recent = patient.diary_days.order_by("-date")[:7]
    context = {"form": form, "recent": recent, "due": due_for(patient, today()), "patient": patient}
    return render(request, "pages/today.html", context, status=400 if form.errors else 200)


@login_required
def treatments_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "trials")
    day, trials = today(), mappers.trials(patient)  # the trials read once for the chart and the rows
    chart = patient_chart(
        patient, day, 90, _("Your pain over the last 90 days, with your treatments"), trials
    )
    rows = trial_rows(patient, patient_status(patient, day, trials))
    context = {"patient": patient, "rows": rows, "chart": chart}
    return render(request, "pages/treatments.html", context)


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "care_plan")
    items = list(patient.care_plan.exclude(status="cancelled"))
    medicines = plan_medicines(patient, today())
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    context = {"patient": patient, "groups": sorted(groups.items()), "medicines": medicines, "today": today()}
    return render(request, "pages/plan.html", context)
