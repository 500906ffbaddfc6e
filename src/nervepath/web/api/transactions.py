"""On PostgreSQL every API write is one transaction.

The change and its audit row commit together (a crash between two commits could otherwise leave a
change with no audit row), and a write that ends in an error response commits nothing, whatever the
view had done before it failed. Reads stay outside a transaction.

Not on SQLite: there a transaction takes the single write lock at BEGIN, so wrapping the whole request
held it about three times longer and cut write throughput by a third (benchmarks/bench_api.py). The
embedded database is the one-person laptop set-up; each service call there is still all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

View = Callable[..., HttpResponse]


def atomic_writes(view: View) -> View:
    """Wrap one view: unsafe methods run in a transaction that rolls back on any 4xx or 5xx answer."""
    if connection.vendor != "postgresql":
        return view

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response

    return wrapper
