"""Structured logs: one JSON object per line on stderr, each with the id of the request it belongs to.

``settings.LOGGING`` sends server errors (``django.request``, with the traceback), Django's own
security warnings (``django.security``: a bad CSRF token, a wrong host) and nervepath's loggers
through :class:`JsonFormatter`. :func:`security_event` writes one event of the ``nervepath.security``
logger: a lockout, a second-factor failure, a refused request. An event names what happened, the
request id, the method, the URL's name, the status, the client address and the user's id: never a
request body, a query string or anything of a health record.
"""

from __future__ import annotations

import json
import logging
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest

from nervepath.web.client_address import client_address

SECURITY_LOGGER = "nervepath.security"
security_logger = logging.getLogger(SECURITY_LOGGER)

current_request_id: ContextVar[str | None] = ContextVar("nervepath_request_id", default=None)
"""The id of the request being answered (set by ``nervepath.web.middleware.RequestIdMiddleware``)."""

# Scalar fields an event may carry; anything else is turned into text.
_SCALARS = (str, int, float, bool, type(None))
# The attributes every LogRecord has; whatever else a record carries came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request"}


def security_event(name: str, request: HttpRequest | None = None, **fields: Any) -> None:
    """Log the security event ``name`` (``login_locked_out``, ``two_factor_failed``, ``access_refused``)
    of ``request``, with ``fields`` (numbers, words, ids; never health data) added to the line."""
    context: dict[str, Any] = {}
    if request is not None:
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        context = {
            "method": request.method,
            "url_name": match.view_name if match is not None else None,
            "client": client_address(request),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
    security_logger.warning(name, extra={"event_fields": context | fields})


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (None outside a request) to every record that passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, event (the message), request_id, the
    event's fields, the status of a failed request and the traceback of an exception. The request
    object Django attaches to its records is left out: its body and query string stay unlogged."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            line["status"] = status
        fields = getattr(record, "event_fields", None)
        if isinstance(fields, dict):
            line.update({key: _plain(value) for key, value in fields.items() if key not in line})
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in {"event_fields", "request_id", "status_code"}:
                line.setdefault(key, _plain(value))
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False)


def _plain(value: Any) -> Any:
    return value if isinstance(value, _SCALARS) else str(value)


def _on_lockout(
    sender: Any, request: HttpRequest | None = None, username: str | None = None, **_: Any
) -> None:
    security_event("login_locked_out", request, username=username)


def connect_signals() -> None:
    """Log django-axes's lockouts (called once, when the middleware is built)."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_on_lockout, dispatch_uid="nervepath.security_log.lockout")
