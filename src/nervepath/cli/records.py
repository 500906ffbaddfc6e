"""Shared by the record commands (patient, diary, trial, status, export, import, backup): the database.

``register`` adds every record command group to the app; ``main.py`` calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from nervepath.errors import InvalidInput

if TYPE_CHECKING:
    from nervepath.web.accounts.audit import Actor
    from nervepath.web.records.models import Patient


def database() -> None:
    """Configure Django and create/migrate the database on first use (before any query)."""
    from nervepath.web.bootstrap import ensure_database

    ensure_database()


def patient(patient_id: int) -> Patient:
    """The patient with ``patient_id``; raises NotFound (exit 2)."""
    database()
    from nervepath.web.application.patients import get_patient

    return get_patient(patient_id)


def operator() -> Actor:
    """Who acts at the command line, as the audit log records every change made here."""
    database()
    from nervepath.web.accounts.audit import operator as local_operator

    return local_operator()


def number(field: str, raw: str | None) -> int | None:
    """An optional integer option kept as text so that a bad value gets our own message."""
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(field, raw, "an integer") from None


def register(app: typer.Typer) -> None:
    from nervepath.cli import backup, diary, exchange, patients, trials

    patients.register(app)
    diary.register(app)
    trials.register(app)
    exchange.register(app)
    backup.register(app)
