"""`nervepath export` (FHIR Bundle or CSV) and `nervepath import` (a Bundle made by export)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from nervepath.cli.files import read_text, write_text
from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database, operator, patient


class ExportFormat(StrEnum):
    fhir = "fhir"
    csv = "csv"


ExportFormatOption = typer.Option(ExportFormat.fhir, "--format", help="fhir (a FHIR R4 Bundle) or csv")
OutOption = typer.Option(None, "--out", help="file to write (default: standard output)")
BundleArgument = typer.Argument(..., help="a FHIR Bundle (JSON) written by nervepath export")


def export(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    kind: ExportFormat = ExportFormatOption,
    out: Path | None = OutOption,
) -> None:
    """Export everything about a patient: a FHIR R4 Bundle (JSON) or the diary as CSV."""
    database()
    from nervepath.fhir.bundle import to_bundle
    from nervepath.web.application.exchange import diary_csv
    from nervepath.web.records.mappers import patient_record

    record = patient_record(patient(patient_id))
    text = (
        json.dumps(to_bundle(record), ensure_ascii=False, indent=2) + "\n"
        if kind is ExportFormat.fhir
        else diary_csv(record)
    )
    if out is None:
        sys.stdout.write(text)
    else:
        write_text("--out", out, text)
        console.print(f"wrote {out}")


def import_(
    file: Path = BundleArgument,
    fmt: Format = FormatOption,
) -> None:
    """Import a patient from a FHIR Bundle made by `nervepath export`, as a new patient."""
    database()
    from django.conf import settings

    from nervepath.fhir.bundle import parse_bundle
    from nervepath.web.application.exchange import import_bundle

    limit: int = settings.NERVEPATH_MAX_IMPORT_BYTES  # the same limit as the API's import
    text = read_text("FILE", file, limit, "a FHIR Bundle (JSON)")
    bundle = parse_bundle(text, "FILE")
    created = import_bundle(operator(), bundle)
    emit({"patient_id": created.pk}, fmt, lambda d: console.print(f"imported as patient {d['patient_id']}"))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
