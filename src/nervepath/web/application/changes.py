"""The step every use case ends with: the change's audit event, inside the change's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models

from nervepath.clinical.prescribing import Check
from nervepath.web.accounts.audit import Actor, log_event
from nervepath.web.accounts.models import AuditAction

Changed = TypeVar("Changed", bound=models.Model)


def logged(who: Actor, patient_id: int, obj: Changed, checks: Sequence[Check] = ()) -> Changed:
    """Append the change event of ``obj`` (a row of patient ``patient_id``) and return ``obj``.

    When ``checks`` hold an overridden prescribing check, a second event records the override: object
    type ``<model>_override`` (``trial_override``, ``medication_override``), the row's id, its author
    (the event's user), and in ``detail`` the checks overridden and the reason.
    """
    log_event(who, AuditAction.change, patient_id, obj)
    overridden = [c for c in checks if c.overridden]
    if overridden:
        rules = ", ".join(c.rule for c in overridden)
        detail = f"Overridden: {rules}. Reason: {overridden[0].reason}"
        log_event(
            who, AuditAction.change, patient_id, obj, kind=f"{obj._meta.model_name}_override", detail=detail
        )
    return obj
