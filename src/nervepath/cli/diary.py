"""`nervepath diary add|event|list|import`: the 30-second daily entry and moments during the day."""

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

CsvArgument = typer.Argument(
    ...,
    help="CSV with header date,pain_average and any of pain_worst, sleep_interference, note, mood, "
    "activity, sitting_hours, qualities, triggers (the columns export writes)",
)
RegionOption = typer.Option(
    None, "--region", help="pain of a body region, REGION=N (repeat: --region feet=7)"
)
diary_app = typer.Typer(help="The daily pain diary.", no_args_is_help=True)


@diary_app.command("add")
def add(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)"),
    pain_average: str | None = typer.Option(None, "--pain-average", help="average pain today, 0-10"),
    pain_worst: str | None = typer.Option(None, "--pain-worst", help="worst pain today, 0-10"),
    sleep: str | None = typer.Option(
        None, "--sleep-interference", help="how much pain disturbed sleep, 0-10"
    ),
    note: str | None = typer.Option(None, "--note", help="free text"),
    mood: str | None = typer.Option(None, "--mood", help="how low your mood was, 0-10"),
    activity: str | None = typer.Option(None, "--activity", help="how much pain limited activity, 0-10"),
    sitting: str | None = typer.Option(None, "--sitting-hours", help="hours spent sitting, 0-24"),
    qualities: str | None = typer.Option(
        None, "--qualities", help="comma-separated, e.g. burning_pain,tingling"
    ),
    triggers: str | None = typer.Option(None, "--triggers", help="comma-separated, e.g. cold,walking"),
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
    average = IntPrompt.ask("Average pain today (0 = none, 10 = worst imaginable)")
    worst = worst or str(IntPrompt.ask("Worst pain today (0-10)", default=average))
    sleep = sleep or str(IntPrompt.ask("How much did pain disturb your sleep (0-10)", default=0))
    note = note or Prompt.ask("A note (optional)", default="")
    return str(average), worst, sleep, note


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
    emit(data, fmt, lambda d: console.print(f"noted {d['kind']} at {d['at']}"))


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
    fields = (
        "pain_average",
        "pain_worst",
        "sleep_interference",
        "mood",
        "activity",
        "sitting_hours",
        "note",
        "qualities",
        "triggers",
    )
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


def register(app: typer.Typer) -> None:
    app.add_typer(diary_app, name="diary")
