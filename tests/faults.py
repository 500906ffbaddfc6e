"""Faults shared by tests of several areas."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from nervepath.web.accounts.models import AuditEvent


@contextmanager
def audit_log_lost() -> Iterator[None]:
    """Take the audit log's table away for the duration, as a lost table would: every audit write then
    fails in the database itself, whichever way it is written (ORM, raw SQL, same statement or not).

    Use in a ``django_db(transaction=True)`` test: the rename must commit to be seen by the request.
    """
    table = AuditEvent._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {quote(table)} RENAME TO {quote(table + '_lost')}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {quote(table + '_lost')} RENAME TO {quote(table)}")


# How a request fails when the audit table is gone: SQLite reports a missing table as an
# OperationalError, which the app answers as "database unavailable" (503); PostgreSQL as a
# ProgrammingError (500).
FAILED = (500, 503)
