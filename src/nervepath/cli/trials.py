"""`nervepath trial start|dose|stop|decide|review-date` and `nervepath status`."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database, patient

trial_app = typer.Typer(help="Treatment trials: doses, stop, decisions.", no_args_is_help=True)


def _trial(trial_id: int) -> Any:
    database()
    from nervepath.web.records.trials import get_trial

    return get_trial(trial_id)


def _done(data: dict[str, Any], fmt: Format, message: str) -> None:
    emit(data, fmt, lambda _: console.print(message))


@trial_app.command("start")
def start(
    patient_id: int = typer.Option(..., "--patient", help="patient id"),
    drug: str = typer.Option(..., "--drug", help="drug id, e.g. pregabalin"),
    day: str = typer.Option(..., "--date", help="start date YYYY-MM-DD"),
    daily_mg: str = typer.Option(..., "--daily-mg", help="starting daily dose in mg"),
    review: str | None = typer.Option(None, "--review-date", help="planned review YYYY-MM-DD"),
    fmt: Format = FormatOption,
) -> None:
    """Start a trial of a drug."""
    database()
    from nervepath.web.records.trials import start_trial

    trial = start_trial(patient(patient_id), drug, day, daily_mg, review)
    _done({"id": trial.pk}, fmt, f"started trial {trial.pk}: {trial.drug_id} from {trial.start_date}")


@trial_app.command("dose")
def dose(
    trial_id: int = typer.Option(..., "--trial", help="trial id"),
    day: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    daily_mg: str = typer.Option(..., "--daily-mg", help="new daily dose in mg"),
    fmt: Format = FormatOption,
) -> None:
    """Change the daily dose from a date on."""
    database()
    from nervepath.web.records.trials import change_dose

    step = change_dose(_trial(trial_id), day, daily_mg)
    _done(
        {"trial": trial_id, "date": step.date.isoformat(), "daily_mg": step.daily_mg},
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
    from nervepath.web.records.trials import stop_trial

    trial = stop_trial(_trial(trial_id), day, because)
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
    from nervepath.web.records.trials import decide_on_trial

    row = decide_on_trial(_trial(trial_id), day, decision, author, note)
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
    from nervepath.web.records.trials import set_review_date

    trial = set_review_date(_trial(trial_id), day)
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
    console.print(
        f"baseline pain: {_num(data['baseline_pain'])}   "
        f"current 7-day pain: {_num(data['current_pain_7d'])} (to {data['as_of'] or '-'})"
    )
    if data["trend"]:
        trend = data["trend"]
        console.print(
            f"trend: {trend['direction']} ({trend['slope_per_week']:+} per week, "
            f"{trend['coverage']:.0%} of days recorded)"
        )
    table = Table("trial", "drug", "mg/day", "baseline", "current", "change", "response", "adequate")
    for t in data["trials"]:
        change = "-" if t["reduction_pct"] is None else f"{-t['reduction_pct']:+.0f} %"
        adequate = {True: "yes", False: "not yet" if not t["stop_date"] else "no", None: "unknown"}[
            t["adequate"]
        ]
        table.add_row(
            str(t["id"]),
            t["drug"],
            _num(t["daily_mg"]),
            _num(t["baseline_pain"]),
            _num(t["current_pain"]),
            change,
            t["response"],
            adequate,
        )
    console.print(table if data["trials"] else "no trials yet")


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def register(app: typer.Typer) -> None:
    app.add_typer(trial_app, name="trial")
    app.command("status")(status)
