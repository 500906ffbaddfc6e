"""`nervepath user create|list`: the real accounts of an installation (admins, clinicians, patients).

The password is asked twice with hidden input, or read as one line from standard input with
``--password-stdin`` (for scripts); never as an argument, which shells keep in their history and
other users can read in the process list.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database
from nervepath.errors import InvalidInput

if TYPE_CHECKING:
    from nervepath.web.accounts.provisioning import AccountSummary

user_app = typer.Typer(help="Accounts that sign in: admins, clinicians and patients.", no_args_is_help=True)

PatientsOption = typer.Option(
    None, "--patient", metavar="ID", help="a patient id the clinician cares for (repeat)"
)
RequireOption = typer.Option(
    False, "--require-two-factor", help="each sign-in leads to the two-factor page until it is turned on"
)
StdinOption = typer.Option(
    False, "--password-stdin", help="read the password as one line from standard input (for scripts)"
)


@user_app.command("create")
def create(
    username: str = typer.Argument(..., help="the name to sign in with"),
    role: str = typer.Option(..., "--role", help="clinician, admin or patient"),
    name: str = typer.Option("", "--name", help="the name others see (clinicians and patients)"),
    email: str = typer.Option("", "--email", help="for password resets and reminders"),
    patient_ids: list[int] | None = PatientsOption,
    require_two_factor: bool = RequireOption,
    password_stdin: bool = StdinOption,
    fmt: Format = FormatOption,
) -> None:
    """Create an account; the password is asked twice (hidden), never given as an option."""
    database()
    from nervepath.web.accounts.audit import operator
    from nervepath.web.accounts.provisioning import NewAccount, account_summary, check_account, create_account

    new = NewAccount(username, role, name, email, tuple(patient_ids or ()), require_two_factor)
    check_account(new)  # a wrong option or a taken name is refused before the password is asked
    user = create_account(operator(), new, _read_stdin() if password_stdin else _prompt())
    emit(_as_dict(account_summary(user)), fmt, _show_created)


def _prompt() -> str:
    # On stderr, so that --format json keeps stdout one JSON document.
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return password


def _read_stdin() -> str:
    from nervepath.web.accounts.provisioning import HIDDEN

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("password", HIDDEN, "the password as one line on standard input")
    return password


def _as_dict(account: AccountSummary) -> dict[str, Any]:
    return {
        "username": account.username,
        "role": account.role.value,
        "two_factor": account.two_factor,
        "patients": list(account.patients),
        "active": account.active,
    }


_PATIENTS_ARE = {"clinician": "caring for patients", "patient": "own patient record"}


def _show_created(data: dict[str, Any]) -> None:
    patients = ", ".join(map(str, data["patients"]))
    said = f" ({_PATIENTS_ARE[data['role']]} {patients})" if patients else ""
    console.print(f"created {data['role']} account {data['username']}{said}")
    if data["two_factor"] == "required":
        console.print("two-factor log-in is required: each sign-in leads to it until it is turned on")


@user_app.command("list")
def list_users(fmt: Format = FormatOption) -> None:
    """Every account: user name, role, two-factor, patients (never a password hash or secret)."""
    database()
    from nervepath.web.accounts.provisioning import list_accounts

    emit({"users": [_as_dict(a) for a in list_accounts()]}, fmt, _show_list)


def _show_list(data: dict[str, Any]) -> None:
    if not data["users"]:
        console.print("no accounts yet: nervepath user create USERNAME --role admin")
        return
    table = Table("user", "role", "two-factor", "patients", "active")
    for u in data["users"]:
        patients = ", ".join(map(str, u["patients"])) or "-"
        table.add_row(u["username"], u["role"], u["two_factor"], patients, "yes" if u["active"] else "no")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
