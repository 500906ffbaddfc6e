"""The patient's own pages: Today (the diary), My treatments, My plan, What affects my pain."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nervepath.errors import Conflict, InvalidInput, NotFound
from nervepath.outcomes.diary_fields import diary_fields
from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_own_patient
from nervepath.web.application.diary import (
    DayInput,
    delete_diary_day,
    deleted_day,
    record_diary_day,
    restore_diary_day,
)
from nervepath.web.pages.charts import PatientChart, patient_chart, svg_response
from nervepath.web.pages.first_steps import first_steps
from nervepath.web.pages.forms import REGION_PREFIX, DayForm, DiaryForm, call_service
from nervepath.web.pages.insights import insights_section
from nervepath.web.pages.prescribing import add_service_error
from nervepath.web.pages.schedule import due_for
from nervepath.web.pages.treatments import plan_heading, plan_medicines, trial_rows
from nervepath.web.records import mappers
from nervepath.web.records.models import DiaryDay, Patient
from nervepath.web.records.status import patient_status
from nervepath.web.records.validation import today

_TODAY = tuple(f for f in diary_fields().entered_in("web") if f.kind != "region_scores")
# What "same as yesterday" fills in: every field of the Today page but the day and the note, and the regions.
_CARRIED = tuple(f.id for f in _TODAY if f.kind not in ("date", "text"))
FILL = "previous"  # ?fill=previous: the patient asked for the form filled in from the day before


def _stored(day: DiaryDay, *, note: bool) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(day, name) for name in _CARRIED}
    values.update({REGION_PREFIX + r.region_id: r.pain for r in day.regions.all()})
    if note:
        values["note"] = day.note
    return values


def _initial(entry: DiaryDay | None, previous: DiaryDay | None, day: date, fill: bool) -> dict[str, Any]:
    """The day's own entry as stored; else blank, or, only when the patient asked, the day before's
    values without its note. Nothing is ever filled in unasked."""
    initial: dict[str, Any] = {"date": day}
    if entry is not None:
        initial.update(_stored(entry, note=True))
    elif fill and previous is not None:
        initial.update(_stored(previous, note=False))
    return initial


def _requested_day(request: HttpRequest) -> date:
    try:
        return min(date.fromisoformat(request.GET.get("date", "")), today())
    except ValueError:
        return today()


def long_day(day: date) -> str:
    """``Monday 30 November`` (``lunes 30 de noviembre``): a day as a heading names it."""
    return date_format(day, pgettext("a diary day in a sentence: Monday 30 November", "l j F"))


def short_day(day: date) -> str:
    """``30 November`` (``30 de noviembre``): a day as a button names it."""
    return date_format(day, pgettext("a diary day on a button: 30 November", "j F"))


def _words(day: date, previous: DiaryDay | None) -> dict[str, str]:
    """The heading, the save button and the "same as" button of the form for ``day``."""
    now = today()
    if day == now:
        words = {"heading": _("How was your pain today?"), "save": _("Save today")}
    else:
        words = {
            "heading": _("How was your pain on %(day)s?") % {"day": long_day(day)},
            "save": _("Save %(day)s") % {"day": short_day(day)},
        }
    if previous is not None:
        yesterday = day == now and previous.date == now - timedelta(days=1)
        words["same"] = (
            _("Same as yesterday") if yesterday else _("Same as %(day)s") % {"day": long_day(previous.date)}
        )
        words["source"] = long_day(previous.date)
    return words


def _record(request: HttpRequest, form: DiaryForm, patient: Patient) -> DiaryDay | None:
    """Save the day and its audit event in one transaction (both or neither)."""
    data = form.cleaned_data
    entry = DayInput(**{f.id: data[f.id] for f in _TODAY}, regions=form.regions())
    result = call_service(form, record_diary_day, actor(request), patient, entry)
    return result[0] if result else None


def _today_for(
    request: HttpRequest, patient: Patient, day: date, form: DiaryForm | None = None, **extra: Any
) -> HttpResponse:
    """The Today page for ``day``: its form, what can be done with the day, the last entries."""
    entry = patient.diary_days.filter(date=day).prefetch_related("regions").first()
    previous = patient.diary_days.filter(date__lt=day).order_by("-date").prefetch_related("regions").first()
    fill = entry is None and request.GET.get("fill") == FILL and previous is not None
    if form is None:
        form = DiaryForm(initial=_initial(entry, previous, day, fill))
    audit(request, AuditAction.read, patient, "diary")
    context = {
        "form": form,
        "day": day,
        "entry": entry,
        "previous": previous if entry is None else None,
        "filled": fill,
        "deleted": deleted_day(patient, day) if entry is None else None,
        "words": _words(day, previous),
        "recent": patient.diary_days.order_by("-date")[:7],
        "due": due_for(patient, today()),
        "patient": patient,
        "first_steps": first_steps(patient),
        **extra,
    }
    failed = form.errors or any(f.errors for f in extra.values() if isinstance(f, DayForm))
    return render(request, "pages/today.html", context, status=400 if failed else 200)


@login_required
def today_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    day = _requested_day(request)
    if request.method != "POST":
        return _today_for(request, patient, day)
    form = DiaryForm(request.POST)
    if form.is_valid() and _record(request, form, patient) is not None:
        messages.success(request, _("Saved. Thank you!"))
        return redirect("pages:today")
    return _today_for(request, patient, day, form)


def _day_action(request: HttpRequest, service: Any, done: str) -> HttpResponse:
    """Delete a day or undo its deletion (POST ``date``), then show that day with what was done."""
    patient = get_own_patient(request.user)
    if request.method != "POST":
        return redirect("pages:today")
    day_form = DayForm(request.POST)
    if day_form.is_valid():
        try:
            row = service(actor(request), patient, day_form.cleaned_data["date"])
        except (InvalidInput, Conflict) as exc:
            add_service_error(day_form, exc)
        except NotFound:
            day_form.add_error("date", _("There is no entry for this day."))
        else:
            messages.success(request, done % {"day": long_day(row.date)})
            return redirect(f"{reverse('pages:today')}?date={row.date.isoformat()}")
    return _today_for(request, patient, _requested_day(request), day_form=day_form)


@login_required
def delete_day_view(request: HttpRequest) -> HttpResponse:
    return _day_action(request, delete_diary_day, _("The entry for %(day)s is deleted."))


@login_required
def restore_day_view(request: HttpRequest) -> HttpResponse:
    return _day_action(request, restore_diary_day, _("The entry for %(day)s is back."))


@login_required
def treatments_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "trials")
    day, trials = today(), mappers.trials(patient)  # the trials read once for the chart and the rows
    rows = trial_rows(patient, patient_status(patient, day, trials))
    context = {"patient": patient, "rows": rows, "chart": _own_chart(patient, trials)}
    return render(request, "pages/treatments.html", context)


def _own_chart(patient: Patient, trials: Any) -> PatientChart:
    label = _("Your pain, with your treatments")
    return patient_chart(patient, today(), 90, label, trials, reverse("pages:treatments_chart"))


@login_required
def treatments_chart(request: HttpRequest) -> HttpResponse:
    """The "My treatments" chart drawn by the server (SVG, ``?period=``): the page's image without
    JavaScript."""
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "diary")
    return svg_response(request, _own_chart(patient, mappers.trials(patient)))


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "care_plan")
    items = list(patient.care_plan.exclude(status="cancelled"))
    medicines = plan_medicines(patient, today())
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    parts = [(plan_heading(kind), kind_items) for kind, kind_items in sorted(groups.items())]
    context = {"patient": patient, "groups": parts, "medicines": medicines, "today": today()}
    return render(request, "pages/plan.html", context)


@login_required
def insights_page(request: HttpRequest) -> HttpResponse:
    """What affects my pain: the diary's factors that went with more or less pain (associations)."""
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "insights")
    context = {"patient": patient, "insights": insights_section(patient, today())}
    return render(request, "pages/insights.html", context)
