"""`nervepath assess CASE.json|-`, `assess --example NAME` and `nervepath rules`: thin shells around
nervepath.clinical.

People read words, not ids: statuses, flags, drugs, tests and red flags are shown with the names the
data files give them (``nervepath.reports.labels``); ``--format json`` keeps the ids of docs/case-format.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel, ConfigDict, Field, RootModel
from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from nervepath.cli.output import (
    Format,
    FormatOption,
    bullets,
    console,
    emit,
    hanging,
    indented,
    labelled,
    wide,
)
from nervepath.clinical.assess import assess
from nervepath.clinical.case import parse_case_text
from nervepath.clinical.drugs import load_drugs, treatments
from nervepath.clinical.renal import renal_tables
from nervepath.clinical.rulebook import safety_rules
from nervepath.clinical.rules import Severity
from nervepath.clinical.statuses import TRIED, USABLE, OptionFlag, OptionStatus
from nervepath.clinical.vocabulary import Vocabulary, name
from nervepath.datafiles import data_dir, load_model
from nervepath.errors import InvalidInput
from nervepath.reports import labels
from nervepath.sources import all_sources

STATUS_STYLE: dict[OptionStatus, str] = {
    OptionStatus.recommended: "green",
    OptionStatus.caution: "yellow",
    OptionStatus.avoid: "red",
    OptionStatus.not_recommended: "red",
    OptionStatus.not_yet: "dim",
    OptionStatus.tried_ineffective: "magenta",
    OptionStatus.tried_intolerant: "magenta",
}
EXAMPLES_FILE = "cases/examples.yaml"


class Example(BaseModel):
    """A shipped example case: ``data/cases/<name>.json`` and what it shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=10)


class _Examples(RootModel[list[Example]]):
    """The manifest of the example cases."""


@cache
def examples() -> dict[str, Example]:
    """The shipped example cases by name, in the manifest's order."""
    return {e.name: e for e in load_model(_Examples, data_dir("cases", "examples.yaml"), EXAMPLES_FILE).root}


def register(app: typer.Typer) -> None:
    """Add `assess` and `rules` to the app."""
    app.command("assess")(assess_command)
    app.command("rules")(rules_command)


def assess_command(
    case_file: str | None = typer.Argument(
        None,
        metavar="CASE.json|-",
        help="the case file, or - for standard input (or use --example)",
        show_default=False,
    ),
    example: str | None = typer.Option(
        None, "--example", metavar="NAME", help="run a shipped example case instead of CASE.json"
    ),
    list_examples: bool = typer.Option(
        False, "--list-examples", help="list the shipped example cases and what each shows"
    ),
    fmt: Format = FormatOption,
) -> None:
    """Run the clinical pipeline on one patient's case (format: docs/case-format.md).

    New here? Try `nervepath assess --example dpn-on-oxycodone`; `--list-examples` lists them all.
    """
    if list_examples:
        if case_file is not None or example is not None:
            raise InvalidInput("--list-examples", True, "on its own, without CASE.json or --example")
        emit({"examples": [e.model_dump() for e in examples().values()]}, fmt, _render_examples)
        return
    result = assess(parse_case_text(_case_text(case_file, example))).to_dict()
    emit(result, fmt, _render_assessment)


def rules_command(fmt: Format = FormatOption) -> None:
    """List every safety and decision rule with its severity, targets, reason and source."""
    rules = [r.to_dict() for r in safety_rules()]
    rules += [_renal_rule(drug, t.sources, [b.label for b in t.bands]) for drug, t in renal_tables().items()]
    emit({"rules": rules}, fmt, _render_rules)


def _renal_rule(drug: str, sources: list[str], bands: list[str]) -> dict[str, Any]:
    reason = f"Label renal table: maximum daily dose by creatinine clearance. {'; '.join(bands)}.".strip()
    return {
        "id": f"renal_table_{drug}",
        "severity": Severity.adjust,
        "applies_to": [drug],
        "source": sources[0],
        "sources": sources,
        "reason": reason,
        "flag": OptionFlag.renal_dose_adjusted,
    }


def _case_text(case_file: str | None, example: str | None) -> str:
    if case_file is not None and example is not None:
        raise InvalidInput("--example", example, "either CASE.json or --example NAME, not both")
    if example is not None:
        if example not in examples():
            raise InvalidInput("--example", example, "one of: " + ", ".join(examples()))
        return data_dir("cases", f"{example}.json").read_text(encoding="utf-8")
    if case_file is None:
        raise InvalidInput(
            "CASE.json", "", "a case file, - for standard input, or --example NAME (see --list-examples)"
        )
    return _read(case_file)


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


def _render_examples(data: dict[str, Any]) -> None:
    console.print(Text("Example cases: nervepath assess --example NAME", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for example in data["examples"]:
        grid.add_row(example["name"], example["description"])
    console.print(indented(grid))


def _render_assessment(data: dict[str, Any]) -> None:
    if data["urgent_referral"] or data["red_flags"]:
        _render_red_flags(data)
    mental = data["mental_health"]
    if mental.get("suicide_risk"):
        console.print(Panel(Text(mental["action"]), title="Suicide risk", style="bold red"))
    console.print(labelled("NeuPSIG grade", labels.term(labels.Term.grade, data["grading"]["level"]) or "–"))
    console.print(bullets(data["grading"]["reasons"]))
    _render_numbers(data)
    _render_options(data["options"])
    if data["workup"]:
        console.print(Text("\nFirst tests", style="bold"))
        console.print(bullets(labelled(labels.workup_test_name(w["test"]), w["why"]) for w in data["workup"]))
    if data["notes"]:
        console.print(hanging((("Note:", note) for note in data["notes"]), level=0), style="yellow")


def _render_red_flags(data: dict[str, Any]) -> None:
    lines = [
        Text.assemble((labels.red_flag_name(f["id"]), "bold"), f": may mean {f['may_mean']} -> {f['action']}")
        for f in data["red_flags"]
    ]
    title = "URGENT REFERRAL (same day)" if data["urgent_referral"] else "Red flags"
    console.print(Panel(Text("\n").join(lines), title=title, style="bold red"))


def _render_numbers(data: dict[str, Any]) -> None:
    crcl = data["creatinine_clearance_ml_min"]
    kidneys = labelled("Creatinine clearance", "unknown" if crcl is None else f"{crcl} mL/min")
    tolerant = labelled("Opioid-tolerant", "yes" if data.get("opioid_tolerant") else "no")
    console.print(Text("   ").join([kidneys, labelled("MME/day", str(data["mme_per_day"])), tolerant]))
    scores = [_score(name, r) for name, r in data["screening"].items()]
    if scores:
        console.print(hanging([("Screening:", "; ".join(scores))], level=0))
    if not data["mental_health"].get("screened") and data["mental_health"].get("action"):
        console.print(hanging([("Mental health:", data["mental_health"]["action"])], level=0))


def _score(name: str, result: dict[str, Any]) -> str:
    """``PHQ-9 5/27 (Mild)``; without the band when the instrument has none by that id."""
    band = labels.band_label(name, result.get("band"))
    score = f"{labels.instrument_name(name)} {result['score']}/{result['max']}"
    return f"{score} ({band})" if band else score


def _render_options(options: list[dict[str, Any]]) -> None:
    console.print(Text("\nTreatment options, first suggestion first", style="bold"))
    for status, entries in _by_status(options).items():
        title = Text(labels.status_label(status), style=f"bold {STATUS_STYLE[status]}")
        if wide():
            console.print(_options_table(title, entries))
        else:
            console.print(title)
            for entry in entries:
                name = Text(", ".join(entry["names"]), style="bold")
                name.append(f"  (line {entry['line']})" if entry["line"] else "", style="dim")
                console.print(indented(name))
                console.print(indented(*_details(entry), level=2))


def _by_status(options: list[dict[str, Any]]) -> dict[OptionStatus, list[dict[str, Any]]]:
    """Options grouped by status (groups in the order of their first option); options of a group that
    would read the same (same line, doses, flags and reason) are one entry with several names."""
    groups: dict[OptionStatus, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for option in options:
        entry = _entry(option)
        key = (
            entry["line"],
            entry["now"],
            entry["start"],
            entry["maximum"],
            tuple(entry["watch"]),
            entry["why"],
        )
        group = groups.setdefault(OptionStatus(option["status"]), {})
        group.setdefault(key, {**entry, "names": []})["names"].append(entry["names"][0])
    return {status: list(entries.values()) for status, entries in groups.items()}


def _entry(option: dict[str, Any]) -> dict[str, Any]:
    # Doses matter for what may be started now; for the other statuses the reason is what counts.
    usable = option["status"] in USABLE
    maximum = option["max_daily_mg"]
    return {
        "names": [option["name"]],
        "line": str(option["line"]) if usable and option["line"] else "",
        "now": _now(option),
        "start": (option.get("start") or "") if usable and "current" not in option else "",
        "maximum": f"{maximum:g} mg/day" if usable and maximum is not None else "",
        "watch": [labels.flag_meaning(f) for f in option["flags"]] if option["status"] not in TRIED else [],
        "why": (option["why"] or [""])[0],
    }


def _now(option: dict[str, Any]) -> str:
    """What the patient takes now, and the next step or that the maximum is reached."""
    current = option.get("current")
    if current is None:
        return ""
    unit = "mcg/h" if option.get("unit") == "mcg_per_h" else f"{option.get('unit') or 'mg'}/day"
    dose = "dose not known" if current["daily_mg"] is None else f"{current['daily_mg']:g} {unit}"
    if "above_maximum" in option["flags"]:
        return f"{dose}, above the maximum"
    if current["at_max"]:
        return f"{dose}, at the maximum"
    return f"{dose}; next: {current['next_step']}" if current["next_step"] else dose


DOSE_LABELS = {"now": "Now", "start": "Start", "maximum": "Maximum"}


def _details(entry: dict[str, Any]) -> list[Text]:
    dose = [labelled(label, entry[k]) for k, label in DOSE_LABELS.items() if entry[k]]
    lines = [Text("; ").join(dose)] if dose else []
    if entry["watch"]:
        lines.append(labelled("Watch", "; ".join(entry["watch"])))
    if entry["why"]:
        lines.append(labelled("Why", entry["why"]))
    return lines


def _options_table(title: Text, entries: list[dict[str, Any]]) -> Table:
    columns = {
        "names": "option",
        "line": "line",
        "now": "taking now",
        "start": "start",
        "maximum": "maximum",
        "watch": "watch",
    }
    shown = [k for k in columns if any(e[k] for e in entries)] + ["why"]
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    ratios = {"names": 3, "line": 1, "now": 3, "start": 3, "maximum": 2, "watch": 3, "why": 4}
    for key in shown:
        table.add_column(columns.get(key, key), ratio=ratios[key])
    for e in entries:
        table.add_row(*(_cell(e[k], ", " if k == "names" else "; ") for k in shown))
    return table


def _cell(value: str | list[str], sep: str) -> str:
    return sep.join(value) if isinstance(value, list) else value


def _render_rules(data: dict[str, Any]) -> None:
    cited: dict[str, int] = {}  # source id -> its number in the list at the end, by first citation
    groups: dict[Severity, list[tuple[str, str, str]]] = {}
    for rule in data["rules"]:
        number = cited.setdefault(rule["source"], len(cited) + 1)
        flag = labels.flag_meaning(OptionFlag(rule["flag"])) if rule.get("flag") else ""
        row = (_targets(rule["applies_to"]), flag, f"{rule['reason']} [{number}]")
        groups.setdefault(Severity(rule["severity"]), []).append(row)
    for severity, rows in groups.items():
        title = Text(labels.severity_label(severity), style="bold")
        console.print(_rules_table(title, rows) if wide() else _rules_blocks(title, rows))
    sources = all_sources()
    console.print(Text("\nSources", style="bold"))
    console.print(hanging((f"[{n}]", sources[s].cited()) for s, n in cited.items()))


def _rules_blocks(title: Text, rows: list[tuple[str, str, str]]) -> Table:
    """One block per drug or drug group, one item per rule about it (the rules file keeps them together)."""
    blocks = Table.grid()
    blocks.add_row(title)
    by_targets: dict[str, list[Group]] = {}
    for targets, flag, reason in rows:
        lines = [Text(reason)] + ([labelled("Flag", flag)] if flag else [])
        by_targets.setdefault(targets, []).append(Group(*lines))
    for targets, items in by_targets.items():
        blocks.add_row(indented(Text(targets, style="bold")))
        blocks.add_row(bullets(items, level=2))
    return blocks


def _rules_table(title: Text, rows: list[tuple[str, str, str]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    for column, ratio in (("applies to", 2), ("flag", 2), ("reason", 5)):
        table.add_column(column, ratio=ratio)
    for row in rows:
        table.add_row(*row)
    return table


def _targets(applies_to: Iterable[str]) -> str:
    """Drug ids and classes as drug names: a class stands for the treatments in it, a group of
    co-medications (``serotonergic``) by its name."""
    names: list[str] = []
    drugs = load_drugs()
    for target in applies_to:
        members = [d.name for d in treatments() if d.drug_class == target]
        if not members:
            members = [drugs[target].name if target in drugs else name(Vocabulary.drug_class, target)]
        names += members
    return ", ".join(dict.fromkeys(names))
