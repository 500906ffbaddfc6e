"""Checks on values coming from a person or a file, each failing with InvalidInput naming the field.

The database enforces the same ranges with CHECK constraints; these checks exist so that the
message says which field and what was expected, and so that nothing is written on bad input.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from nervepath.errors import InvalidInput, UnknownIdentifier

SCORE_EXPECTED = "an integer 0-10"
# The longest free-text note a record keeps outside the diary (whose fields define their own).
NOTE_MAX_LENGTH = 2000
# No record of a living person's health (a birth date included) is older: 0001-01-01 is a typing slip.
EARLIEST = date(1900, 1, 1)
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def today() -> date:
    """Today in the local time zone of the machine (the patient's day for the CLI)."""
    return datetime.now().astimezone().date()


def score(field: str, raw: Any, *, required: bool = False) -> int | None:
    """A 0-10 score from an int or a string; None for an empty optional value."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if required:
            raise InvalidInput(field, raw, SCORE_EXPECTED)
        return None
    value = _as_int(raw)
    if value is None or not 0 <= value <= 10:
        raise InvalidInput(field, raw if value is None else value, SCORE_EXPECTED)
    return value


def _as_int(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    return None


def past_date(field: str, raw: Any, *, on: date | None = None) -> date:
    """An ISO date (``2026-03-01``) from ``EARLIEST`` on that is not in the future."""
    value = iso_date(field, raw)
    limit = on or today()
    if value > limit:
        raise InvalidInput(field, value.isoformat(), f"a date that is not in the future (today is {limit})")
    if value < EARLIEST:
        raise InvalidInput(field, value.isoformat(), f"a date from {EARLIEST} on")
    return value


def iso_date(field: str, raw: Any) -> date:
    """A date from a ``date`` or an ISO 8601 string."""
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidInput(field, raw, "a date as YYYY-MM-DD") from None


def positive_mg(field: str, raw: Any) -> float:
    """A daily dose in mg, finite and greater than zero (``float`` also reads "nan" and "inf")."""
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise InvalidInput(field, raw, "a finite number of mg greater than 0") from None
    if not 0 < value < math.inf:
        raise InvalidInput(field, raw, "a finite number of mg greater than 0")
    return value


def drug(field: str, drug_id: str) -> str:
    """A drug id that nervepath knows (``nervepath.clinical.drugs``)."""
    from nervepath.clinical.drugs import known_drug_ids

    known = set(known_drug_ids())
    if drug_id not in known:
        raise UnknownIdentifier(field, drug_id, sorted(known))
    return drug_id


def choice(field: str, raw: str, allowed: list[str]) -> str:
    """One of ``allowed``."""
    if raw not in allowed:
        raise InvalidInput(field, raw, "one of " + ", ".join(allowed))
    return raw


def text(field: str, raw: Any, *, max_length: int | None = None, required: bool = False) -> str:
    """Free text, stripped; ``max_length`` matches the column it goes into."""
    value = "" if raw is None else str(raw).strip()
    if required and not value:
        raise InvalidInput(field, raw, "a non-empty text")
    if max_length is not None and len(value) > max_length:
        raise InvalidInput(field, value, f"at most {max_length} characters")
    return value


def identifier(field: str, raw: Any, max_length: int) -> str:
    """A snake_case identifier (``follow_up``) of at most ``max_length`` characters."""
    value = text(field, raw, max_length=max_length, required=True)
    if not _IDENTIFIER.match(value):
        raise InvalidInput(field, value, "a snake_case identifier such as follow_up")
    return value
