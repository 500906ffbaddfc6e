"""Trial outcomes for many patients at once, reading only the diary days that decide them.

A trial's IMMPACT response (``nervepath.outcomes.trial_outcome``) depends on two windows of the
diary only: the ``window_days`` before the start (baseline) and the ``window_days`` ending on the
last entry while on the trial (current). The database finds that last entry per trial (one
correlated subquery on the ``(patient, date)`` index) and returns the days inside the windows, so a
clinic's outcomes cost a few queries and a few rows per trial, however long the diaries are. The
verdict itself is the core's, unchanged: it gets every entry that can influence it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import DateField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from nervepath.outcomes import TrialOutcome, adequacy_rules, trial_outcome
from nervepath.outcomes.records import DiaryEntry, DoseChange, TrialRecord
from nervepath.outcomes.rules import outcome_rules
from nervepath.web.records.models import DiaryDay, DoseStep, Patient, Trial

# Windows per diary query: 3 parameters each, well inside SQLite's limit of 32,766 per statement.
WINDOWS_PER_QUERY = 5000

Window = tuple[int, date, date]


def trials_with_last_entry(patients: QuerySet[Patient], today: date) -> QuerySet[Trial]:
    """The patients' trials, each annotated with ``last_entry``: the last diary date on the trial."""
    end = Coalesce(OuterRef("stop_date"), Value(today), output_field=DateField())
    last = DiaryDay.objects.filter(
        patient_id=OuterRef("patient_id"), date__gte=OuterRef("start_date"), date__lte=end
    ).order_by("-date")
    return (
        Trial.objects.filter(patient__in=patients)
        .annotate(last_entry=Subquery(last.values("date")[:1]))
        .order_by("patient_id", "start_date", "pk")
    )


def _windows(trial: Trial) -> Iterator[Window]:
    length = timedelta(days=outcome_rules().windows.window_days)
    yield trial.patient_id, trial.start_date - length, trial.start_date - timedelta(days=1)
    last: date | None = getattr(trial, "last_entry", None)
    if last is not None:
        yield trial.patient_id, last - length + timedelta(days=1), last


def _chunks(windows: list[Window]) -> Iterator[list[Window]]:
    for first in range(0, len(windows), WINDOWS_PER_QUERY):
        yield windows[first : first + WINDOWS_PER_QUERY]


def _window_rows(chunk: list[Window]) -> list[tuple[int, Any, int]]:
    """The diary days inside the windows: one query, whatever the number of windows."""
    table = DiaryDay._meta.db_table
    match = "d.patient_id = w.pid AND d.date BETWEEN w.first_day AND w.last_day"
    if connection.vendor == "postgresql":
        # Three array parameters, not three per window (large parameter lists are slow to bind), and
        # LATERAL ... OFFSET 0 so the planner walks the (patient, date) index once per window instead
        # of hash-joining a sequential scan of the whole diary, as it does for a VALUES list.
        sql = (
            "SELECT d.patient_id, d.date, d.pain_average "  # noqa: S608 - table name only
            "FROM unnest(%s::bigint[], %s::date[], %s::date[]) AS w(pid, first_day, last_day) "
            f"CROSS JOIN LATERAL (SELECT * FROM {table} d WHERE {match} OFFSET 0) d"
        )
        params: list[Any] = [list(column) for column in zip(*chunk, strict=True)]
    else:
        # SQLite stores dates as ISO text and uses the index for this join by itself.
        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
        sql = (
            f"WITH w(pid, first_day, last_day) AS (VALUES {values}) "  # noqa: S608 - parameter markers only
            f"SELECT d.patient_id, d.date, d.pain_average FROM w JOIN {table} d ON {match}"
        )
        params = [v for pid, first, last in chunk for v in (pid, first.isoformat(), last.isoformat())]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def window_entries(trials: Iterable[Trial]) -> dict[int, list[DiaryEntry]]:
    """patient id -> the diary entries inside any baseline or current window of their trials."""
    windows = sorted({w for trial in trials for w in _windows(trial)})
    found: dict[int, dict[date, int]] = defaultdict(dict)
    for chunk in _chunks(windows):
        for patient_id, day, pain in _window_rows(chunk):
            found[patient_id][day if isinstance(day, date) else date.fromisoformat(day)] = pain
    return {pid: [DiaryEntry(d, p) for d, p in sorted(days.items())] for pid, days in found.items()}


def trial_record(trial: Trial, doses: tuple[DoseChange, ...]) -> TrialRecord:
    """The core's view of a trial, without decisions (they do not change its outcome); its dose
    steps come from :func:`doses_by_trial`, fetched for all trials at once."""
    return TrialRecord(
        id=trial.pk,
        drug=trial.drug_id,
        start_date=trial.start_date,
        doses=doses,
        stop_date=trial.stop_date,
        stop_reason=trial.stop_reason,
    )


def doses_by_trial(trials: list[Trial]) -> dict[int, tuple[DoseChange, ...]]:
    """Every dose step of these trials in one query (a prefetch would build a queryset per trial)."""
    found: dict[int, list[DoseChange]] = defaultdict(list)
    steps = DoseStep.objects.filter(trial__in=[t.pk for t in trials]).order_by("trial_id", "date", "pk")
    for trial_id, day, mg in steps.values_list("trial_id", "date", "daily_mg"):
        found[trial_id].append(DoseChange(day, mg))
    return {trial_id: tuple(doses) for trial_id, doses in found.items()}


def trial_outcomes(patients: QuerySet[Patient], today: date) -> list[tuple[Trial, TrialOutcome]]:
    """Every trial of the patients (patient, then start order) with its outcome."""
    trials = list(trials_with_last_entry(patients, today))
    diary = window_entries(trials)
    doses = doses_by_trial(trials)
    rules = adequacy_rules()
    result = []
    for trial in trials:
        record = trial_record(trial, doses.get(trial.pk, ()))
        outcome = trial_outcome(record, diary.get(trial.patient_id, []), today, rules.get(record.drug))
        result.append((trial, outcome))
    return result


def outcomes_by_patient(patients: QuerySet[Patient], today: date) -> dict[int, list[TrialOutcome]]:
    """patient id -> the outcome of each of their trials (start order), as ``patient_status`` gives."""
    result: dict[int, list[TrialOutcome]] = defaultdict(list)
    for trial, outcome in trial_outcomes(patients, today):
        result[trial.patient_id].append(outcome)
    return result
