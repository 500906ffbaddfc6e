"""What needs a clinician's attention first, composed from the core's own verdicts.

Nothing here decides a clinical threshold: the self-harm flag is the one stored with the latest
scored PHQ-9 (raised when it was recorded, by the rule in its data file), non-response and
adequacy come from ``nervepath.outcomes``, red flags from the recorded findings looked up in the
red-flag catalogue, and the diary gap is one outcome window (``data/outcomes/rules.yaml``)
without an entry.

Built for a clinic: ``concerns_by_patient`` answers for any number of patients with the same
few queries (red flags, latest flagged responses, recent diary, trials and their diary windows),
each aggregated or filtered in SQL, never a patient's whole history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.redflags import red_flag_catalogue, red_flags_for
from nervepath.instruments import get_instrument, instrument_ids
from nervepath.outcomes.response import Response
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.pages.charts import drug_name
from nervepath.web.pages.cohort import outcomes_by_patient
from nervepath.web.records.models import (
    ClinicalSituation,
    Condition,
    DiaryDay,
    Patient,
    QuestionnaireResponse,
)


@dataclass(frozen=True)
class Concern:
    kind: str
    label: str
    rank: int


@cache
def flagging_instruments() -> tuple[str, ...]:
    """Instruments whose data file defines an item flag (e.g. PHQ-9 item 9)."""
    return tuple(i for i in instrument_ids() if get_instrument(i).flags)


def red_flag_concerns(patients: QuerySet[Patient]) -> dict[int, list[Concern]]:
    """Red-flag findings from the clinical situation (and older condition rows), same-day ones first."""
    found: dict[int, set[str]] = defaultdict(set)
    for pid, findings in ClinicalSituation.objects.filter(patient__in=patients).values_list(
        "patient_id", "red_flag_findings"
    ):
        found[pid].update(findings or [])
    legacy = Condition.objects.filter(patient__in=patients, condition_id__in=list(red_flag_catalogue()))
    for pid, condition_id in legacy.values_list("patient_id", "condition_id"):
        found[pid].add(condition_id)
    return {pid: [_red_flag(f.id) for f in red_flags_for(ids)] for pid, ids in found.items() if ids}


def _red_flag(flag_id: str) -> Concern:
    return Concern(flag_id, _("Red flag: %(flag)s") % {"flag": flag_id.replace("_", " ")}, 0)


def questionnaire_concerns(patients: QuerySet[Patient]) -> dict[int, list[Concern]]:
    """Flags recorded with the latest response to each flagging questionnaire (e.g. PHQ-9 item 9)."""
    newest = Window(
        RowNumber(),
        partition_by=[F("patient_id"), F("instrument_id")],
        order_by=[F("taken_at").desc(), F("pk").desc()],
    )
    latest = (
        QuestionnaireResponse.objects.filter(
            patient__in=patients, instrument_id__in=flagging_instruments(), score__isnull=False
        )
        .annotate(newest=newest)
        .filter(newest=1)
        .order_by("patient_id", "instrument_id")
    )
    found: dict[int, list[Concern]] = defaultdict(list)
    for pid, flags in latest.values_list("patient_id", "flags"):
        found[pid] += [_questionnaire_flag(flag) for flag in flags]
    return found


def _questionnaire_flag(flag: str) -> Concern:
    return Concern(flag, _("Questionnaire flag: %(flag)s") % {"flag": flag.replace("_", " ")}, 1)


def outcome_concerns(patients: QuerySet[Patient], today: date) -> dict[int, list[Concern]]:
    """No response after an adequate trial; no diary entry during the last outcome window."""
    found: dict[int, list[Concern]] = defaultdict(list)
    for pid, outcomes in outcomes_by_patient(patients, today).items():
        found[pid] += [
            Concern(
                "non_response",
                _("No response after an adequate trial of %(drug)s") % {"drug": drug_name(o.trial.drug)},
                2,
            )
            for o in outcomes
            if o.adequate and o.response is Response.none
        ]
    window = outcome_rules().windows.window_days
    recent = DiaryDay.objects.filter(patient__in=patients, date__gt=today - timedelta(days=window))
    silent = _("No diary entry for %(days)s days") % {"days": window}
    for pid in patients.exclude(pk__in=recent.values("patient_id")).values_list("pk", flat=True):
        found[pid].append(Concern("no_diary", silent, 3))
    return found


def concerns_by_patient(patients: QuerySet[Patient], today: date) -> dict[int, list[Concern]]:
    """patient id -> every concern about that patient, most urgent first (patients without: absent).

    A constant number of queries, whatever the number of patients or the length of their diaries.
    """
    found: dict[int, list[Concern]] = defaultdict(list)
    for part in (red_flag_concerns(patients), questionnaire_concerns(patients)):
        for pid, concerns in part.items():
            found[pid] += concerns
    for pid, concerns in outcome_concerns(patients, today).items():
        found[pid] += concerns
    return {pid: sorted(concerns, key=lambda c: c.rank) for pid, concerns in found.items() if concerns}


def concerns_for(patient: Patient, today: date) -> list[Concern]:
    """Every concern about one patient, most urgent first."""
    return concerns_by_patient(Patient.objects.filter(pk=patient.pk), today).get(patient.pk, [])
