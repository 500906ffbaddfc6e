"""Typed access to a form's own copy of one of its fields.

A form whose choices come from data (drugs, instruments, a patient's conditions) sets them on its own
copy of the field when it is made; ``form.fields`` only knows a field as ``forms.Field``.
"""

from __future__ import annotations

from typing import TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """``form``'s field ``name``, which the form declares as a ``kind``; TypeError if it is not one."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def date_input() -> forms.DateInput:
    """A browser date picker. It reads and writes ISO dates (2026-12-02) whatever the page's
    language, so its value is never localised (a Spanish page would write 02/12/2026, which the
    picker refuses and shows as empty)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
