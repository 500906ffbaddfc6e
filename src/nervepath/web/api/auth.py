"""Who is calling: a personal token (``Authorization: Bearer np_...``) or the web app's session.

Session requests with an unsafe method must carry the CSRF token (ninja's cookie auth checks it);
token requests need no CSRF protection because a browser never adds the header by itself. A request
that sends a bearer token is judged by that token alone: an unknown, revoked or expired one is 401,
never passed on to the session check (which would answer a token client 403 "CSRF check failed").
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from nervepath.web.accounts.tokens import allows, user_for_token
from nervepath.web.api.errors import Forbidden


class TokenAuth(HttpBearer):
    """A personal API token; a ``read`` token on an unsafe method is refused with 403, a token that
    does not (or no longer) open an account with 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = user_for_token(token)
        if found is None:
            raise AuthenticationError
        user, row = found
        if not allows(row, request.method or "GET"):
            raise Forbidden("this token has the read scope; writing needs a token with the write scope")
        request.user = user  # so the audit log and permissions see who called
        return user


class SessionCookie(SessionAuth):
    """The web app's signed-in session (CSRF checked on unsafe methods)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


AUTH = [TokenAuth(), SessionCookie()]


def caller(request: HttpRequest) -> User:
    """The user who is calling: what ``AUTH`` put on ``request.auth`` before the operation ran.

    Every operation requires ``AUTH``, so a view only runs with a user there; anything else is
    answered as unauthenticated (401) rather than reaching the records.
    """
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError
    return user
