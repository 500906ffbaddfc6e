"""The answer while the database cannot be reached: 503 Service Unavailable, a page that says so, or the
API's JSON error shape under ``/api/``, with Retry-After. The next request connects afresh, so the app
recovers by itself when the database is back.
"""

from __future__ import annotations

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

logger = logging.getLogger("nervepath.web")

RETRY_AFTER = "30"
DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 503 answer to ``request`` for a database error."""
    logger.error("database unavailable on %s %s: %s", request.method, request.path, exception)
    if request.path.startswith("/api/"):
        message = "the database is unavailable; try again in a minute"
        body = {"error": {"code": "unavailable", "message": message, "field": None}}
        response: HttpResponse = JsonResponse(body, status=503)
    else:
        # A standalone template: base.html would ask the database for the user's role. Without a
        # request there is no context processor, so the page is told its language here.
        page = render_to_string("pages/unavailable.html", {"LANGUAGE_CODE": get_language()})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = RETRY_AFTER
    return response
