"""The table columns behind a model's fields, for the few statements that name columns themselves
(the diary day's upsert, the audited write on PostgreSQL, reading SQLite's unique-constraint error).

Django's metadata also lists relations stored elsewhere (a reverse relation, a many-to-many), which
have no column of their own; these helpers hand back only fields stored in the model's own table.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel


def stored_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """``model``'s field ``name``; FieldDoesNotExist if there is none or it has no column in the table."""
    field = model._meta.get_field(name)
    if isinstance(field, models.Field) and field.concrete:
        return field
    raise FieldDoesNotExist(f"{model._meta.label}.{name} is not stored in a column of its table")


def column(field: models.Field[Any, Any] | ForeignObjectRel) -> str:
    """The name of the column that stores ``field``; FieldDoesNotExist for a relation stored elsewhere."""
    if isinstance(field, models.Field) and field.column is not None:
        return field.column
    raise FieldDoesNotExist(f"{field} is not stored in a column of its model's table")
