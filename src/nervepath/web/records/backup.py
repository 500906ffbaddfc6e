"""Backup and restore of the embedded SQLite database, consistent while the app runs.

Public: ``backup_database(target, force=False) -> Path``, ``restore_database(source, force=False,
keep_as=None) -> Path``, ``check_backup(source)``, ``POSTGRES_COMMANDS``.

Both directions use SQLite's online backup API (``sqlite3.Connection.backup``): it copies a
consistent snapshot page by page while other connections keep reading and writing, and a restore
written through it is seen at once by every open connection (copying the file would not be: the
WAL file beside it would still hold newer pages). PostgreSQL has its own tools; for it these
functions raise InvalidInput carrying the ``pg_dump`` / ``pg_restore`` commands (docs/storage.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from nervepath.errors import InvalidInput

POSTGRES_COMMANDS = (
    'pg_dump --format=custom --file=FILE "$DATABASE_URL"',
    'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE',
)
KEEP_SUFFIX = ".before-restore"


def _sqlite_only() -> sqlite3.Connection:
    if connection.vendor != "sqlite":
        raise InvalidInput(
            "DATABASE_URL",
            connection.vendor,
            "the embedded SQLite database; for PostgreSQL run: " + "  /  ".join(POSTGRES_COMMANDS),
        )
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)  # the sqlite backend wraps the stdlib connection
    return raw


def _free(field: str, path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InvalidInput(field, str(path), "a path that does not exist yet (or pass --force to replace it)")


def backup_database(target: Path, force: bool = False) -> Path:
    """Write a consistent copy of the database to ``target``; returns the path.

    Raises: InvalidInput when the database is PostgreSQL or ``target`` exists (without ``force``).
    """
    live = _sqlite_only()
    _free("FILE", target, force)
    partial = target.with_name(target.name + ".partial")
    with sqlite3.connect(partial) as copy:
        live.backup(copy)
    copy.close()
    partial.replace(target)  # a crash mid-copy never leaves a half-written file under the real name
    return target


def check_backup(source: Path) -> None:
    """Raise InvalidInput unless ``source`` is a nervepath database this version can read."""
    if not source.is_file():
        raise InvalidInput("FILE", str(source), "an existing backup file")
    try:
        with sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True) as backup:
            applied = set(backup.execute("SELECT app, name FROM django_migrations").fetchall())
        backup.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput("FILE", str(source), f"a nervepath SQLite database ({exc})") from None
    if not any(app == "records" for app, _ in applied):
        raise InvalidInput("FILE", str(source), "a nervepath database (its migrations table has no records)")
    newer = sorted(applied - set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes))
    if newer:
        raise InvalidInput(
            "FILE", str(source), f"a backup from this or an older version (unknown {newer[0]})"
        )


def restore_database(source: Path, force: bool = False, keep_as: Path | None = None) -> Path:
    """Replace the database with the backup ``source``; returns where the previous one was kept.

    The previous database is first backed up to ``keep_as`` (default ``<database>.before-restore``);
    migrations the backup lacks are applied afterwards.
    Raises: InvalidInput for PostgreSQL, without ``force``, or when ``source`` is not a nervepath backup.
    """
    live = _sqlite_only()
    check_backup(source)
    if not force:
        raise InvalidInput("force", False, "--force, because a restore replaces every record in the database")
    keep = keep_as or _default_keep()
    backup_database(keep, force=True)
    with sqlite3.connect(source) as backup:
        backup.backup(live)
    backup.close()
    _migrate()
    return keep


def _default_keep() -> Path:
    name = Path(str(connection.settings_dict["NAME"]))
    if not name.is_file():
        raise InvalidInput("database", str(name), "a database file on disk, beside which the old one is kept")
    return name.with_name(name.name + KEEP_SUFFIX)


def _migrate() -> None:
    from nervepath.web.bootstrap import unapplied_migrations

    if unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
