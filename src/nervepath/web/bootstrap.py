"""Start Django for the CLI: configure settings, create the data folder and migrate on first use.

The CLI calls :func:`ensure_database` before its first query. Migrations run only when some are
unapplied, so an everyday command pays for one cheap look at the migrations table.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

SETTINGS_MODULE = "nervepath.web.settings"


def use_home(home: Path | None) -> None:
    """Select the data folder (``--home``); must run before Django is configured."""
    if home is not None:
        os.environ["NERVEPATH_HOME"] = str(home.expanduser().resolve())


def setup_django() -> None:
    """Configure Django with nervepath's settings unless something else already did."""
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
        Path(str(database["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    if unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def unapplied_migrations() -> list[str]:
    """Names of migrations not yet applied to the default database."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
