"""`nervepath insights`: what goes with more or less pain in a patient's diary (associations, not causes)."""

from __future__ import annotations

from typing import Any

import typer

from nervepath.cli.output import Format, FormatOption, bullets, console, emit
from nervepath.cli.records import patient
from nervepath.errors import InvalidInput

NOTE = "These are associations in your diary, not causes: a factor can go with pain without causing it."


def insights(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    start: str | None = typer.Option(None, "--from", help="first day YYYY-MM-DD (default: first diary day)"),
    end: str | None = typer.Option(None, "--to", help="last day YYYY-MM-DD (default: last diary day)"),
    fmt: Format = FormatOption,
) -> None:
    """Which diary factors go with more or less pain: each with a 95 % CI, findings first."""
    from nervepath.web.records.validation import iso_date

    first = iso_date("from", start) if start else None
    last = iso_date("to", end) if end else None
    if first is not None and last is not None and last < first:
        raise InvalidInput("to", end, f"a day on or after --from ({start})")
    who = patient(patient_id)
    from nervepath.outcomes.insights import analyse
    from nervepath.web.records.mappers import diary, trials

    result = analyse(diary(who), trials(who), first, last).to_dict(patient_id)
    emit(result, fmt, _human)


def _human(data: dict[str, Any]) -> None:
    console.print(f"Patient {data['patient']}: {data['days']} diary days")
    findings = [f["sentence"] for f in data["factors"] if f["finding"]]
    others = [f["sentence"] for f in data["factors"] if not f["finding"]]
    console.print("Findings:" if findings else "Findings: none yet")
    if findings:
        console.print(bullets(findings))
    if others:
        console.print("No clear difference (could be chance):")
        console.print(bullets(others))
    if data["not_enough_data"]:
        console.print(f"Not enough data yet: {', '.join(data['not_enough_data'])}")
    console.print(NOTE)


def register(app: typer.Typer) -> None:
    app.command("insights")(insights)
