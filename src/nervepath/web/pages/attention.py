"""What needs a clinician's attention first, composed from the core's own verdicts.

Nothing here decides a clinical threshold: the self-harm flag is the one stored with the latest
scored PHQ-9 (raised when it was recorded, by the rule in its data file), non-response and
adequacy come from ``nervepath.outcomes``, red flags from the recorded findings looked up in the
red-flag catalogue, and the diary gap is one outcome window (``data/outcomes/rules.yaml``)
without an entry.

A clinician can acknowledge a flag with a note (``application.flags``). The flag then rests until
newer data raises it again: each flag carries ``since``, when the data behind it last arrived (the
latest flagged questionnaire's time, the clinical situation's last change, the last diary day), and
an acknowledgement hides it only when it is at least as recent. A trial's non-response is keyed by
the trial and its version, so a dose change or a new review date asks again.

Built for a clinic: ``concerns_by_patient`` answers for any number of patients with the same
few queries (red flags, latest flagged responses, recent diary, trials and their diary windows),
each aggregated or filtered in SQL, never a patient's whole history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache

from django.db.models import F, Max, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.redflags import RedFlag, red_flag_catalogue, red_flags_for
from nervepath.instruments import get_instrument, instrument_ids
from nervepath.instruments.texts import texts_for
from nervepath.outcomes.response import Response
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.pages.cohort import trial_outcomes
from nervepath.web.pages.data_words import data_text, drug_name, lower_first
from nervepath.web.records.models import (
    ClinicalSituation,
    Condition,
    DiaryDay,
    FlagAcknowledgement,
    Patient,
    QuestionnaireResponse,
)


@dataclass(frozen=True)
class Concern:
    """One flag: ``key`` names it for an acknowledgement (``kind`` unless one kind can be raised
    twice); ``since`` is when its data last arrived (None: nothing newer can raise it again)."""

    kind: str
    label: str
    rank: int
    key: str = ""
    since: datetime | None = field(default=None, compare=False)
    acknowledged: FlagAcknowledgement | None = field(default=None, compare=False)

    @property
    def flag(self) -> str:
        return self.key or self.kind


@cache
def flagging_instruments() -> tuple[str, ...]:
    """Instruments whose data file defines an item flag (e.g. PHQ-9 item 9)."""
    return tuple(i for i in instrument_ids() if get_instrument(i).flags)


def red_flag_concerns(patients: QuerySet[Patient]) -> dict[int, list[Concern]]:
    """Red-flag findings from the clinical situation (and older condition rows), same-day ones first."""
    found: dict[int, dict[str, datetime]] = defaultdict(dict)

    def seen(pid: int, flag_id: str, at: datetime) -> None:
        found[pid][flag_id] = max(at, found[pid].get(flag_id, at))

    for pid, findings, at in ClinicalSituation.objects.filter(patient__in=patients).values_list(
        "patient_id", "red_flag_findings", "updated_at"
    ):
        for finding in findings or []:
            seen(pid, finding, at)
    legacy = Condition.objects.filter(patient__in=patients, condition_id__in=list(red_flag_catalogue()))
    for pid, condition_id, at in legacy.values_list("patient_id", "condition_id", "updated_at"):
        seen(pid, condition_id, at)
    return {
        pid: [_red_flag(f, ids[f.id]) for f in red_flags_for(list(ids))] for pid, ids in found.items() if ids
    }


def _red_flag(flag: RedFlag, since: datetime | None = None) -> Concern:
    name = lower_first(data_text(flag.name))
    return Concern(flag.id, _("Red flag: %(flag)s") % {"flag": name}, 0, since=since)


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
    for pid, flags, taken_at in latest.values_list("patient_id", "flags", "taken_at"):
        found[pid] += [_questionnaire_flag(flag, taken_at) for flag in flags]
    return found


def _questionnaire_flag(flag: str, since: datetime | None = None) -> Concern:
    return Concern(flag, _("Questionnaire flag: %(flag)s") % {"flag": _flag_words(flag)}, 1, since=since)


def _flag_words(flag_id: str) -> str:
    """``PHQ-9 — any answer other than ...``: the questionnaire's short name and what its flag means."""
    for instrument_id in flagging_instruments():
        inst = get_instrument(instrument_id)
        shown = texts_for(inst, get_language())
        for flag in inst.flags:
            if flag.id == flag_id:
                return f"{shown.short_name} — {lower_first(shown.flag_meaning(flag))}"
    return str(_("a flag that no questionnaire defines any more"))


def outcome_concerns(patients: QuerySet[Patient], today: date) -> dict[int, list[Concern]]:
    """No response after an adequate trial; no diary entry during the last outcome window."""
    found: dict[int, list[Concern]] = defaultdict(list)
    for trial, o in trial_outcomes(patients, today):
        if o.adequate and o.response is Response.none:
            found[trial.patient_id].append(
                Concern(
                    "non_response",
                    _("No response after an adequate trial of %(drug)s") % {"drug": drug_name(o.trial.drug)},
                    2,
                    key=f"non_response_{trial.pk}_{trial.version}",
                )
            )
    window = outcome_rules().windows.window_days
    recent = DiaryDay.objects.filter(patient__in=patients, date__gt=today - timedelta(days=window))
    silent = _("No diary entry for %(days)s days") % {"days": window}
    quiet = patients.exclude(pk__in=recent.values("patient_id")).annotate(last=Max("diary_days__updated_at"))
    for pid, last in quiet.order_by().values_list("pk", "last"):
        found[pid].append(Concern("no_diary", silent, 3, since=last))
    return found


def acknowledgements(patients: QuerySet[Patient]) -> dict[tuple[int, str], FlagAcknowledgement]:
    """(patient id, flag) -> the newest acknowledgement of that flag: one query."""
    newest = Window(
        RowNumber(),
        partition_by=[F("patient_id"), F("flag")],
        order_by=[F("acknowledged_at").desc(), F("pk").desc()],
    )
    latest = (
        FlagAcknowledgement.objects.filter(patient__in=patients)
        .annotate(newest=newest)
        .filter(newest=1)
        .order_by("patient_id", "flag")
    )
    return {(ack.patient_id, ack.flag): ack for ack in latest}


def _resting(concern: Concern, ack: FlagAcknowledgement | None) -> bool:
    return ack is not None and (concern.since is None or ack.acknowledged_at >= concern.since)


def concerns_by_patient(
    patients: QuerySet[Patient], today: date, *, acknowledged: bool = False
) -> dict[int, list[Concern]]:
    """patient id -> every concern about that patient, most urgent first (patients without: absent).

    Acknowledged concerns that nothing newer raised again are left out, or with ``acknowledged``
    kept with their acknowledgement attached. A constant number of queries, whatever the number of
    patients or the length of their diaries.
    """
    found: dict[int, list[Concern]] = defaultdict(list)
    for part in (red_flag_concerns(patients), questionnaire_concerns(patients)):
        for pid, concerns in part.items():
            found[pid] += concerns
    for pid, concerns in outcome_concerns(patients, today).items():
        found[pid] += concerns
    acks = acknowledgements(patients)
    result: dict[int, list[Concern]] = {}
    for pid, concerns in found.items():
        kept = []
        for concern in sorted(concerns, key=lambda c: c.rank):
            ack = acks.get((pid, concern.flag))
            if not _resting(concern, ack):
                kept.append(concern)
            elif acknowledged:
                kept.append(replace(concern, acknowledged=ack))
        if kept:
            result[pid] = kept
    return result


def concerns_for(patient: Patient, today: date, *, acknowledged: bool = False) -> list[Concern]:
    """Every concern about one patient, most urgent first (see ``concerns_by_patient``)."""
    patients = Patient.objects.filter(pk=patient.pk)
    return concerns_by_patient(patients, today, acknowledged=acknowledged).get(patient.pk, [])
