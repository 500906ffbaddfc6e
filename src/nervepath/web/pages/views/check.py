"""Check: a questionnaire one question per screen (plain POST per step; htmx swaps only the card)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.instruments import Instrument, get_instrument
from nervepath.instruments.scoring import band_by_id
from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_own_patient, get_response_for_user
from nervepath.web.application.questionnaires import record_questionnaire, recorded_score
from nervepath.web.http import HtmxHttpRequest
from nervepath.web.pages.forms import AnswerForm
from nervepath.web.pages.questionnaires import (
    choices_for,
    engine_answer,
    self_report_instruments,
)
from nervepath.web.pages.schedule import due_for
from nervepath.web.records.validation import today


def _instrument(instrument_id: str) -> Instrument:
    try:
        inst = get_instrument(instrument_id)
    except UnknownIdentifier:
        raise Http404("no such questionnaire") from None
    if inst not in self_report_instruments():
        raise Http404("this questionnaire is completed with a clinician")
    return inst


def _session_key(inst: Instrument) -> str:
    return f"check:{inst.id}"


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    audit(request, AuditAction.read, patient, "questionnaires")
    past = patient.questionnaires.order_by("-taken_at")[:20]
    context = {"instruments": self_report_instruments(), "due": due_for(patient, today()), "past": past}
    return render(request, "pages/check_list.html", context)


def _step(
    request: HtmxHttpRequest, inst: Instrument, answers: dict[str, Any], form: AnswerForm | None = None
) -> HttpResponse:
    index = len(answers)
    item = inst.items[index]
    form = form or AnswerForm(choices=choices_for(inst, item), required=item.required)
    context = {"inst": inst, "item": item, "form": form, "number": index + 1, "total": len(inst.items)}
    template = "pages/_check_card.html" if request.htmx else "pages/check_step.html"
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, context, status=status)


@login_required
def check_step(request: HtmxHttpRequest, instrument_id: str) -> HttpResponse:
    patient = get_own_patient(request.user)
    inst = _instrument(instrument_id)
    key = _session_key(inst)
    answers: dict[str, Any] = dict(request.session.get(key, {}))
    if request.method == "GET" and request.GET.get("restart"):
        answers = {}
    if request.method == "POST" and request.POST.get("back") and answers:
        answers.pop(list(answers)[-1])
    elif request.method == "POST":
        item = inst.items[min(len(answers), len(inst.items) - 1)]
        form = AnswerForm(request.POST, choices=choices_for(inst, item), required=item.required)
        if request.POST.get("item") != item.id or not form.is_valid():
            return _step(request, inst, answers, form if request.POST.get("item") == item.id else None)
        raw = form.cleaned_data["answer"]
        answers[item.id] = engine_answer(inst, item, raw) if raw else None
    if len(answers) >= len(inst.items):
        return _finish(request, patient, inst, answers)
    request.session[key] = answers
    return _step(request, inst, answers)


def _finish(
    request: HtmxHttpRequest, patient: Any, inst: Instrument, answers: dict[str, Any]
) -> HttpResponse:
    request.session.pop(_session_key(inst), None)
    given = {k: v for k, v in answers.items() if v is not None}
    try:
        response = record_questionnaire(actor(request), patient, inst.id, given)
    except InvalidInput as exc:
        messages.error(request, str(exc))
        return redirect("pages:check")
    target = redirect("pages:check_result", response_id=response.pk)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": target["Location"]})
    return target


@login_required
def check_result(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_response_for_user(request.user, response_id)
    audit(request, AuditAction.read, response.patient, response)
    inst = get_instrument(response.instrument_id)
    context = {
        "response": response,
        "inst": inst,
        "result": recorded_score(response),
        "band": band_by_id(inst, response.band or None),
        "flags": [f for f in inst.flags if f.id in response.flags],
    }
    return render(request, "pages/check_result.html", context)
