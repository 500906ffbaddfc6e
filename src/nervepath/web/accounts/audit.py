"""The one place that writes the audit log: every read or change of a patient's record goes through it.

``audit(request, action, patient, obj)`` appends one event; ``audit_listed`` one per patient shown
in a list. A change made by a service function (the diary day, say) is logged by the service itself,
in the change's own transaction, from an ``Actor`` (``actor(request)``, or ``operator()`` at the
command line): ``write_audited`` runs an ``INSERT/UPDATE ... RETURNING`` and appends its event.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.http import HttpRequest
from django.utils import timezone

from nervepath.web.accounts.models import AuditAction, AuditEvent
from nervepath.web.client_address import client_address
from nervepath.web.records.columns import column, stored_field
from nervepath.web.records.models import Patient

LISTED = "patient_list"  # the object type of a patient's row in a list
# What ``write_audited`` writes on PostgreSQL, and the two columns it takes from the changed row.
_EVENT_FIELDS = ("at", "user", "username", "action", "patient_id", "object_type", "object_id", "ip")
_FROM_CHANGED_ROW = {"patient_id": "changed.patient_id", "object_id": "changed.id::text"}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change and from where, as the audit log records it."""

    user_id: int | None
    username: str
    ip: str | None


def actor(request: HttpRequest) -> Actor:
    """The signed-in user (or nobody) and the client address of ``request``."""
    user: Any = request.user
    signed_in = user.is_authenticated
    return Actor(
        user_id=user.pk if signed_in else None,
        username=user.get_username() if signed_in else "",
        ip=client_address(request),
    )


def operator() -> Actor:
    """The person at the server's command line: no account, so named by the operating system's user
    name with " (command line)", which no account's user name can contain (no spaces or brackets)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        name = "unknown"
    return Actor(user_id=None, username=f"{name[:130]} (command line)", ip=None)


def audit(request: HttpRequest, action: AuditAction, patient: Patient, obj: models.Model | str) -> AuditEvent:
    """Append one event: who (the signed-in user), read or change, which patient, what object, IP."""
    return log_event(actor(request), action, patient.pk, obj)


def audit_listed(request: HttpRequest, patient_ids: Iterable[int]) -> None:
    """Append one read event per patient shown in a list (the clinic page, ``GET /api/v1/patients``):
    a list row shows who the patient is, so each patient's trail says who saw them listed."""
    who = actor(request)
    AuditEvent.objects.bulk_create(_event(who, AuditAction.read, pk, LISTED) for pk in patient_ids)


def log_event(
    who: Actor,
    action: AuditAction,
    patient_id: int | None,
    obj: models.Model | str,
    *,
    kind: str = "",
    detail: str | None = None,
) -> AuditEvent:
    """Append one event for ``obj`` (a row, or a name such as "diary" for a list) of a patient, or of
    no patient (``None``) for an account that holds no patient's record. ``kind``, when given, is the
    event's object type instead of the row's model name (``trial_override``: a prescribing check
    overridden on that trial, by the event's user); ``detail`` says what the event alone cannot (the
    checks overridden and the reason)."""
    object_type, object_id = _describe(obj)
    event = _event(who, action, patient_id, kind or object_type, object_id)
    event.detail = detail
    event.save(force_insert=True)
    return event


def _event(
    who: Actor, action: AuditAction, patient_id: int | None, object_type: str, object_id: str = ""
) -> AuditEvent:
    return AuditEvent(
        at=timezone.now(),
        user_id=who.user_id,
        username=who.username,
        action=action,
        patient_id=patient_id,
        object_type=object_type,
        object_id=object_id,
        ip=who.ip,
    )


def write_audited(
    model: type[models.Model], sql: str, params: Sequence[Any], who: Actor, action: AuditAction
) -> Any:
    """Run ``sql``, an ``INSERT`` or ``UPDATE`` of one row of ``model`` with ``RETURNING`` of all its
    columns (``model`` has ``id`` and ``patient_id``), and append that row's audit event; returns the row,
    or None (and logs nothing) when the statement changed no row.

    On PostgreSQL the event is written by the same statement (a data-modifying ``WITH``): one
    statement is atomic by itself, and the busiest write of the API saves a round trip to the server.
    SQLite has no data-modifying ``WITH``, so there the event is a second statement: the caller holds
    the transaction that makes both commit or neither.
    """
    if connection.vendor != "postgresql":
        rows: list[Any] = list(model._default_manager.raw(sql, params))  # rows of ``model``, with patient_id
        if not rows:  # the statement changed no row: nothing to log
            return None
        log_event(who, action, rows[0].patient_id, rows[0])
        return rows[0]
    meta = AuditEvent._meta
    quote = connection.ops.quote_name
    event = _event(who, action, None, model._meta.model_name or model.__name__.lower())
    columns, selected, values = [], [], []
    for field in (stored_field(AuditEvent, name) for name in _EVENT_FIELDS):
        columns.append(quote(column(field)))
        if field.name in _FROM_CHANGED_ROW:
            selected.append(_FROM_CHANGED_ROW[field.name])
        else:
            selected.append("%s")
            values.append(field.get_db_prep_save(getattr(event, field.attname), connection))
    # Identifiers come from the models' metadata; every value is a parameter.
    wrapped = (
        f"WITH changed AS ({sql}), logged AS (INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608  # nosec B608
        f"SELECT {', '.join(selected)} FROM changed) SELECT * FROM changed"
    )
    rows = list(model._default_manager.raw(wrapped, [*params, *values]))
    return rows[0] if rows else None


def _describe(obj: models.Model | str) -> tuple[str, str]:
    if isinstance(obj, str):
        return obj, ""
    return obj._meta.model_name or type(obj).__name__.lower(), str(obj.pk)
