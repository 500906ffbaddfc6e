"""Each page's form submission is one transaction: the change and its audit event commit together.

Every view of the pages and accounts apps is wrapped here, in one place, so a new view cannot be
left out: an unsafe request (POST) runs inside ``transaction.atomic()`` and an exception rolls back
everything it wrote, so a change never outlives a failed audit write. Safe requests (GET) are left
alone: on SQLite a transaction takes the single write lock at BEGIN, and reads need none. A form
submission holds that lock for its length (milliseconds; the password hash at sign-in, ~0.1 s),
which the one-person embedded set-up can afford. The API has its own rule
(``nervepath.web.api.transactions``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def atomic_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, with unsafe methods run in one transaction (rolled back when the view raises)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapper


def posts_atomic(patterns: list[URLPattern]) -> None:
    """Wrap the view of every route in ``patterns`` with ``atomic_post`` (in place)."""
    for pattern in patterns:
        pattern.callback = atomic_post(pattern.callback)
