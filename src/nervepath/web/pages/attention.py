"""What needs a clinician's attention first, composed from the core's own verdicts.

Nothing here decides a clinical threshold: the self-harm flag comes from the PHQ-9 data file,
non-response and adequacy from ``nervepath.outcomes``, red flags from the recorded findings
looked up in the red-flag catalogue, and the diary gap is one outcome window
(``data/outcomes/rules.yaml``) without an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from nervepath.clinical.redflags import red_flag_catalogue, red_flags_for
from nervepath.errors import InvalidInput
from nervepath.instruments import score
from nervepath.outcomes.response import Response
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.pages.charts import drug_name
from nervepath.web.records.models import Patient, QuestionnaireResponse
from nervepath.web.records.status import patient_status


@dataclass(frozen=True)
class Concern:
    kind: str
    label: str
    rank: int


def _flags(response: QuestionnaireResponse) -> list[str]:
    try:
        return score(response.instrument_id, response.answers).flags
    except InvalidInput:
        return []


def red_flag_concerns(patient: Patient) -> list[Concern]:
    """Recorded findings that are red flags in the clinical catalogue (same-day ones first)."""
    recorded = patient.conditions.filter(condition_id__in=list(red_flag_catalogue()))
    flags = red_flags_for(recorded.values_list("condition_id", flat=True))
    return [Concern(f.id, _("Red flag: %(flag)s") % {"flag": f.id.replace("_", " ")}, 0) for f in flags]


def questionnaire_concerns(patient: Patient) -> list[Concern]:
    """Flags raised by the latest answer to each questionnaire (e.g. PHQ-9 self-harm item)."""
    latest: dict[str, QuestionnaireResponse] = {}
    for response in patient.questionnaires.order_by("taken_at", "pk"):
        latest[response.instrument_id] = response
    flags = [flag for response in latest.values() for flag in _flags(response)]
    return [
        Concern(flag, _("Questionnaire flag: %(flag)s") % {"flag": flag.replace("_", " ")}, 1)
        for flag in flags
    ]


def outcome_concerns(patient: Patient, today: date) -> list[Concern]:
    """No response after an adequate trial; no diary entry during the last outcome window."""
    summary = patient_status(patient, today)
    concerns = [
        Concern(
            "non_response",
            _("No response after an adequate trial of %(drug)s") % {"drug": drug_name(o.trial.drug)},
            2,
        )
        for o in summary.trials
        if o.adequate and o.response is Response.none
    ]
    window = outcome_rules().windows.window_days
    if not patient.diary_days.filter(date__gt=today - timedelta(days=window)).exists():
        concerns.append(Concern("no_diary", _("No diary entry for %(days)s days") % {"days": window}, 3))
    return concerns


def concerns_for(patient: Patient, today: date) -> list[Concern]:
    """Every concern about one patient, most urgent first."""
    found = red_flag_concerns(patient) + questionnaire_concerns(patient)
    return sorted(found + outcome_concerns(patient, today), key=lambda c: c.rank)
