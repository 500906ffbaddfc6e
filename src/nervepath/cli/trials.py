"""`nervepath trial start|dose|stop|decide|review-date` and `nervepath status`."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from nervepath.cli.output import (
    Format,
    FormatOption,
    OverrideOption,
    console,
    emit,
    indented,
    labelled,
    print_checks,
    wide,
)
from nervepath.cli.records import database, operator, patient
from nervepath.outcomes.response import Response
from nervepath.reports import labels

trial_app = typer.Typer(help="Treatment trials: doses, stop, decisions.", no_args_is_help=True)

# A trial's response (IMMPACT, nervepath.outcomes.response) in words; the JSON keeps the id.
RESPONSE_WORDS = {
    Response.substantial: "substantial",
    Response.moderate: "meaningful",
    Response.none: "none so far",
    Response.too_early: "too early to judge",
    Response.insufficient_data: "not enough diary data to judge",
}


def _trial(trial_id: int) -> Any:
    database()
    from nervepath.web.application.trials import get_trial

    return get_trial(trial_id)


def _done(data: dict[str, Any], fmt: Format, message: str) -> None:
    emit(data, fmt, lambda _: console.print(message))


def _prescribed(data: dict[str, Any], fmt: Format, message: str) -> None:
    """The success line, then the prescribing checks it was written with (``data["checks"]``)."""

    def human(_: Any) -> None:
        console.print(message)
        print_checks(data["checks"])

    emit(data, fmt, human)


@trial_app.command("start")
def start(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    drug: str = typer.Option(..., "--drug", help="drug id, e.g. pregabalin"),
    day: str = typer.Option(..., "--date", help="start date YYYY-MM-DD"),
    daily_mg: str = typer.Option(..., "--daily-mg", help="starting daily dose in mg"),
    review: str | None = typer.Option(None, "--review-date", help="planned review YYYY-MM-DD"),
    override: str | None = OverrideOption,
    fmt: Format = FormatOption,
) -> None:
    """Start a trial of a drug (prescribing checks: exit 2 when one blocks, warnings after success)."""
    database()
    from nervepath.web.application.trials import start_trial

    trial = start_trial(operator(), patient(patient_id), drug, day, daily_mg, review, override)
    _prescribed(
        {"id": trial.pk, "checks": trial.checks},
        fmt,
        f"started trial {trial.pk}: {trial.drug_id} from {trial.start_date}",
    )


@trial_app.command("dose")
def dose(
    trial_id: int = typer.Option(..., "--trial", help="trial id"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    daily_mg: str = typer.Option(..., "--daily-mg", help="new daily dose in mg"),
    override: str | None = OverrideOption,
    fmt: Format = FormatOption,
) -> None:
    """Change the daily dose from a date on (prescribing checks as for a start)."""
    database()
    from nervepath.web.application.trials import change_dose

    trial = _trial(trial_id)
    earlier = len(trial.checks)
    step = change_dose(operator(), trial, day, daily_mg, None, override)
    made = trial.checks[earlier:]  # the checks of this change, appended to the trial's
    _prescribed(
        {"trial": trial_id, "date": step.date.isoformat(), "daily_mg": step.daily_mg, "checks": made},
        fmt,
        f"trial {trial_id}: {step.daily_mg:g} mg/day from {step.date}",
    )


@trial_app.command("stop")
def stop(
    trial_id: int = typer.Option(..., "--trial", help="trial id"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    because: str = typer.Option(..., "--because", help="ineffective, side_effects or other"),
    fmt: Format = FormatOption,
) -> None:
    """Stop a trial."""
    database()
    from nervepath.web.application.trials import stop_trial

    trial = stop_trial(operator(), _trial(trial_id), day, because)
    assert trial.stop_date is not None  # stop_trial stops it on a date or raises
    _done(
        {"trial": trial.pk, "stop_date": trial.stop_date.isoformat()},
        fmt,
        f"stopped trial {trial.pk} on {trial.stop_date} ({because})",
    )


@trial_app.command("decide")
def decide(
    trial_id: int = typer.Option(..., "--trial", help="trial id"),
    decision: str = typer.Option(..., "--decision", help="continue, increase, add, switch or stop"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    author: str = typer.Option("", "--author", help="who decided"),
    note: str = typer.Option("", "--note", help="why"),
    fmt: Format = FormatOption,
) -> None:
    """Write down a decision about a trial."""
    database()
    from nervepath.web.application.trials import decide_on_trial

    row = decide_on_trial(operator(), _trial(trial_id), day, decision, note, author)
    _done(
        {"trial": trial_id, "decision": row.decision, "date": row.date.isoformat()},
        fmt,
        f"trial {trial_id}: {row.decision} ({row.date})",
    )


@trial_app.command("review-date")
def review_date(
    trial_id: int = typer.Option(..., "--trial", help="trial id"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    fmt: Format = FormatOption,
) -> None:
    """Plan the date on which the trial is reviewed."""
    database()
    from nervepath.web.application.trials import set_review_date

    trial = set_review_date(operator(), _trial(trial_id), day)
    assert trial.review_date is not None  # set_review_date sets a date or raises
    _done(
        {"trial": trial.pk, "review_date": trial.review_date.isoformat()},
        fmt,
        f"trial {trial.pk}: review on {trial.review_date}",
    )


def status(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    fmt: Format = FormatOption,
) -> None:
    """Outcomes: baseline pain, current 7-day pain, each trial's response and adequacy."""
    database()
    from nervepath.outcomes import summary_as_dict
    from nervepath.web.records.status import patient_status

    emit(summary_as_dict(patient_status(patient(patient_id))), fmt, _status_table)


def _status_table(data: dict[str, Any]) -> None:
    current = f"{_num(data['current_pain_7d'])} (to {data['as_of'] or '-'})"
    pain = [labelled("Baseline pain", _num(data["baseline_pain"])), labelled("Current 7-day pain", current)]
    console.print(Text("   ").join(pain))
    if data["trend"]:
        trend = data["trend"]
        console.print(
            labelled(
                "Trend",
                f"{trend['direction']} ({trend['slope_per_week']:+} per week, "
                f"{trend['coverage']:.0%} of days recorded)",
            )
        )
    if not data["trials"]:
        console.print("No trials yet.")
    elif wide():
        console.print(_trials_table([_trial_words(t) for t in data["trials"]]))
    else:
        for t in data["trials"]:
            words = _trial_words(t)
            console.print(Text.assemble((f"Trial {t['id']}: {words['drug']}", "bold"), f", {words['dose']}"))
            facts = [labelled(label, words[k]) for k, label in FACT_LABELS.items()]
            console.print(indented(Text("; ").join(facts), level=2))


FACT_LABELS = {"pain": "Pain", "response": "Response", "adequate": "Adequate"}


def _trial_words(t: dict[str, Any]) -> dict[str, str]:
    change = "" if t["reduction_pct"] is None else f" ({-t['reduction_pct']:+.0f} %)"
    unit = labels.drug_unit(t["drug"])
    return {
        "id": str(t["id"]),
        "drug": labels.drug_name(t["drug"]),
        "dose": f"{_num(t['daily_mg'])} {'mcg/h' if unit == 'mcg_per_h' else unit + '/day'}",
        "pain": f"{_num(t['baseline_pain'])} -> {_num(t['current_pain'])}{change}",
        "response": RESPONSE_WORDS[Response(t["response"])] if t["response"] else "–",
        "adequate": {True: "yes", False: "not yet" if not t["stop_date"] else "no", None: "unknown"}[
            t["adequate"]
        ],
    }


def _trials_table(rows: list[dict[str, str]]) -> Table:
    table = Table("trial", "drug", "dose", "pain (baseline -> now)", "response", "adequate")
    for row in rows:
        table.add_row(*(row[k] for k in ("id", "drug", "dose", "pain", "response", "adequate")))
    return table


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def register(app: typer.Typer) -> None:
    app.add_typer(trial_app, name="trial")
    app.command("status")(status)
