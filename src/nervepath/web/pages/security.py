"""Response hardening: a strict Content-Security-Policy on every response (Django 5.2 has none
built in), and a clear 503 instead of a 500 while the database cannot be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

logger = logging.getLogger("nervepath.web")
# Seconds a client is asked to wait before trying again while the database is down.
RETRY_AFTER = "30"

# No inline scripts anywhere. Inline styles are allowed only because the one chart renderer
# emits SVG with style attributes; scripts, frames, plugins and foreign origins stay blocked.
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseUnavailableMiddleware:
    """Turns "the database cannot be reached" into 503 Service Unavailable: a page that says so, or
    the API's JSON error shape under ``/api/``. The next request connects afresh, so the app
    recovers by itself when the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
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
