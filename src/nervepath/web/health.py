"""``GET /health``: is this app process able to serve? For load balancers and process monitors.

200 ``{"status": "ok", "database": "ok"}`` when a ``SELECT 1`` on the default database succeeds,
503 ``{"status": "unavailable", "database": "<error class>"}`` when it does not. It reads no patient
data, needs no login and is never cached.
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def database_ok() -> str | None:
    """None when the database answers, else the name of the error class (never its message)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return type(error).__name__
    return None


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    problem = database_ok()
    if problem is None:
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": problem}, status=503)
