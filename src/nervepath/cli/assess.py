"""`nervepath assess CASE.json|-` and `nervepath rules`: thin shells around nervepath.clinical."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.clinical.assess import assess
from nervepath.clinical.case import parse_case_text
from nervepath.clinical.renal import renal_tables
from nervepath.clinical.rulebook import safety_rules
from nervepath.errors import InvalidInput

_STATUS_STYLE = {
    "recommended": "green",
    "caution": "yellow",
    "avoid": "red",
    "not_recommended": "red",
    "not_yet": "dim",
    "tried_ineffective": "magenta",
    "tried_intolerant": "magenta",
}


def register(app: typer.Typer) -> None:
    """Add `assess` and `rules` to the app."""
    app.command("assess")(assess_command)
    app.command("rules")(rules_command)


def assess_command(
    case_file: str = typer.Argument(
        ..., metavar="CASE.json|-", help="the case file, or - for standard input"
    ),
    fmt: Format = FormatOption,
) -> None:
    """Run the clinical pipeline on one patient's case (contracts/case-format.md)."""
    result = assess(parse_case_text(_read(case_file))).to_dict()
    emit(result, fmt, _render_assessment)


def rules_command(fmt: Format = FormatOption) -> None:
    """List every safety and decision rule with its severity, targets, reason and source."""
    rules = [r.to_dict() for r in safety_rules()]
    rules += [_renal_rule(drug, t.sources, t.note) for drug, t in renal_tables().items()]
    emit({"rules": rules}, fmt, _render_rules)


def _renal_rule(drug: str, sources: list[str], note: str | None) -> dict[str, Any]:
    reason = f"Label renal table: maximum daily dose by creatinine clearance. {note or ''}".strip()
    return {
        "id": f"renal_table_{drug}",
        "severity": "adjust",
        "applies_to": [drug],
        "source": sources[0],
        "sources": sources,
        "reason": reason,
        "flag": "renal_dose_adjusted",
    }


def _read(case_file: str) -> str:
    if case_file == "-":
        return sys.stdin.read()
    path = Path(case_file)
    if not path.is_file():
        raise InvalidInput("CASE.json", case_file, "an existing JSON file, or - for standard input")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("CASE.json", case_file, f"a readable UTF-8 file ({exc})") from exc


def _render_assessment(data: dict[str, Any]) -> None:
    if data["urgent_referral"] or data["red_flags"]:
        _render_red_flags(data)
    if data["mental_health"].get("suicide_risk"):
        console.print(Panel(data["mental_health"]["action"], title="Suicide risk", style="bold red"))
    grading = data["grading"]
    console.print(f"[bold]NeuPSIG grade:[/] {grading['level']}")
    for reason in grading["reasons"]:
        console.print(f"  - {reason}")
    _render_numbers(data)
    _render_options(data["options"])
    if data["workup"]:
        console.print("[bold]First tests[/]")
        for item in data["workup"]:
            console.print(f"  - {item['test']}: {item['why']}")
    for note in data["notes"]:
        console.print(f"[yellow]note:[/] {note}")


def _render_red_flags(data: dict[str, Any]) -> None:
    lines = [f"{f['id']}: may mean {f['may_mean']} -> {f['action']}" for f in data["red_flags"]]
    title = "URGENT REFERRAL (same day)" if data["urgent_referral"] else "Red flags"
    console.print(Panel("\n".join(lines), title=title, style="bold red"))


def _render_numbers(data: dict[str, Any]) -> None:
    crcl = data["creatinine_clearance_ml_min"]
    console.print(
        f"[bold]Creatinine clearance:[/] {'unknown' if crcl is None else f'{crcl} mL/min'}"
        f"   [bold]MME/day:[/] {data['mme_per_day']}"
    )
    for name, result in data["screening"].items():
        console.print(f"[bold]{name}:[/] {result['score']}/{result['max']} {result.get('band') or ''}")


def _render_options(options: list[dict[str, Any]]) -> None:
    table = Table(title="Treatment options (first suggestion first)")
    for column in ("option", "line", "status", "start", "max/day", "flags", "why"):
        table.add_column(column, overflow="fold")
    for o in options:
        style = _STATUS_STYLE.get(o["status"], "")
        max_mg = "" if o["max_daily_mg"] is None else f"{o['max_daily_mg']} mg"
        table.add_row(
            o["id"],
            str(o["line"] or ""),
            f"[{style}]{o['status']}[/]",
            o.get("start") or "",
            max_mg,
            ", ".join(o["flags"]),
            (o["why"] or [""])[0],
        )
    console.print(table)


def _render_rules(data: dict[str, Any]) -> None:
    table = Table(title="Safety and decision rules")
    for column in ("id", "severity", "applies to", "flag", "reason", "source"):
        table.add_column(column, overflow="fold")
    for r in data["rules"]:
        table.add_row(
            r["id"], r["severity"], ", ".join(r["applies_to"]), r.get("flag") or "", r["reason"], r["source"]
        )
    console.print(table)
