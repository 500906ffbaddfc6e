"""The one error shape of the API, ``{"error": {"code", "message", "field"}}``, and the one place
that turns exceptions into it.

    InvalidInput / UnknownIdentifier, request validation  -> 422
    PrescribingBlocked                                      -> 422, code prescribing_check, with "checks"
    unparseable body                                        -> 400
    no or bad credentials                                   -> 401
    credentials without the right (scope, role, CSRF)       -> 403
    NotFound / Http404 (also: not yours to see)             -> 404
    Conflict                                                -> 409
    body too large                                          -> 413
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from nervepath.errors import (
    Conflict,
    InvalidInput,
    NervepathError,
    NotFound,
    PrescribingBlocked,
    UnknownIdentifier,
)

# The request parts ninja puts first in an error location; the field path starts after them
# (for a body, after the name of the view's body parameter too).
_LOCATIONS = {"path": 1, "query": 1, "header": 1, "cookie": 1, "body": 2}
E = TypeVar("E", bound=Exception)
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
}


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    checks: list[dict[str, Any]] | None = Field(
        default=None,
        description="code prescribing_check only: every check found (rule, flag, severity, message, "
        "sources, overridden, reason), the blocking ones first",
    )


class ErrorBody(Schema):
    error: ErrorDetail


class Forbidden(HttpError):
    """Signed in, but not allowed to do this (read-only token, wrong role, CSRF)."""

    def __init__(self, message: str) -> None:
        super().__init__(403, message)


class TooLarge(HttpError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


ERRORS: dict[int, type[Schema]] = {code: ErrorBody for code in (400, 401, 403, 404, 413, 422)}
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: ErrorBody}


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, field: str | None = None
) -> HttpResponse:
    """The JSON error body with ``status``."""
    body = {"error": {"code": code, "message": message, "field": field}}
    return api.create_response(request, body, status=status)


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "payload", "regions", 0, "pain")`` -> ``"regions.0.pain"``."""
    parts = [str(part) for part in loc]
    skip = _LOCATIONS.get(parts[0], 0) if parts else 0
    return ".".join(parts[skip:]) or ".".join(parts)


@contextmanager
def api_fields(names: Mapping[str, str] | Callable[[str], str]) -> Iterator[None]:
    """Re-raise a service's InvalidInput / Conflict under the body's name of the field.

    The records services name fields as the CLI and forms know them (``drug``, ``pain.etiology``);
    an API client must be told the field of its own request (``drug_id``, ``pain_etiology``).
    """
    rename = names if callable(names) else (lambda field: names.get(field, field))
    try:
        yield
    except PrescribingBlocked:
        raise  # its field is the contract's (daily_mg or drug_id) on every entry point
    except UnknownIdentifier as exc:
        raise UnknownIdentifier(rename(exc.field), exc.value, exc.known) from exc
    except InvalidInput as exc:
        raise InvalidInput(rename(exc.field), exc.value, exc.expected) from exc
    except Conflict as exc:
        raise Conflict(rename(exc.field), str(exc).removeprefix(f"{exc.field}: ")) from exc


def install(api: NinjaAPI) -> None:
    """Register the translations on ``api``; ninja picks the most specific class."""
    _on(api, ValidationError, lambda r, e: _validation(api, r, e))
    _on(api, AuthenticationError, lambda r, e: _unauthenticated(api, r))
    _on(api, HttpError, lambda r, e: _http(api, r, e))
    _on(api, Http404, lambda r, e: error_response(api, r, 404, "not_found", _text(e)))
    _on(api, RequestDataTooBig, lambda r, e: _too_big(api, r))
    _on(api, NervepathError, lambda r, e: _nervepath(api, r, e))


def _on(api: NinjaAPI, kind: type[E], handle: Callable[[HttpRequest, E], HttpResponse]) -> None:
    """Register ``handle`` for ``kind`` and its subclasses.

    ninja's types let a handler receive the exception's class as well as an instance, but it looks
    the handler up by the class of what was raised, so only an instance ever arrives.
    """

    def handler(request: HttpRequest, exc: E | type[E]) -> HttpResponse:
        if isinstance(exc, type):
            raise TypeError(f"an exception handler got the class {exc.__name__}, not a raised exception")
        return handle(request, exc)

    api.add_exception_handler(kind, handler)


def _validation(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {"loc": (), "msg": "invalid request"}
    field = field_path(first.get("loc", ()))
    return error_response(api, request, 422, "invalid_input", f"{field}: {first.get('msg')}", field)


def _unauthenticated(api: NinjaAPI, request: HttpRequest) -> HttpResponse:
    message = "sign in, or send a personal token as 'Authorization: Bearer <token>'"
    response = error_response(api, request, 401, "unauthenticated", message)
    response["WWW-Authenticate"] = 'Bearer realm="nervepath"'
    return response


def _http(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    return error_response(api, request, status, HTTP_CODES.get(status, "error"), str(exc.message))


def _too_big(api: NinjaAPI, request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    return _http(api, request, TooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))


def _nervepath(api: NinjaAPI, request: HttpRequest, exc: NervepathError) -> HttpResponse:
    if isinstance(exc, PrescribingBlocked):
        body = {
            "error": {
                "code": exc.code,
                "field": exc.field,
                "message": str(exc),
                "checks": [check.to_dict() for check in exc.checks],
            }
        }
        return api.create_response(request, body, status=422)
    if isinstance(exc, InvalidInput):
        return error_response(api, request, 422, exc.code, str(exc), exc.field)
    if isinstance(exc, NotFound):
        return error_response(api, request, 404, exc.code, str(exc))
    if isinstance(exc, Conflict):
        return error_response(api, request, 409, exc.code, str(exc), exc.field)
    raise exc


def _text(exc: Exception) -> str:
    return str(exc) or "not found"
