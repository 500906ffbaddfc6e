"""A patient's trials in words: the core's verdicts (``patient_status``) turned into sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from nervepath.outcomes import PatientSummary
from nervepath.outcomes.response import Response, TrialOutcome
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.pages.choices import STOP_REASONS
from nervepath.web.pages.data_words import drug_name
from nervepath.web.pages.prescribing import CheckLine, check_lines, override_authors
from nervepath.web.records.models import DoseStep, Patient, Trial
from nervepath.web.records.reporting import assessment_for

RESPONSE_WORDS: dict[Response, Any] = {
    Response.substantial: _("Pain is down by %(pct)s%% or more since the start: a substantial response."),
    Response.moderate: _("Pain is down by %(pct)s%% or more since the start: a meaningful response."),
    Response.none: _("Pain has not come down by a meaningful amount so far."),
    Response.too_early: _("It is too early to judge: most medicines need several weeks at a steady dose."),
    Response.insufficient_data: _("Not enough diary days before and during the treatment to judge yet."),
}


# The headings of the care plan's parts, by item kind (the kinds the plan's forms and the demo use).
# The API takes any snake_case kind a clinic's own system sends; such a part is headed with a neutral
# word (its items keep the titles the clinician wrote), never with the kind id turned into words.
PLAN_HEADINGS: dict[str, Any] = {
    "therapy": _("Therapy"),
    "exercise": _("Exercise and activity"),
    "sleep": _("Sleep"),
    "coping": _("Coping with pain"),
    "follow_up": _("Follow-up"),
}


OTHER_PART = _("Other parts of the plan")


def plan_heading(kind: str) -> str:
    """The heading of one part of the care plan, in the active language."""
    return str(PLAN_HEADINGS.get(kind, OTHER_PART))


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
    checks: list[CheckLine]

    @property
    def stop_words(self) -> str:
        """Why the trial was stopped, in the active language ("" while it runs)."""
        reason = self.trial.stop_reason
        if not reason:
            return ""
        # A reason the form's list does not have (an imported record) is, like the list's own "other",
        # some other reason: never its stored id.
        reasons = dict(STOP_REASONS)
        return str(reasons.get(reason, reasons["other"]))


def trial_rows(patient: Patient, summary: PatientSummary) -> list[TrialRow]:
    """Every trial, latest first, with its outcome (from the page's ``summary``) and a sentence a
    patient can read."""
    outcomes = {o.trial.id: o for o in summary.trials}
    trials = patient.trials.prefetch_related("doses").order_by("-start_date", "-pk")
    authors = override_authors(patient)
    rows = []
    for trial in trials:
        outcome = outcomes.get(trial.pk)
        words = _words(outcome.response) if outcome else ""
        checks = check_lines(trial.checks, authors.get(("trial", trial.pk), []))
        rows.append(TrialRow(trial, drug_name(trial.drug_id), outcome, words, checks))
    return rows


@dataclass(frozen=True)
class PlanMedicine:
    """A running trial on the patient's plan: the dose now, the most for this patient (``assess``,
    kidney function applied) and the prescribing checks kept with it, in plain words."""

    name: str
    step: DoseStep | None
    maximum: float | None
    unit: str
    checks: list[CheckLine]

    @property
    def above_maximum(self) -> bool:
        return self.step is not None and self.maximum is not None and self.step.daily_mg > self.maximum

    @property
    def overridden(self) -> bool:
        """A clinician went ahead past a blocking check, with a reason kept on the trial."""
        return any(line.overridden for line in self.checks)


def plan_medicines(patient: Patient, day: date) -> list[PlanMedicine]:
    """The running trials, in start order, for the patient's plan page."""
    running = list(patient.trials.filter(stop_date__isnull=True).prefetch_related("doses"))
    options: dict[str, dict[str, Any]] = {}
    authors = override_authors(patient)
    if running:
        assessment = assessment_for(patient, day) or {}
        options = {o["id"]: o for o in assessment.get("options", [])}
    medicines = []
    for trial in running:
        option = options.get(trial.drug_id, {})
        medicines.append(
            PlanMedicine(
                name=drug_name(trial.drug_id),
                step=trial.doses.last(),
                maximum=option.get("max_daily_mg"),
                unit=option.get("unit") or "mg",
                checks=check_lines(trial.checks, authors.get(("trial", trial.pk), [])),
            )
        )
    return medicines
