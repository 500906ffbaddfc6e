"""Backup and restore of the embedded SQLite database, consistent while the app runs.

Public: ``backup_database(target, force=False) -> Path``, ``restore_database(source, force=False,
keep_as=None) -> Path | None``, ``check_backup(source)``, ``held_records() -> dict[str, int]``,
``POSTGRES_COMMANDS``.

Both directions use SQLite's online backup API (``sqlite3.Connection.backup``): it copies a
consistent snapshot page by page while other connections keep reading and writing, and a restore
written through it is seen at once by every open connection (copying the file would not be: the
WAL file beside it would still hold newer pages). A backup is one self-contained file in rollback
journal mode, so opening it later leaves no ``-wal`` or ``-shm`` file beside it. Every backup,
``*.before-restore`` included, is created with mode 0600 (``nervepath.private_files``). PostgreSQL has its
own tools; for it these functions raise InvalidInput carrying the ``pg_dump`` / ``pg_restore``
commands (docs/storage.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from nervepath.errors import InvalidInput
from nervepath.private_files import private_file

POSTGRES_COMMANDS = (
    'pg_dump --format=custom --file=FILE "$DATABASE_URL"',
    'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE',
)
KEEP_SUFFIX = ".before-restore"
SQLITE_HEADER = b"SQLite format 3\x00"
# The records a person would name, counted by name when a restore would replace them; every other
# row of nervepath's own tables (diary days, trials, audit events, ...) is counted as "other records".
NAMED_RECORDS = {"records.Patient": "patient", "records.Clinician": "clinician"}
USER_RECORDS = "user account"
# Computed from the other rows and computed again on demand: replacing it loses nothing.
DERIVED = frozenset({"pages.OutcomesSnapshot"})


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


def _live_path() -> Path | None:
    name = str(connection.settings_dict["NAME"])
    return None if name.startswith(":memory:") or "mode=memory" in name else Path(name).resolve()


def _writable(target: Path, force: bool) -> None:
    field, value = "FILE", str(target)
    if target.is_dir():
        raise InvalidInput(field, value, "a file path, not a folder")
    if not target.parent.is_dir():
        raise InvalidInput(field, value, f"a file in an existing folder ({target.parent} is not one)")
    if target.resolve() == _live_path():
        raise InvalidInput(field, value, "a path other than the database itself")
    if target.exists() and not target.is_file():
        raise InvalidInput(field, value, "a path to a regular file (not a device or a pipe)")
    if target.exists() and not force:
        raise InvalidInput(field, value, "a path that does not exist yet (or pass --force to replace it)")


def backup_database(target: Path, force: bool = False) -> Path:
    """Write a consistent copy of the database to ``target``, as one self-contained file; returns the path.

    Raises: InvalidInput naming FILE when the database is PostgreSQL, ``target`` is a folder, in a
    missing folder, not writable, the database itself, or exists (without ``force``).
    """
    live = _sqlite_only()
    _writable(target, force)
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(live, partial)
        partial.replace(target)  # a crash mid-copy never leaves a half-written file under the real name
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput("FILE", str(target), f"a place the backup can be written ({exc})") from None
    return target


def _copy(live: sqlite3.Connection, partial: Path) -> None:
    # Created empty and private before SQLite opens it: the copy (and its journal, which SQLite gives
    # the file's mode) is never readable by others, whatever the umask; a leftover partial goes first.
    partial.unlink(missing_ok=True)
    private_file(partial)
    copy = sqlite3.connect(partial)
    try:
        live.backup(copy)
        # The copy inherits the live database's WAL mode from its header; in rollback journal mode
        # whoever opens it later (sqlite3, a restore) leaves no -wal or -shm file beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def check_backup(source: Path) -> None:
    """Raise InvalidInput naming FILE unless ``source`` is a nervepath database this version can read."""
    field, value = "FILE", str(source)
    if source.is_dir():
        raise InvalidInput(field, value, "a backup file, not a folder")
    if not source.exists():
        raise InvalidInput(field, value, "an existing backup file")
    if not source.is_file():
        raise InvalidInput(field, value, "a backup file (a regular file, not a device or a pipe)")
    if source.resolve() == _live_path():
        raise InvalidInput(field, value, "a backup, not the database itself")
    _check_header(source)
    try:
        with sqlite3.connect(_read_only(source), uri=True) as backup:
            applied = set(backup.execute("SELECT app, name FROM django_migrations").fetchall())
        backup.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(field, value, f"a nervepath SQLite database ({exc})") from None
    if not any(app == "records" for app, _ in applied):
        raise InvalidInput(field, value, "a nervepath database (its migrations table has no records)")
    newer = sorted(applied - set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes))
    if newer:
        raise InvalidInput(field, value, f"a backup from this or an older version (unknown {newer[0]})")


def _check_header(source: Path) -> None:
    try:
        with source.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput("FILE", str(source), f"a readable backup file ({exc.strerror})") from None
    if header != SQLITE_HEADER:
        raise InvalidInput("FILE", str(source), "a nervepath SQLite database (this file is not SQLite)")


def _read_only(source: Path) -> str:
    return f"{source.resolve().as_uri()}?mode=ro"


def held_records() -> dict[str, int]:
    """What a restore would replace: rows of nervepath's own tables and user accounts, by kind.

    Returns: ``{"patient": 3, "user account": 2, "other record": 12}``, leaving out kinds with no
    rows, so an empty dict means a database with no records (a fresh, migrated one).
    """
    held: dict[str, int] = {}
    for model in apps.get_models():
        label = model._meta.label
        if label == settings.AUTH_USER_MODEL:
            kind = USER_RECORDS
        elif model._meta.app_config.name.startswith("nervepath.") and label not in DERIVED:
            kind = NAMED_RECORDS.get(label, "other record")
        else:
            continue
        held[kind] = held.get(kind, 0) + model._base_manager.count()
    return {kind: count for kind, count in held.items() if count}


def _described(held: dict[str, int]) -> str:
    kinds = [*NAMED_RECORDS.values(), USER_RECORDS, "other record"]
    parts = [f"{held[k]} {k}{'' if held[k] == 1 else 's'}" for k in kinds if k in held]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def restore_database(source: Path, force: bool = False, keep_as: Path | None = None) -> Path | None:
    """Replace the database with the backup ``source``; returns where the previous one was kept.

    ``force`` is needed only when the database holds records (``held_records``); they are first
    backed up to ``keep_as`` (default ``<database>.before-restore``). Restoring into an empty
    database keeps no copy and returns None. Migrations the backup lacks are applied afterwards.
    Raises: InvalidInput for PostgreSQL, when ``source`` is not a nervepath backup (naming FILE),
    or when records would be replaced without ``force`` (saying how many).
    """
    live = _sqlite_only()
    check_backup(source)
    held = held_records()
    if held and not force:
        raise InvalidInput(
            "force", False, f"--force: the database holds {_described(held)}, which restoring would replace"
        )
    keep = None
    if held:
        keep = keep_as or _default_keep()
        backup_database(keep, force=True)
    with sqlite3.connect(_read_only(source), uri=True) as backup:
        backup.backup(live)
    backup.close()
    _migrate()
    return keep


def _default_keep() -> Path:
    name = _live_path()
    if name is None or not name.is_file():
        raise InvalidInput("database", str(name), "a database file on disk, beside which the old one is kept")
    return name.with_name(name.name + KEEP_SUFFIX)


def _migrate() -> None:
    from nervepath.web.bootstrap import unapplied_migrations

    if unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
