"""Use cases of the daily diary: record a day, note a moment during a day, import a diary file,
delete a day and undo the deletion.

Each takes the acting ``Actor`` first, validates, writes, audits and commits as one (see the package).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from nervepath.web.accounts.audit import Actor, log_event, write_audited
from nervepath.web.accounts.models import AuditAction
from nervepath.web.application.changes import logged
from nervepath.web.records import diary as store
from nervepath.web.records.diary import CSV_MAX_BYTES, DayInput, check_worst, deleted_day, list_days
from nervepath.web.records.models import DiaryDay, DiaryEvent, Patient

__all__ = [
    "CSV_MAX_BYTES",
    "DayInput",
    "check_worst",
    "delete_diary_day",
    "deleted_day",
    "import_diary_csv",
    "list_days",
    "record_diary_day",
    "record_event",
    "restore_diary_day",
]


def record_diary_day(who: Actor, patient: Patient, entry: DayInput) -> tuple[DiaryDay, bool]:
    """Add the day, or update the fields given of the stored one; True when it was created.

    The day's statement appends its audit event (in the same statement on PostgreSQL).
    """

    def write(sql: str, params: Sequence[Any]) -> DiaryDay | None:
        row: DiaryDay | None = write_audited(DiaryDay, sql, params, who, AuditAction.change)
        return row

    return store.record_day(patient, entry, write)


def record_event(
    who: Actor,
    patient: Patient,
    day: Any,
    kind: str,
    at_time: Any = None,
    severity: Any = None,
    note: str = "",
) -> DiaryEvent:
    """Note a moment (flare, side effect, dose taken, other) on the patient's diary day ``day``."""
    with transaction.atomic():
        return logged(who, patient.pk, store.record_event(patient, day, kind, at_time, severity, note))


def import_diary_csv(who: Actor, patient: Patient, file: io.TextIOBase) -> int:
    """Import a diary CSV (all rows or none); one audit event names the import. Returns the row count."""
    with transaction.atomic():
        count = store.import_diary_csv(patient, file)
        log_event(who, AuditAction.change, patient.pk, "diary_import")
        return count


def delete_diary_day(who: Actor, patient: Patient, day: Any) -> DiaryDay:
    """Delete the patient's diary day ``day`` (kept to undo for ``records.diary.UNDO_DAYS`` days).

    One audit event, action delete, names the day's row. Returns the deleted row (its id kept).
    """
    with transaction.atomic():
        row = store.delete_day(patient, day)
        log_event(who, AuditAction.delete, patient.pk, row)
        return row


def restore_diary_day(who: Actor, patient: Patient, day: Any) -> DiaryDay:
    """Undo the deletion of the diary day ``day``: the day comes back as it was, with its id.

    One audit event, action change, names the day's row (the same id as the delete event's).
    """
    with transaction.atomic():
        return logged(who, patient.pk, store.restore_day(patient, day))
