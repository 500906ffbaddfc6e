"""A cap on refused sign-ups per client address, so the sign-up form cannot be used to list names.

The sign-up form says "this name is taken" (a person with a typo needs to know), but only once
everything else on the form is right, and every refused sign-up counts against the address it came
from (``client_address``: behind a trusted proxy, the real client). At ``SIGNUP_FAILURE_LIMIT``
refusals within ``SIGNUP_WINDOW_SECONDS`` the form is refused with 429 before it is read at all, so
a taken name and a free one get the same answer. The count lives in Django's cache: with the default
per-process cache each worker keeps its own count (SECURITY.md).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from nervepath.web.client_address import client_address

__all__ = ["SIGNUP_FAILURE_LIMIT", "SIGNUP_WINDOW_SECONDS", "count_refusal", "signups_blocked"]

# Ten refusals an hour leave room for someone struggling with the password rules and a taken name,
# and let a script try ten names an hour from one address.
SIGNUP_FAILURE_LIMIT = 10
SIGNUP_WINDOW_SECONDS = 60 * 60


def _key(request: HttpRequest) -> str:
    return f"nervepath:signup-refused:{client_address(request) or 'unknown'}"


def signups_blocked(request: HttpRequest) -> bool:
    """Whether the client of ``request`` has reached the limit of refused sign-ups."""
    refused: int = cache.get(_key(request), 0)
    return refused >= SIGNUP_FAILURE_LIMIT


def count_refusal(request: HttpRequest) -> None:
    """Count one refused sign-up against the client; the window starts at its first refusal."""
    key = _key(request)
    if not cache.add(key, 1, timeout=SIGNUP_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=SIGNUP_WINDOW_SECONDS)
