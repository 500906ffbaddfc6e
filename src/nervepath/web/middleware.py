"""Middlewares every response passes through: a request id, HEAD answered as GET, no caching of patient data.

``RequestIdMiddleware`` (first in the list) gives each request an id, for every log line written
while it is answered and as the ``X-Request-ID`` response header, so a person who reports an error
can quote it. A trusted proxy's own id (``X-Request-ID``, nginx's ``$request_id``) is kept. It also
logs a security event when a signed-in caller is refused (401, 403, or the 404 that hides a patient
record from someone who may not see it).

``NoStoreMiddleware`` marks every response ``Cache-Control: no-store`` except the few public pages
that never show anything of a person (``PUBLIC_PAGES``, to an anonymous visitor) and static files
(WhiteNoise answers those before this middleware runs). A view's own ``no-store`` (``never_cache``,
the PDFs) is kept as it is. Conditional GET keeps working: an API client keeps the ``ETag`` it got
and sends it in ``If-None-Match`` itself, which ``no-store`` does not forbid.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from nervepath.web.client_address import from_trusted_proxy
from nervepath.web.security_log import connect_signals, current_request_id, security_event

REQUEST_ID_HEADER = "X-Request-ID"
_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# URL names whose answers hold nothing of a person: the API's description, to anyone; the landing
# page and the knowledge base to an anonymous visitor (a signed-in user's name is in their menu).
API_DESCRIPTION = frozenset({"api:openapi-json", "api:openapi-view"})
PUBLIC_PAGES = frozenset({"pages:home", "pages:learn", "pages:entry"}) | API_DESCRIPTION
# A refusal a signed-in caller meets on a URL naming a record (the 404 that hides a record too).
_RECORD_KWARGS = {"patient_id", "trial_id", "response_id", "medication_id", "care_item_id"}


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        connect_signals()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _incoming_id(request) or uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
            if _refused(request, response):
                security_event("access_refused", request, status=response.status_code)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _incoming_id(request: HttpRequest) -> str | None:
    """The proxy's id of this request, taken only from a trusted proxy and only if well formed."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if given and _GOOD_ID.match(given) and from_trusted_proxy(request) else None


def _refused(request: HttpRequest, response: HttpResponse) -> bool:
    status = response.status_code
    if status in {401, 403}:
        return True
    match = getattr(request, "resolver_match", None)
    if status != 404 or match is None or not _RECORD_KWARGS & set(match.kwargs):
        return False
    # Only now look at the user: that may read the database, which may be the reason for the answer.
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class HeadAsGetMiddleware:
    """HEAD is GET without the body (RFC 9110, 9.3.2): the view runs as for GET, so the status and
    headers (Content-Length, ETag) are the same, and the body is dropped. Views and the API that
    take only GET would otherwise answer HEAD with 405."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = request.META["REQUEST_METHOD"] = "GET"
        response = self.get_response(request)
        request.method = request.META["REQUEST_METHOD"] = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = []
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", "") or _public(request):
            return response
        response["Cache-Control"] = "no-store"
        return response


def _public(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in PUBLIC_PAGES:
        return False
    user = getattr(request, "user", None)
    return match.view_name in API_DESCRIPTION or user is None or not user.is_authenticated
