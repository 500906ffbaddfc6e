"""The daily diary: record a day (add or update), list days, import a CSV file all-or-nothing."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from nervepath.errors import InvalidInput
from nervepath.outcomes.records import DayEvent, RegionScore
from nervepath.web.records import validation as v
from nervepath.web.records.models import DiaryDay, DiaryEvent, EventKind, Patient, RegionPain

CSV_REQUIRED = ("date", "pain_average")
CSV_OPTIONAL = ("pain_worst", "sleep_interference", "note")
OPTIONAL_SCORES = ("pain_worst", "sleep_interference", "mood", "activity")
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class DayInput:
    """What a person enters for one day; None means "not given" (an update keeps the stored value)."""

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


def _clean(entry: DayInput, prefix: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {
        "date": v.past_date(prefix + "date", entry.date),
        "pain_average": v.score(prefix + "pain_average", entry.pain_average, required=True),
    }
    for name in OPTIONAL_SCORES:
        values[name] = v.score(prefix + name, getattr(entry, name))
    values["sitting_hours"] = _hours(prefix + "sitting_hours", entry.sitting_hours)
    values["note"] = None if entry.note is None else v.text(prefix + "note", entry.note)
    values["qualities"] = _ids(prefix + "qualities", entry.qualities)
    values["triggers"] = _ids(prefix + "triggers", entry.triggers)
    return values


def _hours(field: str, raw: Any) -> float | None:
    if raw is None or raw == "":
        return None
    try:
        hours = float(raw)
    except (TypeError, ValueError):
        raise InvalidInput(field, raw, "a number of hours 0-24") from None
    if not 0 <= hours <= 24:
        raise InvalidInput(field, raw, "a number of hours 0-24")
    return hours


def _ids(field: str, raw: Sequence[str] | None) -> list[str] | None:
    if raw is None:
        return None
    for item in raw:
        if not isinstance(item, str) or not _IDENT.match(item):
            raise InvalidInput(field, item, "snake_case identifiers such as burning, electric_shocks")
    return list(dict.fromkeys(raw))


def record_day(patient: Patient, entry: DayInput) -> tuple[DiaryDay, bool]:
    """Add the day, or update it if the patient already has an entry for that date.

    Returns: the row and True when it was created (False: updated). Raises: InvalidInput.
    Fields left as None keep their stored value on an update.
    """
    values = {key: value for key, value in _clean(entry).items() if value is not None}
    day = values.pop("date")
    with transaction.atomic():
        return DiaryDay.objects.update_or_create(patient=patient, date=day, defaults=values)


def add_regions(day: DiaryDay, regions: Iterable[RegionScore]) -> None:
    """Set the pain of body regions for one day (replacing earlier values for those regions)."""
    for region in regions:
        pain = v.score(f"regions.{region.region_id}", region.pain, required=True)
        RegionPain.objects.update_or_create(day=day, region_id=region.region_id, defaults={"pain": pain})


def add_event(day: DiaryDay, event: DayEvent) -> DiaryEvent:
    """Attach a moment (flare, side effect, dose taken, other) to a diary day."""
    if event.at.tzinfo is None:
        raise InvalidInput("event.at", event.at.isoformat(), "a time with a time zone")
    kind = v.choice("event.kind", event.kind, list(EventKind.values))
    severity = v.score("event.severity", event.severity)
    return DiaryEvent.objects.create(day=day, at=event.at, kind=kind, severity=severity, note=event.note)


def list_days(patient: Patient, first: date | None = None, last: date | None = None) -> list[DiaryDay]:
    """The patient's diary days in date order, optionally from ``first`` to ``last`` inclusive."""
    days = patient.diary_days.order_by("date")
    if first:
        days = days.filter(date__gte=first)
    if last:
        days = days.filter(date__lte=last)
    return list(days)


def import_diary_csv(patient: Patient, file: Path | io.TextIOBase) -> int:
    """Import a diary CSV (header ``date,pain_average[,pain_worst,sleep_interference,note]``).

    All rows or none: every row is checked before anything is written, then the rows go in with
    one bulk insert in one transaction; a date already in the diary is updated.
    Returns: the number of rows. Raises: InvalidInput naming the row (the file's line number,
    the header being line 1) and the field.
    """
    text = file.read_text(encoding="utf-8-sig") if isinstance(file, Path) else str(file.read())
    rows = _parse_csv(text)
    days = [DiaryDay(patient=patient, **values) for values in rows]
    fields = ["pain_average", "pain_worst", "sleep_interference", "note", "updated_at"]
    with transaction.atomic():
        DiaryDay.objects.bulk_create(
            days,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["patient", "date"],
            update_fields=fields,
        )
    return len(days)


def _parse_csv(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    _check_header(reader.fieldnames)
    rows: list[dict[str, Any]] = []
    seen: dict[date, int] = {}
    for line, row in enumerate(reader, start=2):
        values = _clean_row(row, line)
        if values["date"] in seen:
            raise InvalidInput(
                f"row {line}: date",
                values["date"].isoformat(),
                f"a date not already on row {seen[values['date']]}",
            )
        seen[values["date"]] = line
        rows.append(values)
    return rows


def _check_header(header: Sequence[str] | None) -> None:
    columns = [name.strip() for name in header or []]
    allowed = CSV_REQUIRED + CSV_OPTIONAL
    for name in columns:
        if name not in allowed:
            raise InvalidInput("header", name, "columns among " + ", ".join(allowed))
    for name in CSV_REQUIRED:
        if name not in columns:
            raise InvalidInput("header", ",".join(columns), f"a column named {name}")


def _clean_row(row: dict[str | Any, Any], line: int) -> dict[str, Any]:
    if None in row:
        raise InvalidInput(f"row {line}", row[None], "no more values than header columns")
    get = {key.strip(): (value or "") for key, value in row.items()}
    entry = DayInput(
        date=get["date"],
        pain_average=get["pain_average"],
        pain_worst=get.get("pain_worst"),
        sleep_interference=get.get("sleep_interference"),
        note=get.get("note", ""),
    )
    values = _clean(entry, prefix=f"row {line}: ")
    return {k: values[k] for k in ("date", "pain_average", "pain_worst", "sleep_interference")} | {
        "note": values["note"] or ""
    }
