"""The step every use case ends with: the change's audit event, inside the change's transaction."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from nervepath.web.accounts.audit import Actor, log_event
from nervepath.web.accounts.models import AuditAction

Changed = TypeVar("Changed", bound=models.Model)


def logged(who: Actor, patient_id: int, obj: Changed) -> Changed:
    """Append the change event of ``obj`` (a row of patient ``patient_id``) and return ``obj``."""
    log_event(who, AuditAction.change, patient_id, obj)
    return obj
