"""Which requests run in one transaction, so a change and its audit event commit together.

Pages (``atomic_unsafe``): every form submission of the pages and accounts apps runs inside
``transaction.atomic()``, and an exception rolls back everything it wrote. Reads are left alone: on
SQLite a transaction takes the single write lock at BEGIN, and reads need none. A form submission
holds that lock for its length (milliseconds; the password hash at sign-in, ~0.1 s), which the
one-person embedded set-up can afford.

API (``atomic_writes``): on PostgreSQL every write is one transaction, and a write that ends in an
error response commits nothing, whatever the view had done before it failed. Not on SQLite: there,
wrapping the whole request held the write lock about three times longer and cut write throughput by
a third (benchmarks/bench_api.py); the diary write, the busiest, commits the day with its audit row
by itself (``record_day(..., audit_as=...)``).

``wrap_views`` applies one of them to every route of a URL list, in one place, so a new view cannot
be left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

View = Callable[..., HttpResponse]


def atomic_unsafe(view: View) -> View:
    """The view, with unsafe methods run in one transaction (rolled back when the view raises)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapper


def atomic_writes(view: View) -> View:
    """On PostgreSQL, ``atomic_unsafe`` that also rolls back on any 4xx or 5xx answer; else the view."""
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


def wrap_views(patterns: Sequence[URLPattern], decorator: Callable[[View], View]) -> None:
    """Wrap the view of every route in ``patterns`` with ``decorator`` (in place)."""
    for pattern in patterns:
        pattern.callback = decorator(pattern.callback)
