"""Which requests run in one transaction, so a change and its audit event commit together.

``atomic_unsafe`` runs a view's unsafe methods inside ``transaction.atomic()``; an exception rolls back
everything the view wrote. Reads are left alone: on SQLite a transaction takes the single write lock
at BEGIN, and reads need none.

Pages: ``wrap_views`` applies it to every route of the pages and accounts apps, in one place, so a new
view cannot be left out. A form submission holds SQLite's lock for its length (milliseconds; the
password hash at sign-in, ~0.1 s), which the one-person embedded set-up can afford.

API: ``api/main.py`` applies it to every operation of the API, on both databases, through
django-ninja's ``add_decorator``. It wraps the operation's own function, after authentication and
body validation and before the answer is serialised, so SQLite's write lock is held only while the
view works (wrapping the whole request held it about three times longer). Every error of a view is
an exception (the API's error answers are raised, never returned), so an error answer commits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.db import transaction
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


def wrap_views(patterns: Sequence[URLPattern], decorator: Callable[[View], View]) -> None:
    """Wrap the view of every route in ``patterns`` with ``decorator`` (in place)."""
    for pattern in patterns:
        pattern.callback = decorator(pattern.callback)
