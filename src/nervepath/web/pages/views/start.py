"""A new patient's first steps on Today: say the reading is done, or hide the checklist."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect

from nervepath.web.accounts.permissions import get_own_patient
from nervepath.web.pages.first_steps import dismiss, mark_read


class FirstStepsForm(forms.Form):
    action = forms.ChoiceField(choices=[("read", "read"), ("hide", "hide")])


@login_required
def first_steps_view(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    if request.method != "POST":
        return redirect("pages:today")
    form = FirstStepsForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("action: expected read or hide")
    (mark_read if form.cleaned_data["action"] == "read" else dismiss)(patient)
    return redirect("pages:today")
