"""The clinic outcomes view: responder rates by drug class and by etiology, with Wilson 95 % CIs.

The outcomes of every trial come from ``nervepath.web.pages.cohort`` (a few queries for the whole
clinic); the rates and intervals from the pure ``nervepath.outcomes.clinic``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nervepath.clinical.drugs import load_drugs
from nervepath.outcomes import TrialOutcome
from nervepath.outcomes.clinic import Proportion, responder_rates
from nervepath.web.accounts.permissions import patients_for_user
from nervepath.web.pages.cohort import outcomes_by_patient
from nervepath.web.pages.views.clinic import require_care_team
from nervepath.web.records.models import ClinicalSituation, Patient
from nervepath.web.records.validation import today

UNKNOWN = "unknown"


@dataclass(frozen=True)
class RateRow:
    group: str
    rate: Proportion


def _rows(rates: dict[Any, Proportion]) -> list[RateRow]:
    return [RateRow(str(key).replace("_", " "), rate) for key, rate in sorted(rates.items())]


def clinic_outcomes(patients: QuerySet[Patient]) -> dict[str, list[RateRow]]:
    """Responder rates by drug class and by etiology (the situation's, else ``unknown``)."""
    found = outcomes_by_patient(patients, today())
    etiology = dict(
        ClinicalSituation.objects.filter(patient__in=patients).values_list("patient_id", "pain_etiology")
    )
    drugs = load_drugs()
    pairs = [(pid, o) for pid, outcomes in found.items() for o in outcomes]
    return {
        "by_class": _rows(responder_rates(_keyed(pairs, lambda pid, o: drugs[o.trial.drug].drug_class))),
        "by_etiology": _rows(responder_rates(_keyed(pairs, lambda pid, o: etiology.get(pid) or UNKNOWN))),
    }


def _keyed(pairs: list[tuple[int, TrialOutcome]], key: Any) -> list[tuple[Hashable, Any]]:
    return [(key(pid, outcome), outcome.response) for pid, outcome in pairs]


@login_required
def outcomes_page(request: HttpRequest) -> HttpResponse:
    require_care_team(request)
    found = clinic_outcomes(patients_for_user(request.user))
    tables = [(_("By drug class"), found["by_class"]), (_("By etiology"), found["by_etiology"])]
    return render(request, "pages/outcomes.html", {"tables": tables, **found})
