"""Personal API tokens: issue (shown once), check on each request, revoke.

A token is ``np_`` followed by 32 random bytes (URL-safe base64) from :mod:`secrets`. Only its
SHA-256 digest is stored. A plain fast hash is enough here, unlike for passwords: a password is
short and guessable, so it needs a slow salted hash (Argon2) to resist a dictionary attack on a
stolen database; a 256-bit random token cannot be guessed, so a slow hash would add nothing but
latency to every API request, and an unsalted digest lets us find the row with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from nervepath.errors import InvalidInput, NotFound
from nervepath.web.accounts.roles import USER_ROWS
from nervepath.web.tokens.models import ApiToken, Scope
from nervepath.web.transactions import SAFE_METHODS

TOKEN_PREFIX = "np_"  # noqa: S105 (a visible marker, not a secret: it helps secret scanners)
# Writing last_used_at on every request would turn every read into a write (and queue readers
# behind SQLite's single writer); a minute is precise enough to tell a live token from a stale one.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(token: str) -> str:
    """The stored form of a token: its SHA-256 as 64 hex digits."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(user: Any, scope: str, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the token text, which is never shown again."""
    if scope not in Scope.values:
        raise InvalidInput("scope", scope, "one of " + ", ".join(Scope.values))
    if len(name) > 100:
        raise InvalidInput("name", name, "at most 100 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, prefix=token[:10], digest=digest(token), scope=scope)
    return row, token


def issue_token_for(username: str, scope: str, name: str = "") -> tuple[ApiToken, str]:
    """Like :func:`issue_token`, for the user called ``username``; raises NotFound."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound("user", username)
    return issue_token(user, scope, name)


def revoke_token(token_id: int) -> ApiToken:
    """Revoke a token by id (idempotent: revoking twice keeps the first time); raises NotFound."""
    row = ApiToken.objects.filter(pk=token_id).first()
    if row is None:
        raise NotFound("token", token_id)
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
    return row


def user_for_token(token: str) -> tuple[Any, ApiToken] | None:
    """The active user and token row for a presented token, or None (unknown, revoked, inactive user)."""
    # get(), not first(): the digest is unique, so there is nothing to order (first() adds ORDER BY).
    try:
        row = ApiToken.objects.select_related("user", *(f"user__{row}" for row in USER_ROWS)).get(
            digest=digest(token), revoked_at__isnull=True, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    _touch(row)
    return row.user, row


def allows(row: ApiToken, method: str) -> bool:
    """A ``read`` token allows only safe methods; a ``write`` token allows every method."""
    return row.scope == Scope.write or method.upper() in SAFE_METHODS


def _touch(row: ApiToken) -> None:
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
