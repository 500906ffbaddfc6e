"""`nervepath serve`, `nervepath demo` and `nervepath remind`: the web app from the command line."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
from pathlib import Path

import platformdirs
import typer

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.errors import InvalidInput
from nervepath.private_files import private_folder, tighten, write_private

PatientsOption = typer.Option(12, "--patients", help="number of synthetic patients (1-5000)")
YearsOption = typer.Option(1.0, "--years", help="years of diary history per patient (0.2-10)")
SeedOption = typer.Option(7, "--seed", help="random seed: the same seed gives the same clinic")
HostOption = typer.Option("127.0.0.1", "--host", help="address to listen on")
PortOption = typer.Option(8000, "--port", help="port to listen on (1-65535)")


def register(app: typer.Typer) -> None:
    """Add the `serve`, `demo` and `remind` commands to the app."""
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("remind")(remind)


def _secret_key() -> None:
    """Use SECRET_KEY from the environment, else one kept (private) in the data folder."""
    if os.environ.get("SECRET_KEY"):
        return
    # Not via nervepath.web.settings: importing it here would freeze SECRET_KEY before it is set.
    home = os.environ.get("NERVEPATH_HOME")
    folder = Path(home).expanduser() if home else Path(platformdirs.user_data_dir("nervepath"))
    file = folder / "secret_key"
    if file.exists():
        tighten(file)
    else:
        private_folder(folder)
        # Mode 0600 from the start; of two first starts racing, the first key written is kept.
        with contextlib.suppress(FileExistsError):
            write_private(file, secrets.token_urlsafe(50), exclusive=True)
    os.environ["SECRET_KEY"] = file.read_text().strip()


def _database() -> None:
    _secret_key()
    from nervepath.web.bootstrap import ensure_database

    ensure_database()


def _print_logins(logins: dict[str, tuple[str, str]]) -> None:
    for role, (username, password) in logins.items():
        console.print(f"  {role:<10} [bold]{username}[/]  password: [bold]{password}[/]")


def demo(
    patients: int = PatientsOption,
    years: float = YearsOption,
    seed: int = SeedOption,
    fmt: Format = FormatOption,
) -> None:
    """Create a synthetic demo clinic (clinician, admin, patients with diaries and trials) in an empty DB."""
    if not 1 <= patients <= 5000:
        raise InvalidInput("--patients", patients, "a whole number from 1 to 5000")
    if not 0.2 <= years <= 10:
        raise InvalidInput("--years", years, "a number of years from 0.2 to 10")
    _database()
    from django.contrib.auth.models import User

    from nervepath.web.demo import build_demo_clinic

    if User.objects.exists():
        raise InvalidInput("database", "not empty", "an empty database (use --home DIR for a new one)")
    clinic = build_demo_clinic(patients=patients, years=years, seed=seed)
    data = {"patients": clinic.patients, "diary_days": clinic.diary_days, "logins": clinic.logins}
    emit(data, fmt, _demo_human)


def _demo_human(data: dict[str, object]) -> None:
    console.print(f"demo clinic created: {data['patients']} patients, {data['diary_days']} diary days")
    from nervepath.web.demo import DEMO_LOGINS

    _print_logins(DEMO_LOGINS)


def serve(host: str = HostOption, port: int = PortOption) -> None:
    """Start the web app: migrate, create the demo clinic if the database is empty, run the server."""
    if not 1 <= port <= 65535:
        raise InvalidInput("--port", port, "a port number from 1 to 65535")
    _allow_host(host)
    exempt = _second_factor_on_this_computer(host)
    _database()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from nervepath.web.demo import DEMO_LOGINS, build_demo_clinic

    if not User.objects.exists():
        console.print("empty database: creating the demo clinic ...")
        build_demo_clinic()
    if User.objects.filter(username=DEMO_LOGINS["patient"][0]).exists():
        console.print("demo logins:")
        _print_logins(DEMO_LOGINS)
    if exempt:
        console.print(
            "second factor not required: this address is reachable from this computer only "
            "(NERVEPATH_REQUIRE_TWO_FACTOR=true requires it)"
        )
    console.print(f"nervepath is at http://{host}:{port}/  (Ctrl+C stops it)")
    # The system checks are the test suite's job (and `check --deploy` before a release); here they
    # would only double the wait for the first page.
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)


def _second_factor_on_this_computer(host: str) -> bool:
    """On a loopback address nobody else can reach the app, so clinicians and admins need no second
    factor there unless NERVEPATH_REQUIRE_TWO_FACTOR says so; on any other address the production rule
    holds (required). Returns True when it is waived."""
    if "NERVEPATH_REQUIRE_TWO_FACTOR" in os.environ:
        return False
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        os.environ["NERVEPATH_REQUIRE_TWO_FACTOR"] = "false"
    return loopback


def _allow_host(host: str) -> None:
    hosts = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1")
    if host not in hosts.split(","):
        os.environ["ALLOWED_HOSTS"] = f"{hosts},{host}"


def remind(fmt: Format = FormatOption) -> None:
    """Send due diary and questionnaire reminders by e-mail (safe to run as often as you like)."""
    _database()
    from nervepath.web.accounts.reminders import send_reminders

    sent = send_reminders()
    data = {"sent": [{"patient": s.patient_id, "kinds": list(s.kinds)} for s in sent]}
    emit(data, fmt, lambda d: console.print(f"{len(d['sent'])} reminder e-mail(s) sent"))
