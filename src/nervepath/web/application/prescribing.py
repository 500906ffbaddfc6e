"""The prescribing checks of a trial start, a dose change or a medicine added (contracts/case-format.md,
"Prescribing checks"), the same on every entry point.

A use case that prescribes calls :func:`prescribing_case` *before* it writes (the patient as they are
now; it also locks the patient's row until the transaction ends, so two prescriptions for one patient
are checked one after the other), writes, then calls :func:`checked` with the validated drug and dose:

- a blocking check and no override reason: :class:`~nervepath.errors.PrescribingBlocked` is raised and
  the transaction rolls back, so nothing is written;
- an override reason (at least 10 characters once stripped; shorter is InvalidInput naming
  ``override_reason``): the blocking checks are kept as overridden with the reason;
- warnings are always kept, not overridden.

The use case stores what :func:`checked` returns on its row and audits the override
(``changes.logged``). A patient whose case cannot be built (no age on record) is checked on what needs
no assessment: the label maximum and the drugs of the same class, with a warning that says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from nervepath.clinical.prescribing import (
    MIN_OVERRIDE_REASON,
    Check,
    blocked_field,
    prescribing_checks,
    with_override,
)
from nervepath.errors import InvalidInput, PrescribingBlocked
from nervepath.web.accounts.audit import Actor
from nervepath.web.records.assessment import case_for_patient
from nervepath.web.records.medications import current_medications
from nervepath.web.records.models import Clinician, Patient

REASON_MAX = 2000
"""An override reason is a note: at most as long as the other notes of the record."""


def override_reason(raw: Any) -> str | None:
    """The override reason as stored: stripped, None when not given.

    Raises: InvalidInput (field ``override_reason``) when shorter than 10 characters or over 2,000.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    if len(text) < MIN_OVERRIDE_REASON:
        raise InvalidInput(
            "override_reason", text, f"a reason of at least {MIN_OVERRIDE_REASON} characters for the override"
        )
    if len(text) > REASON_MAX:
        raise InvalidInput("override_reason", text, f"at most {REASON_MAX} characters")
    return text


def lock_patient(patient: Patient) -> None:
    """Lock the patient's row until the transaction ends: prescriptions for one patient are checked one
    after the other, so a duplicate cannot slip between a check and its write (the unique indexes of a
    running trial and a current medicine stay the last guard)."""
    Patient.objects.select_for_update().filter(pk=patient.pk).exists()


def prescribing_case(patient: Patient) -> dict[str, Any]:
    """The patient's ``assess`` case as it stands, with the patient's row locked for the transaction.

    A patient without an age gets a case with ``patient.age`` None (what they take now only), which the
    core checks without assessing.
    """
    lock_patient(patient)
    try:
        return case_for_patient(patient)
    except InvalidInput as exc:
        if exc.field != "age":
            raise
    return {
        "patient": {"age": None},
        "medications": [{"id": m.drug_id, "daily_mg": m.daily_dose} for m in current_medications(patient)],
        "trials": [
            {"drug": t.drug_id, "stopped_because": "ongoing"} for t in patient.trials.filter(stop_date=None)
        ],
    }


def checked(
    case: dict[str, Any],
    drug_id: str,
    daily_mg: float | None,
    reason: str | None,
    *,
    replacing: str | None = None,
) -> list[Check]:
    """The checks to store for ``drug_id`` at ``daily_mg``; raises PrescribingBlocked when a check blocks
    and ``reason`` (from :func:`override_reason`) is None."""
    checks = prescribing_checks(case, drug_id, daily_mg, replacing=replacing)
    if any(c.blocking for c in checks):
        if reason is None:
            raise PrescribingBlocked(blocked_field(checks), checks)
        return with_override(checks, reason)
    return checks


@contextmanager
def restored_on_error(row: models.Model) -> Iterator[None]:
    """Read ``row`` again from the database when the block fails: the write the checks refused was
    rolled back, and the row in memory must not keep it (a trial's bumped version, a stop date)."""
    try:
        yield
    except Exception:
        row.refresh_from_db()
        raise


def stored(checks: list[Check], who: Actor) -> list[dict[str, Any]]:
    """The checks as the records keep them: contract dicts, and on an overridden check ``by``, who
    overrode it (the clinician's name, else the user name), so every report can say it."""
    by = author_name(who)
    return [{**c.to_dict(), "by": by} if c.overridden else c.to_dict() for c in checks]


def author_name(who: Actor) -> str:
    """The clinician's display name of the acting user, else the user name."""
    if who.user_id is not None:
        found = Clinician.objects.filter(user_id=who.user_id).values_list("display_name", flat=True).first()
        if found:
            return str(found)
    return who.username


def overridden(checks: list[Check]) -> bool:
    """True when the clinician went ahead despite a blocking check."""
    return any(c.overridden for c in checks)
