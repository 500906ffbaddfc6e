"""What a report is built from: plain typed records, no ORM (the web layer maps its rows to these).

``report_input(...)`` gathers one patient's records for a period and computes, once, what every
report needs from ``nervepath.outcomes``: the outcome summary (baselines, each trial's response and
adequacy) and the rolling 7-day averages over the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from nervepath.errors import InvalidInput
from nervepath.outcomes import PatientSummary, WindowMean, patient_summary, rolling_means
from nervepath.outcomes.adequacy import AdequacyRule, adequacy_rules_for
from nervepath.outcomes.records import (
    CarePlanEntry,
    DiaryEntry,
    PatientInfo,
    QuestionnaireRecord,
    TrialRecord,
)
from nervepath.outcomes.rules import outcome_rules


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers, both ends included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PrescribingRecord:
    """The prescribing checks kept with one trial (``trial_id``) or one current medicine
    (``medication_id``): the check dicts of ``nervepath.clinical.prescribing`` (rule, flag, severity,
    message, sources, overridden, reason; ``date``, the day of the dose they were made for, and ``by``,
    who overrode, when known), oldest first, as the application layer stored them."""

    drug: str
    checks: tuple[Mapping[str, Any], ...]
    trial_id: int | None = None
    medication_id: int | None = None

    @property
    def current(self) -> tuple[Mapping[str, Any], ...]:
        """The checks of the latest start or dose change (a trial keeps every change's, each with its
        ``date``; checks without a date are all current)."""
        latest = str(self.checks[-1].get("date") or "") if self.checks else ""
        return tuple(c for c in self.checks if str(c.get("date") or "") == latest)

    @property
    def shown(self) -> tuple[Mapping[str, Any], ...]:
        """What a report lists: the current checks and every earlier override, each once."""
        current = self.current
        earlier = [c for c in self.checks if c.get("overridden") and c not in current]
        unique: list[Mapping[str, Any]] = []
        for check in [*current, *earlier]:
            if check not in unique:
                unique.append(check)
        return tuple(unique)


@dataclass(frozen=True)
class ReportInput:
    """Everything the clinician report and the care plan show, for one patient and one period.

    ``diary`` holds the whole diary (a baseline may lie before the period); ``rolling`` only the
    7-day averages ending inside the period. ``assessment`` is the contract JSON of ``assess``
    (None when the record lacks what assess needs). ``summary`` is computed as of ``as_of``.
    """

    patient: PatientInfo
    period: Period
    generated_on: date
    diary: tuple[DiaryEntry, ...]
    rolling: tuple[WindowMean, ...]
    trials: tuple[TrialRecord, ...]
    questionnaires: tuple[QuestionnaireRecord, ...]
    summary: PatientSummary
    assessment: Mapping[str, Any] | None = None
    care_plan: tuple[CarePlanEntry, ...] = ()
    patient_ref: str = ""  # the record's number in the clinic (the header says "record 7")
    clinician: str = ""
    prescribing: tuple[PrescribingRecord, ...] = ()

    @property
    def as_of(self) -> date:
        """The day outcomes are judged on: the end of the period, or today when that is earlier."""
        return min(self.period.end, self.generated_on)

    def diary_in_period(self) -> list[DiaryEntry]:
        return [entry for entry in self.diary if entry.date in self.period]


def period(start: date | None, end: date | None, diary: Sequence[DiaryEntry], today: date) -> Period:
    """The report period: given ends, else the first diary day (or 90 days back) to today.

    Raises: InvalidInput naming ``to`` when the end lies before the start, and ``from`` or ``to`` for a
    day after today (a report covers what happened; a far future end overflowed the chart).
    """
    for name, given in (("from", start), ("to", end)):
        if given is not None and given > today:
            raise InvalidInput(name, given.isoformat(), f"a date on or before today ({today.isoformat()})")
    first = min((entry.date for entry in diary), default=today - timedelta(days=89))
    chosen = Period(start or min(first, end or today), end or today)
    if chosen.end < chosen.start:
        raise InvalidInput("to", chosen.end.isoformat(), f"a date on or after {chosen.start.isoformat()}")
    return chosen


def report_input(
    patient: PatientInfo,
    span: Period,
    *,
    diary: Iterable[DiaryEntry],
    trials: Iterable[TrialRecord],
    today: date,
    questionnaires: Iterable[QuestionnaireRecord] = (),
    assessment: Mapping[str, Any] | None = None,
    care_plan: Iterable[CarePlanEntry] = (),
    patient_ref: str = "",
    clinician: str = "",
    prescribing: Iterable[PrescribingRecord] = (),
) -> ReportInput:
    """Build a :class:`ReportInput`, computing the outcome summary and rolling averages once.

    Takes: the patient, the period, their whole diary and trials, today's date and, optionally,
    questionnaires, the ``assess`` JSON, care-plan entries, identification text and the prescribing
    checks kept with the trials and current medicines.
    Returns: a ReportInput. Source: nervepath.outcomes (IMMPACT response, adequacy, windows).
    """
    entries = tuple(sorted(diary, key=lambda entry: entry.date))
    trial_list = tuple(sorted(trials, key=lambda trial: (trial.start_date, trial.id or 0)))
    as_of = min(span.end, today)
    known = [entry for entry in entries if entry.date <= as_of]
    return ReportInput(
        patient=patient,
        period=span,
        generated_on=today,
        diary=entries,
        rolling=_rolling_in(entries, span),
        trials=trial_list,
        questionnaires=tuple(sorted(questionnaires, key=lambda q: q.taken_at)),
        summary=patient_summary(
            known, [t for t in trial_list if t.start_date <= as_of], as_of, _rules(assessment)
        ),
        assessment=assessment,
        care_plan=tuple(care_plan),
        patient_ref=patient_ref,
        clinician=clinician,
        prescribing=tuple(record for record in prescribing if record.checks),
    )


def _rolling_in(diary: Sequence[DiaryEntry], span: Period) -> tuple[WindowMean, ...]:
    # Only the entries that can reach a window ending inside the period: keeps long diaries fast.
    reach = span.start - timedelta(days=outcome_rules().windows.window_days - 1)
    nearby = [entry for entry in diary if reach <= entry.date <= span.end]
    return tuple(mean for mean in rolling_means(nearby) if mean.last in span and mean.mean is not None)


def _rules(assessment: Mapping[str, Any] | None) -> dict[str, AdequacyRule]:
    """Adequacy against this patient's maximum of each drug (the assessment's), as ``assess`` judges."""
    options = (assessment or {}).get("options", [])
    return adequacy_rules_for({o["id"]: o.get("max_daily_mg") for o in options if o.get("kind") == "drug"})
