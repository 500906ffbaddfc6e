"""`nervepath backup FILE` and `nervepath restore FILE`: the embedded SQLite database, safely."""

from __future__ import annotations

from pathlib import Path

import typer

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database

FileArgument = typer.Argument(..., help="the backup file")
ForceOption = typer.Option(False, "--force", help="replace what is there")


def backup(file: Path = FileArgument, force: bool = ForceOption, fmt: Format = FormatOption) -> None:
    """Copy the database to FILE, one self-contained file (consistent while nervepath runs; SQLite only)."""
    database()
    from nervepath.web.records.backup import backup_database

    written = backup_database(file, force=force)
    data = {"backup": str(written), "bytes": written.stat().st_size}
    emit(data, fmt, lambda d: console.print(f"backed up the database to {d['backup']} ({d['bytes']} bytes)"))


def restore(file: Path = FileArgument, force: bool = ForceOption, fmt: Format = FormatOption) -> None:
    """Replace the database with the backup FILE; --force when it holds records (kept as *.before-restore)."""
    database()
    from nervepath.web.records.backup import restore_database

    kept = restore_database(file, force=force)
    data = {"restored": str(file), "previous": None if kept is None else str(kept)}
    emit(data, fmt, _restored)


def _restored(data: dict[str, str | None]) -> None:
    if data["previous"] is None:
        console.print(f"restored {data['restored']} into the empty database")
    else:
        console.print(f"restored {data['restored']}; the previous database is {data['previous']}")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
