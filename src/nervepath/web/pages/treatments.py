"""A patient's trials in words: the core's verdicts (``patient_status``) turned into sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from nervepath.outcomes import PatientSummary
from nervepath.outcomes.response import Response, TrialOutcome
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.pages.charts import drug_name
from nervepath.web.records.models import Patient, Trial

RESPONSE_WORDS: dict[Response, Any] = {
    Response.substantial: _("Pain is down by %(pct)s%% or more since the start: a substantial response."),
    Response.moderate: _("Pain is down by %(pct)s%% or more since the start: a meaningful response."),
    Response.none: _("Pain has not come down by a meaningful amount so far."),
    Response.too_early: _("It is too early to judge: most medicines need several weeks at a steady dose."),
    Response.insufficient_data: _("Not enough diary days before and during the treatment to judge yet."),
}


def _words(response: Response) -> str:
    rule = outcome_rules().response
    pct = {
        Response.substantial: rule.substantial_reduction_pct,
        Response.moderate: rule.moderate_reduction_pct,
    }
    return str(RESPONSE_WORDS[response]) % {"pct": f"{pct.get(response, 0):g}"}


@dataclass(frozen=True)
class TrialRow:
    trial: Trial
    name: str
    outcome: TrialOutcome | None
    words: Any


def trial_rows(patient: Patient, summary: PatientSummary) -> list[TrialRow]:
    """Every trial, latest first, with its outcome (from the page's ``summary``) and a sentence a
    patient can read."""
    outcomes = {o.trial.id: o for o in summary.trials}
    trials = patient.trials.prefetch_related("doses").order_by("-start_date", "-pk")
    rows = []
    for trial in trials:
        outcome = outcomes.get(trial.pk)
        words = _words(outcome.response) if outcome else ""
        rows.append(TrialRow(trial, drug_name(trial.drug_id), outcome, words))
    return rows
