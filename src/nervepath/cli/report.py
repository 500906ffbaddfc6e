"""`nervepath report`: the clinician report or the patient's care plan as a PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database, patient
from nervepath.errors import InvalidInput
from nervepath.private_files import write_private

KINDS = ("clinician", "careplan")
KIND_WORDS = {"clinician": "clinician", "careplan": "care plan"}
LANGUAGES = ("en", "es")


def _date(field: str, raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(field, raw, "a date YYYY-MM-DD") from None


def _kind(raw: str) -> str:
    if raw not in KINDS:
        raise InvalidInput("kind", raw, "clinician or careplan")
    return raw


def _language(raw: str) -> str:
    if raw not in LANGUAGES:
        raise InvalidInput("language", raw, "en or es")
    return raw


def report(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    start: str | None = typer.Option(None, "--from", help="first day YYYY-MM-DD (default: first diary day)"),
    end: str | None = typer.Option(None, "--to", help="last day YYYY-MM-DD (default: today)"),
    out: str = typer.Option(..., "--out", help="PDF file to write"),
    paper: str = typer.Option("a4", "--paper", help="a4 or letter"),
    kind: str = typer.Option("clinician", "--kind", help="clinician (report) or careplan (for the patient)"),
    language: str = typer.Option("en", "--language", help="language of the report: en or es"),
    fmt: Format = FormatOption,
) -> None:
    """Write the clinician report (or the patient's care plan) as a PDF."""
    from nervepath.reports.careplan import render_careplan_pdf
    from nervepath.reports.clinician import render_clinician_pdf
    from nervepath.reports.document import paper as paper_size

    size, chosen, first, last = paper_size(paper), _kind(kind), _date("from", start), _date("to", end)
    words = _language(language)
    database()
    from django.utils import translation

    from nervepath.web.pages.sentences import sentence_text
    from nervepath.web.records.reporting import report_input_for

    data = report_input_for(patient(patient_id), first, last)
    render = render_clinician_pdf if chosen == "clinician" else render_careplan_pdf
    with translation.override(words):  # the clinical core's sentences are worded as on the web pages
        pdf = render(data, size, language=words, sentences=sentence_text)
    _write(Path(out), pdf)
    span = {"from": data.period.start.isoformat(), "to": data.period.end.isoformat()}
    result = {"out": out, "kind": chosen, "paper": size.value, "language": words, **span}
    emit(
        result,
        fmt,
        lambda r: console.print(f"wrote the {KIND_WORDS[r['kind']]} report ({r['from']} to {r['to']})", out),
    )


def _write(out: Path, pdf: bytes) -> None:
    try:
        write_private(out, pdf)  # a report holds health data: mode 0600, whatever the umask
    except OSError as exc:
        raise InvalidInput("out", str(out), f"a writable file path ({exc.strerror})") from None


def register(app: typer.Typer) -> None:
    app.command("report")(report)
