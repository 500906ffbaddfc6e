"""A write refused by one of the database's unique constraints, told as the project's Conflict.

A check in Python before an insert cannot keep a row unique: two writers can both pass the check
before either inserts (eight concurrent "start trial" requests on PostgreSQL kept up to eight running
trials of one drug). The partial unique indexes of ``models.py`` decide such a race in the database;
``conflict_on`` turns their refusal into the Conflict a person can act on.

    with conflict_on(Trial, ONE_RUNNING_TRIAL, Conflict("drug", "...already running...")):
        Trial.objects.create(...)

The write runs in a savepoint (``transaction.atomic``), so after the refusal the surrounding
transaction stays usable (PostgreSQL refuses every statement of a transaction after an error).
Only the refusal of exactly the named constraint becomes the Conflict; any other IntegrityError
(a CHECK constraint, another unique constraint) propagates unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, models, transaction

from nervepath.errors import Conflict
from nervepath.web.records.columns import column


@contextmanager
def conflict_on(model: type[models.Model], constraint: str, conflict: Conflict) -> Iterator[None]:
    """Run the block in a savepoint; raise ``conflict`` if ``model``'s unique ``constraint`` refuses it."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if refused_by(exc, model, constraint):
            raise conflict from None
        raise


def refused_by(exc: IntegrityError, model: type[models.Model], constraint: str) -> bool:
    """Whether ``exc`` is ``model``'s unique ``constraint`` refusing a row.

    PostgreSQL names the constraint (psycopg's ``diag.constraint_name``); SQLite names the columns
    (``UNIQUE constraint failed: records_trial.patient_id, records_trial.drug_id``), which identify
    it as long as no other unique constraint of the table has the same columns.
    """
    diag = getattr(exc.__cause__, "diag", None)
    if diag is not None:
        return bool(diag.constraint_name == constraint)
    return str(exc) == f"UNIQUE constraint failed: {_columns(model, constraint)}"


def _columns(model: type[models.Model], constraint: str) -> str:
    meta = model._meta
    unique = next(
        c for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.name == constraint
    )
    return ", ".join(f"{meta.db_table}.{column(meta.get_field(name))}" for name in unique.fields)
