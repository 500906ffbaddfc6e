"""`nervepath diary add|event|list|import|delete|restore`: the 30-second daily entry, moments during the
day, and deleting a day (undone with restore)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import typer
from rich.prompt import IntPrompt, Prompt
from rich.table import Table

from nervepath.cli.files import read_text
from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database, number, operator, patient
from nervepath.errors import InvalidInput
from nervepath.outcomes.diary_fields import diary_fields

# The fields, their ranges and what 0 and 10 mean come from data/diary/fields.yaml (ADR 0010).
_DIARY = diary_fields()


def _help(field_id: str, how: str = "") -> str:
    """The help of the option of diary field ``field_id``: its description, then how to type it."""
    described = _DIARY.describe(_DIARY.field(field_id))
    return f"{described}; {how}" if how else described


def _option(field_id: str) -> Any:
    return typer.Option(None, "--" + field_id.replace("_", "-"), help=_help(field_id))


CsvArgument = typer.Argument(
    ...,
    help="CSV with the columns export writes: "
    + ",".join(str(f.csv) for f in _DIARY.csv_fields() if f.required)
    + " and any of "
    + ", ".join(str(f.csv) for f in _DIARY.csv_fields() if not f.required),
)
_REGIONS = ", ".join(term.id for term in _DIARY.terms(_DIARY.field("regions")))
RegionOption = typer.Option(
    None,
    "--region",
    help=_help("regions", f"REGION=N, once per region (--region feet=7); regions: {_REGIONS}"),
)
_COMMAS = "comma-separated"
diary_app = typer.Typer(help="The daily pain diary.", no_args_is_help=True)


@diary_app.command("add")
def add(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    day: str | None = typer.Option(None, "--date", help=_help("date", "default: today")),
    pain_average: str | None = _option("pain_average"),
    pain_worst: str | None = _option("pain_worst"),
    sleep: str | None = _option("sleep_interference"),
    note: str | None = _option("note"),
    mood: str | None = _option("mood"),
    activity: str | None = _option("activity"),
    sitting: str | None = _option("sitting_hours"),
    qualities: str | None = typer.Option(None, "--qualities", help=_help("qualities", _COMMAS)),
    triggers: str | None = typer.Option(None, "--triggers", help=_help("triggers", _COMMAS)),
    regions: list[str] | None = RegionOption,
    fmt: Format = FormatOption,
) -> None:
    """Add today's entry (or the entry for --date); entering a day again updates it."""
    database()
    from nervepath.web.application.diary import DayInput, record_diary_day
    from nervepath.web.records.validation import today

    who = patient(patient_id)
    when = day or today().isoformat()
    if pain_average is None:
        pain_average, pain_worst, sleep, note = _ask(pain_worst, sleep, note)
    entry = DayInput(
        when,
        number("pain_average", pain_average),
        number("pain_worst", pain_worst),
        number("sleep_interference", sleep),
        mood=number("mood", mood),
        activity=number("activity", activity),
        sitting_hours=sitting,
        note=note,
        qualities=_split(qualities),
        triggers=_split(triggers),
        regions=_regions(regions or []),
    )
    row, created = record_diary_day(operator(), who, entry)
    verb = "added" if created else "updated"
    emit(
        {"date": row.date.isoformat(), "created": created},
        fmt,
        lambda d: console.print(f"{verb} the entry for {d['date']}"),
    )


def _split(raw: str | None) -> list[str] | None:
    return None if raw is None else [part.strip() for part in raw.split(",") if part.strip()]


def _regions(raw: list[str]) -> list[Any]:
    from nervepath.outcomes.records import RegionScore

    found = []
    for item in raw:
        name, sep, pain = item.partition("=")
        if not sep or not name.strip():
            raise InvalidInput("region", item, "REGION=N such as feet=7")
        found.append(RegionScore(name.strip(), number(f"regions.{name.strip()}", pain.strip()) or 0))
    return found


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(
    worst: str | None, sleep: str | None, note: str | None
) -> tuple[str, str | None, str | None, str | None]:
    if not _interactive():
        raise InvalidInput("pain_average", None, "an integer 0-10 (--pain-average N)")
    average = IntPrompt.ask(_question("pain_average"))
    worst = worst or str(IntPrompt.ask(_question("pain_worst"), default=average))
    sleep = sleep or str(IntPrompt.ask(_question("sleep_interference"), default=0))
    note = note or Prompt.ask(_question("note"), default="")
    return str(average), worst, sleep, note


def _question(field_id: str) -> str:
    """The interactive question: the field's help with what 0 and 10 mean, as the options say."""
    field = _DIARY.field(field_id)
    return f"{field.help.en} ({field.anchors_text() or 'optional'})"


# The diary's moments in words (the event kinds of records.EventKind).
EVENT_WORDS = {
    "flare": "a flare",
    "side_effect": "a side effect",
    "dose_taken": "a dose taken",
    "other": "an event",
}


@diary_app.command("event")
def event(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    day: str = typer.Option(..., "--date", help="the diary day, YYYY-MM-DD"),
    kind: str = typer.Option(..., "--kind", help="flare, side_effect, dose_taken or other"),
    at_time: str | None = typer.Option(None, "--time", help="HH:MM local time (default midday)"),
    severity: str | None = typer.Option(None, "--severity", help="0-10"),
    note: str = typer.Option("", "--note", help="free text"),
    fmt: Format = FormatOption,
) -> None:
    """Note a moment during a day (a flare, a side effect, a dose taken) on that day's entry."""
    database()
    from nervepath.web.application.diary import record_event

    row = record_event(
        operator(), patient(patient_id), day, kind, at_time, number("severity", severity), note
    )
    data = {"id": row.pk, "at": row.at.isoformat(), "kind": row.kind, "severity": row.severity}
    emit(data, fmt, lambda d: console.print(f"noted {EVENT_WORDS.get(d['kind'], 'an event')} at {d['at']}"))


@diary_app.command("list")
def list_(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    first: str | None = typer.Option(None, "--from", help="YYYY-MM-DD"),
    last: str | None = typer.Option(None, "--to", help="YYYY-MM-DD"),
    fmt: Format = FormatOption,
) -> None:
    """List diary entries, oldest first."""
    database()
    from nervepath.web.application.diary import list_days
    from nervepath.web.records.validation import iso_date

    who = patient(patient_id)
    start = iso_date("from", first) if first else None
    end = iso_date("to", last) if last else None
    fields = [f.id for f in _DIARY.fields if f.kind not in ("date", "region_scores")]
    rows = [
        {"date": d.date.isoformat()} | {f: getattr(d, f) for f in fields} for d in list_days(who, start, end)
    ]
    emit({"entries": rows}, fmt, _table)


def _table(data: dict[str, Any]) -> None:
    table = Table("date", "average", "worst", "sleep", "note")
    for row in data["entries"]:
        cells = [row["pain_average"], row["pain_worst"], row["sleep_interference"]]
        table.add_row(row["date"], *("" if c is None else str(c) for c in cells), row["note"])
    console.print(table if data["entries"] else "no entries")


@diary_app.command("import")
def import_(
    file: Path = CsvArgument,
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    fmt: Format = FormatOption,
) -> None:
    """Import diary days from a CSV file: all rows or none."""
    database()
    from nervepath.web.application.diary import CSV_MAX_BYTES, import_diary_csv

    who = patient(patient_id)
    text = read_text("FILE", file, CSV_MAX_BYTES, "a CSV file")
    count = import_diary_csv(operator(), who, io.StringIO(text))
    emit({"imported": count}, fmt, lambda d: console.print(f"imported {d['imported']} diary days"))


DayArgument = typer.Argument(..., metavar="DATE", help="the diary day, YYYY-MM-DD")


@diary_app.command("delete")
def delete(
    day: str = DayArgument,
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    fmt: Format = FormatOption,
) -> None:
    """Delete the entry of a day; `diary restore` brings it back within 30 days."""
    database()
    from nervepath.web.application.diary import delete_diary_day

    row = delete_diary_day(operator(), patient(patient_id), day)
    undo = f"nervepath diary restore --patient {patient_id} {row.date.isoformat()}"
    emit(
        {"date": row.date.isoformat(), "deleted": True},
        fmt,
        lambda d: console.print(f"deleted the entry for {d['date']} (undo: {undo})"),
    )


@diary_app.command("restore")
def restore(
    day: str = DayArgument,
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    fmt: Format = FormatOption,
) -> None:
    """Bring back a day deleted in the last 30 days, as it was."""
    database()
    from nervepath.web.application.diary import restore_diary_day

    row = restore_diary_day(operator(), patient(patient_id), day)
    emit(
        {"date": row.date.isoformat(), "restored": True},
        fmt,
        lambda d: console.print(f"restored the entry for {d['date']}"),
    )


def register(app: typer.Typer) -> None:
    app.add_typer(diary_app, name="diary")
