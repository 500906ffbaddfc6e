"""The daily diary: record a day (add or update), its regions and moments, list days, import a CSV file,
delete a day and undo the deletion.

Public: ``DayInput``, ``check_day(entry)`` and ``check_regions(regions)`` (the checks every writer
of a day runs, the worst pain not below the average included), ``record_day(patient, entry)``
(regions included, one transaction), ``delete_day(patient, day)``, ``restore_day(patient, day)``,
``deleted_day(patient, day)``,
``add_regions(day, regions)``, ``add_event(day, event)``, ``record_event(patient, day, kind, time=None,
severity=None, note="")``, ``list_days(patient, first, last)``, ``import_diary_csv(patient, file)``.
The CSV columns are those ``exchange.diary_csv`` writes, so export -> import round-trips.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from nervepath.csvsafe import restore
from nervepath.errors import Conflict, InvalidInput, NotFound
from nervepath.outcomes.diary_fields import DiaryField, diary_fields
from nervepath.outcomes.records import DayEvent, RegionScore
from nervepath.web.records import validation as v
from nervepath.web.records.columns import column
from nervepath.web.records.models import (
    DeletedDiaryDay,
    DiaryDay,
    DiaryEvent,
    EventKind,
    Patient,
    RegionPain,
)

# The fields, their checks and the CSV's columns come from data/diary/fields.yaml (ADR 0010).
_FIELDS = diary_fields()
_STORED = tuple(f for f in _FIELDS.fields if f.kind != "region_scores")  # regions are rows of their own
_CSV = {f.csv: f for f in _FIELDS.csv_fields() if f.csv is not None}  # column -> field, in file order
CSV_REQUIRED = tuple(column for column, f in _CSV.items() if f.required)
CSV_OPTIONAL = tuple(column for column, f in _CSV.items() if not f.required)
# Written by export for the reader's benefit; the trials themselves are records of their own.
CSV_IGNORED = ("trials",)
# Largest diary CSV an import reads: ten years of daily rows with a 1,000-character note each is about 4 MB.
CSV_MAX_BYTES = 10 * 1024 * 1024
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
# The one limit of a note, the day's and a moment's alike: the note field of data/diary/fields.yaml.
NOTE_MAX_LENGTH = _FIELDS.field("note").max_length
# How long a deleted day can be brought back. A product choice, not a clinical one: long enough to notice
# a slip, short enough that a day the patient deleted does not linger (docs/decisions/0013).
UNDO_DAYS = 30

# Runs the day's one ``INSERT ... RETURNING`` statement (SQL, parameters) and returns the row; the
# application layer passes one that appends the audit event in the same statement where it can.
RowWriter = Callable[[str, Sequence[Any]], "DiaryDay | None"]


def run_statement(sql: str, params: Sequence[Any]) -> DiaryDay | None:
    """The plain ``RowWriter``: run the statement and return its row (None when it changed none)."""
    rows = list(DiaryDay.objects.raw(sql, params))
    return rows[0] if rows else None


@dataclass(frozen=True, slots=True)
class DayInput:
    """What a person enters for one day; None means "not given" (an update keeps the stored value).

    One attribute per field of ``data/diary/fields.yaml``, named by its id (a test holds them equal).
    """

    date: Any
    pain_average: Any
    pain_worst: Any = None
    sleep_interference: Any = None
    mood: Any = None
    activity: Any = None
    sitting_hours: Any = None
    note: str | None = None
    qualities: Sequence[str] | None = None
    triggers: Sequence[str] | None = None
    regions: Sequence[RegionScore] | None = None


def check_day(entry: DayInput, prefix: str = "") -> dict[str, Any]:
    """Every stored field of ``entry`` checked as its kind in the data file says; None for a value not
    given. Raises InvalidInput naming ``prefix`` + the field (the one check of every writer of a day).

    The worst pain of a day is never below its average pain (both given; ``record_day`` and the import
    also hold a given average against a stored worst pain)."""
    values = {f.id: _check(f, prefix + f.id, getattr(entry, f.id)) for f in _STORED}
    check_worst(values["pain_average"], values["pain_worst"], prefix + "pain_worst")
    return values


def check_worst(average: int | None, worst: int | None, name: str = "pain_worst") -> None:
    """InvalidInput naming ``name`` (the worst pain) when ``worst`` is below ``average``."""
    if average is not None and worst is not None and worst < average:
        raise InvalidInput(name, worst, f"a worst pain of at least the average pain ({average})")


def _check(field: DiaryField, name: str, raw: Any) -> Any:
    if field.kind == "date":
        return v.past_date(name, raw)
    if field.kind == "score":
        return v.score(name, raw, required=field.required)
    if field.kind == "hours":
        return _hours(field, name, raw)
    if field.kind == "text":
        return None if raw is None else v.text(name, raw, max_length=field.max_length)
    return _ids(field, name, raw)


def _hours(field: DiaryField, name: str, raw: Any) -> float | None:
    if raw is None or raw == "":
        return None
    low, high = field.bounds or (0, 24)
    expected = f"a number of hours {low}-{high}"
    try:
        hours = float(raw)
    except (TypeError, ValueError):
        raise InvalidInput(name, raw, expected) from None
    if not low <= hours <= high:
        raise InvalidInput(name, raw, expected)
    return hours


def _ids(field: DiaryField, name: str, raw: Sequence[str] | None) -> list[str] | None:
    if raw is None:
        return None
    for item in raw:
        if not isinstance(item, str) or not _IDENT.match(item):
            raise InvalidInput(name, item, "snake_case identifiers such as burning, electric_shocks")
    ids = list(dict.fromkeys(raw))
    if field.max_items is not None and len(ids) > field.max_items:
        raise InvalidInput(name, len(ids), f"at most {field.max_items} ids")
    return ids


def record_day(patient: Patient, entry: DayInput, write: RowWriter = run_statement) -> tuple[DiaryDay, bool]:
    """Add the day, or update it if the patient already has an entry for that date.

    Returns: the row and True when it was created (False: updated). Raises: InvalidInput.
    Fields left as None keep their stored value on an update; ``regions`` set those regions' pain.
    ``write`` runs the day's statement (``application.diary`` passes one that also writes the audit
    event), inside this function's transaction: the day, its regions and the event commit together.
    """
    values = {key: value for key, value in check_day(entry).items() if value is not None}
    regions = check_regions(entry.regions or ())
    day = values.pop("date")
    # Inside a caller's transaction (an API write with its audit row) no savepoint is needed: an
    # error here rolls the whole transaction back anyway.
    with transaction.atomic(savepoint=False):
        upserted = _upsert_day(patient, day, values, write)
        if upserted is not None:
            for region_id, pain in regions.items():
                RegionPain.objects.update_or_create(
                    day=upserted[0], region_id=region_id, defaults={"pain": pain}
                )
    if upserted is None:  # held back, nothing written: say why (one read, only on this refusal)
        stored = patient.diary_days.filter(date=day).values_list("pain_worst", flat=True).first()
        check_worst(values["pain_average"], stored)
        raise InvalidInput("pain_average", values["pain_average"], "an average no higher than the worst pain")
    return upserted


def _upsert_day(
    patient: Patient, day: date, values: dict[str, Any], write: RowWriter
) -> tuple[DiaryDay, bool] | None:
    """Insert the day, or update only the given fields of the stored one: one statement, both databases.

    ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` needs no read-then-write, no savepoint and no
    read-back, and two writers of the same day cannot collide (the busiest write of the app, so it is
    worth the SQL). The row was created here exactly when it carries this insert's ``created_at``:
    an update leaves ``created_at`` alone.
    """
    now = timezone.now()
    new = DiaryDay(patient=patient, date=day, **values, created_at=now, updated_at=now)  # model defaults
    meta = DiaryDay._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    params = [f.get_db_prep_save(getattr(new, f.attname), connection) for f in fields]
    changed = [column(meta.get_field(name)) for name in [*values, "updated_at"]]
    columns = ", ".join(quote(column(f)) for f in fields)
    holes = ", ".join(["%s"] * len(fields))
    updates = ", ".join(f"{quote(name)} = EXCLUDED.{quote(name)}" for name in changed)
    returned = ", ".join(quote(column(f)) for f in meta.concrete_fields)
    table, key = quote(meta.db_table), f"{quote('patient_id')}, {quote('date')}"
    held = ""
    if "pain_average" in values and "pain_worst" not in values:
        # An update that gives only a new average is held to the stored worst pain, in the statement
        # itself: no read first. A stored worst below the new average changes no row.
        worst, average = quote("pain_worst"), quote("pain_average")
        held = f" WHERE {table}.{worst} IS NULL OR {table}.{worst} >= EXCLUDED.{average}"
    # Identifiers come from the model's own metadata; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({holes}) ON CONFLICT ({key}) DO UPDATE SET {updates}{held} RETURNING {returned}"  # noqa: E501, S608  # nosec B608
    row = write(sql, params)
    return None if row is None else (row, row.created_at == now)


def check_regions(regions: Iterable[RegionScore], prefix: str = "") -> dict[str, int]:
    """Region id -> its 0-10 pain; InvalidInput naming ``prefix`` + ``regions`` or the region."""
    checked: dict[str, int] = {}
    for region in regions:
        if not isinstance(region.region_id, str) or not _IDENT.match(region.region_id):
            raise InvalidInput(prefix + "regions", region.region_id, "a snake_case region id such as feet")
        pain = v.score(f"{prefix}regions.{region.region_id}", region.pain, required=True)
        checked[region.region_id] = pain if pain is not None else 0
    return checked


def add_regions(day: DiaryDay, regions: Iterable[RegionScore]) -> None:
    """Set the pain of body regions for one day (replacing earlier values for those regions)."""
    checked = check_regions(regions)
    with transaction.atomic():
        for region_id, pain in checked.items():
            RegionPain.objects.update_or_create(day=day, region_id=region_id, defaults={"pain": pain})


def add_event(day: DiaryDay, event: DayEvent) -> DiaryEvent:
    """Attach a moment (flare, side effect, dose taken, other) to a diary day."""
    if event.at.tzinfo is None:
        raise InvalidInput("event.at", event.at.isoformat(), "a time with a time zone")
    kind = v.choice("event.kind", event.kind, list(EventKind.values))
    severity = v.score("event.severity", event.severity)
    with transaction.atomic():
        return DiaryEvent.objects.create(day=day, at=event.at, kind=kind, severity=severity, note=event.note)


def record_event(
    patient: Patient, day: Any, kind: str, at_time: Any = None, severity: Any = None, note: str = ""
) -> DiaryEvent:
    """Attach a moment to the patient's diary day ``day`` at ``at_time`` (HH:MM, local time zone).

    Without a time the moment is placed at midday (its order within the day is then unknown).
    Raises: InvalidInput naming the field; NotFound when the day has no diary entry yet.
    """
    when = v.past_date("date", day)
    moment = datetime.combine(when, _clock("time", at_time)).astimezone()
    row = patient.diary_days.filter(date=when).first()
    if row is None:
        raise InvalidInput("date", when.isoformat(), "a day that has a diary entry (add the day first)")
    return add_event(row, DayEvent(moment, kind, severity, v.text("note", note, max_length=NOTE_MAX_LENGTH)))


def _clock(field: str, raw: Any) -> time:
    if raw is None or raw == "":
        return time(12, 0)
    try:
        return time.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidInput(field, raw, "a time as HH:MM") from None


def list_days(patient: Patient, first: date | None = None, last: date | None = None) -> list[DiaryDay]:
    """The patient's diary days in date order, optionally from ``first`` to ``last`` inclusive."""
    days = patient.diary_days.order_by("date")
    if first:
        days = days.filter(date__gte=first)
    if last:
        days = days.filter(date__lte=last)
    return list(days)


def import_diary_csv(patient: Patient, file: Path | io.TextIOBase) -> int:
    """Import a diary CSV: columns ``date,pain_average`` and any of ``CSV_OPTIONAL`` (``trials`` is ignored).

    Columns a file does not have keep their stored values for dates already in the diary. A cell
    that export escaped against spreadsheet formulas (``'=...``, see ``nervepath.csvsafe``) is read
    as the text it was.
    All rows or none: every row is checked before anything is written, then the rows go in with
    one bulk insert in one transaction; a date already in the diary is updated.
    Returns: the number of rows. Raises: InvalidInput naming the row (the file's line number,
    the header being line 1) and the field.
    """
    text = file.read_text(encoding="utf-8-sig") if isinstance(file, Path) else str(file.read())
    rows, columns = _parse_csv(text)
    if "pain_worst" not in columns:  # the stored worst pain of a day stays: hold each average to it
        _check_stored_worst(patient, rows)
    days = [DiaryDay(patient=patient, **values) for values in rows]
    fields = [f.id for column, f in _CSV.items() if column in columns and f.kind != "date"]
    with transaction.atomic():
        DiaryDay.objects.bulk_create(
            days,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["patient", "date"],
            update_fields=[*fields, "updated_at"],
        )
    return len(days)


def _check_stored_worst(patient: Patient, rows: list[dict[str, Any]]) -> None:
    stored = dict(
        patient.diary_days.filter(
            date__in=[row["date"] for row in rows], pain_worst__isnull=False
        ).values_list("date", "pain_worst")
    )
    for line, row in enumerate(rows, start=2):
        check_worst(row["pain_average"], stored.get(row["date"]), f"row {line}: pain_worst")


def _parse_csv(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = _check_header(reader.fieldnames)
    rows: list[dict[str, Any]] = []
    seen: dict[date, int] = {}
    for line, row in enumerate(reader, start=2):
        values = _clean_row(row, line, columns)
        if values["date"] in seen:
            raise InvalidInput(
                f"row {line}: date",
                values["date"].isoformat(),
                f"a date not already on row {seen[values['date']]}",
            )
        seen[values["date"]] = line
        rows.append(values)
    return rows, columns


def _check_header(header: Sequence[str] | None) -> list[str]:
    columns = [name.strip() for name in header or []]
    allowed = CSV_REQUIRED + CSV_OPTIONAL + CSV_IGNORED
    for name in columns:
        if name not in allowed:
            raise InvalidInput("header", name, "columns among " + ", ".join(allowed))
    for name in CSV_REQUIRED:
        if name not in columns:
            raise InvalidInput("header", ",".join(columns), f"a column named {name}")
    return columns


def _clean_row(row: dict[str | Any, Any], line: int, columns: list[str]) -> dict[str, Any]:
    if None in row:
        raise InvalidInput(f"row {line}", row[None], "no more values than header columns")
    # A cell export wrote with a quote before it, so no spreadsheet runs it, is read without (csvsafe).
    get = {key.strip(): restore(value or "") for key, value in row.items()}
    entry = DayInput(**{f.id: _cell(f, get.get(column)) for column, f in _CSV.items()})
    values = check_day(entry, prefix=f"row {line}: ")
    return {f.id: values[f.id] for column, f in _CSV.items() if column in columns}


def _cell(field: DiaryField, raw: str | None) -> Any:
    """A CSV cell as ``DayInput`` takes it: ids are ``;``-separated."""
    if field.kind != "ids" or raw is None:
        return raw
    return [item.strip() for item in raw.split(";") if item.strip()]


def delete_day(patient: Patient, day: Any) -> DiaryDay:
    """Delete the patient's diary day ``day`` (its regions and moments with it), keeping it to undo.

    The day is deleted from the diary, so nothing reads it any more; a copy (its fields, regions and
    moments) is kept in ``DeletedDiaryDay`` for ``UNDO_DAYS`` days, the last deletion of each date only.
    Returns the deleted row, its id kept (for the audit event). Raises InvalidInput naming ``date``;
    NotFound when the day has no entry.
    """
    when = v.past_date("date", day)
    row = patient.diary_days.filter(date=when).prefetch_related("regions", "events").first()
    if row is None:
        raise NotFound("diary day", when.isoformat())
    fields = {f.id: getattr(row, f.id) for f in _STORED if f.kind != "date"}
    kept = {
        "fields": fields,
        "regions": {r.region_id: r.pain for r in row.regions.all()},
        "events": [
            {"at": e.at.isoformat(), "kind": e.kind, "severity": e.severity, "note": e.note}
            for e in row.events.all()
        ],
    }
    now = timezone.now()
    with transaction.atomic(savepoint=False):
        patient.deleted_diary_days.filter(deleted_at__lt=now - timedelta(days=UNDO_DAYS)).delete()
        DeletedDiaryDay.objects.update_or_create(
            patient=patient, date=when, defaults={"day_id": row.pk, "values": kept, "deleted_at": now}
        )
        pk = row.pk
        row.delete()
        row.pk = pk
    return row


def deleted_day(patient: Patient, day: date) -> DeletedDiaryDay | None:
    """The deleted copy of the patient's day ``day`` that can still be brought back, if any."""
    since = timezone.now() - timedelta(days=UNDO_DAYS)
    return patient.deleted_diary_days.filter(date=day, deleted_at__gte=since).first()


def restore_day(patient: Patient, day: Any) -> DiaryDay:
    """Bring back the deleted day ``day`` as it was (same id, fields, regions and moments).

    Raises InvalidInput naming ``date``; NotFound when no deletion of that day can be undone; Conflict
    when the date has a new entry since (the new entry is never overwritten).
    """
    when = v.past_date("date", day)
    kept = deleted_day(patient, when)
    if kept is None:
        raise NotFound("deleted diary day", when.isoformat())
    new_entry = Conflict("date", f"{when} has a new entry since; delete it first to bring the old one back")
    if patient.diary_days.filter(date=when).exists():
        raise new_entry
    values = kept.values
    with transaction.atomic(savepoint=False):
        try:
            with transaction.atomic():
                row = DiaryDay.objects.create(pk=kept.day_id, patient=patient, date=when, **values["fields"])
        except IntegrityError:  # the same date entered at the same moment
            raise new_entry from None
        RegionPain.objects.bulk_create(
            RegionPain(day=row, region_id=region, pain=pain) for region, pain in values["regions"].items()
        )
        DiaryEvent.objects.bulk_create(
            DiaryEvent(
                day=row,
                at=datetime.fromisoformat(e["at"]),
                kind=e["kind"],
                severity=e["severity"],
                note=e["note"],
            )
            for e in values["events"]
        )
        kept.delete()
    return row
