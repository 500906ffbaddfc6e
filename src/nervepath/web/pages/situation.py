"""The situation form <-> the records services: initial values, and one all-or-nothing save.

Birth date and sex are the patient's own fields; everything else is the ClinicalSituation row
(``web/records/situation.py``). Both are written in one transaction, so an error in either leaves
both unchanged. A service error names a case path (``patient.weight_kg``, ``pain.etiology``); it is
shown next to the form field of that path.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from nervepath.errors import Conflict, InvalidInput
from nervepath.web.accounts.audit import Actor
from nervepath.web.application.situation import (
    SITUATION_FIELDS,
    Demographics,
    get_situation,
    set_situation,
    situation_values,
)
from nervepath.web.pages.prescribing import service_message
from nervepath.web.records.models import ClinicalSituation, Patient

_FIELD_OF_PATH = {path: name for name, path in SITUATION_FIELDS.items()}
_INDEX = re.compile(r"\[\d+\]$")


def situation_initial(patient: Patient) -> dict[str, Any]:
    """The stored values, as the form's initial data."""
    row = get_situation(patient)
    initial = {name: value for name, value in situation_values(row).items() if value is not None}
    initial.update(birth_date=patient.birth_date, sex=patient.sex, version=row.version if row else None)
    return initial


def save_situation(form: forms.Form, who: Actor, patient: Patient) -> ClinicalSituation | None:
    """Save a valid form as ``who``; on a service error add it to the form, roll back and return None."""
    data = form.cleaned_data
    changes = {name: _empty(data[name]) for name in SITUATION_FIELDS if name in form.fields}
    changes["age"] = None if data["birth_date"] else data["age"]
    demographics = Demographics(data["birth_date"], data["sex"])
    try:
        return set_situation(who, patient, changes, data["version"], demographics)
    except (InvalidInput, Conflict) as exc:
        patient.refresh_from_db()
        form.add_error(_form_field(form, exc.field), service_message(exc))
        return None


def _empty(value: Any) -> Any:
    # A blank choice is "not known" (None); False and 0 are answers and are kept as given.
    return None if value in ("", None) else value


def _form_field(form: forms.Form, path: str) -> str | None:
    bare = _INDEX.sub("", path)
    name = _FIELD_OF_PATH.get(bare, bare)
    if name == "age" and form.cleaned_data.get("birth_date"):
        name = "birth_date"
    return name if name in form.fields and name != "version" else None
