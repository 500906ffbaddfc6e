"""How django-axes names the account of a failed log-in.

Django normalises a typed username (NFKC) before authenticating, which can make a short input
much longer (one ligature becomes many letters). Axes stores it in a 255-character column, so a
crafted name would fail the insert on PostgreSQL; no real username is longer than 150 characters.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

USERNAME_MAX = 150


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The username Axes counts failures against, cut to the longest a real account can have."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw)[:USERNAME_MAX]
