"""Start Django for the CLI: configure settings, create the data folder and migrate on first use.

The CLI calls :func:`ensure_database` before its first query. Migrations run only when some are
unapplied, so an everyday command pays for one cheap look at the migrations table.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from nervepath.private_files import private_file, private_folder, tighten, use_private_umask

SETTINGS_MODULE = "nervepath.web.settings"


def use_home(home: Path | None) -> None:
    """Select the data folder (``--home``); must run before Django is configured."""
    if home is not None:
        os.environ["NERVEPATH_HOME"] = str(home.expanduser().resolve())


def setup_django() -> None:
    """Configure Django with nervepath's settings unless something else already did; from here on
    the files this process creates are its owner's only (``nervepath.private_files``)."""
    use_private_umask()
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if not settings.configured or not _apps_ready():
        django.setup()


def _apps_ready() -> bool:
    from django.apps import apps

    return apps.ready


@cache
def ensure_database() -> None:
    """Make the database usable: folder created, migrations applied (only when needed)."""
    setup_django()
    from django.conf import settings

    database = settings.DATABASES["default"]  # settings.py types its entries' values as object
    if str(database["ENGINE"]).endswith("sqlite3"):
        prepare_sqlite_file(str(database["NAME"]))
    if unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def prepare_sqlite_file(name: str) -> None:
    """Before Django first opens it: the SQLite database ``name`` exists, readable by its owner only,
    in a folder made 0700 if it was missing, so the -wal and -shm SQLite makes beside it are private
    too (it gives them the database file's mode). Files an older version left 0644 are tightened.
    An in-memory database (the tests') is left alone."""
    if name.startswith(":memory:") or "mode=memory" in name:
        return
    path = Path(name)
    private_folder(path.parent)
    if path.exists():
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            tighten(file)
    else:
        private_file(path)


def unapplied_migrations() -> list[str]:
    """Names of migrations not yet applied to the default database."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
