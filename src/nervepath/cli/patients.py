"""`nervepath patient add|list`."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database

patient_app = typer.Typer(help="Patients whose records nervepath keeps.", no_args_is_help=True)


@patient_app.command("add")
def add(
    name: str = typer.Option(..., "--name", help="display name"),
    birth_date: str | None = typer.Option(None, "--birth-date", help="YYYY-MM-DD"),
    sex: str | None = typer.Option(None, "--sex", help="female, male, other or unknown"),
    fmt: Format = FormatOption,
) -> None:
    """Add a patient."""
    database()
    from nervepath.web.records.patients import add_patient

    created = add_patient(name, birth_date, sex)
    emit({"id": created.pk}, fmt, lambda d: console.print(f"added patient {d['id']}: {created.display_name}"))


@patient_app.command("list")
def list_(fmt: Format = FormatOption) -> None:
    """List the patients."""
    database()
    from nervepath.web.records.patients import list_patients

    rows = [{"id": p.pk, "name": p.display_name} for p in list_patients()]
    emit({"patients": rows}, fmt, _table)


def _table(data: dict[str, Any]) -> None:
    table = Table("id", "name")
    for row in data["patients"]:
        table.add_row(str(row["id"]), row["name"])
    console.print(table if data["patients"] else "no patients yet: nervepath patient add --name NAME")


def register(app: typer.Typer) -> None:
    app.add_typer(patient_app, name="patient")
