"""The one exception tree of nervepath.

Every shell (CLI, web forms, API) translates these in exactly one place::

    NervepathError                 base; never raised itself
    ├── InvalidInput               a value supplied by a person or a file is wrong (CLI exit 2, HTTP 400/422)
    │   ├── UnknownIdentifier      an id that nervepath does not know (drug, instrument, item, entry, ...)
    │   └── PrescribingBlocked     a prescribing check blocks a trial, dose or medicine (HTTP 422, CLI exit 2)
    ├── NotFound                   a stored record that does not exist or is not visible (HTTP 404)
    ├── Conflict                   a write that clashes with stored state (HTTP 409)
    └── DataFileError              a curated data file in the package is malformed (a bug in the release)

Messages name the field so that a person can fix the input without reading code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class NervepathError(Exception):
    """Base of every error nervepath raises on purpose."""

    code = "error"


class InvalidInput(NervepathError):
    """A supplied value is wrong: ``field`` names where, ``expected`` says what would be right."""

    code = "invalid_input"

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: got {_show(value)}, expected {expected}")


class UnknownIdentifier(InvalidInput):
    """An identifier that is not one of the known ids of its kind."""

    code = "unknown_identifier"

    def __init__(self, field: str, value: Any, known: list[str] | None = None) -> None:
        hint = "one of: " + ", ".join(sorted(known)[:40]) if known else "a known identifier"
        super().__init__(field, value, hint)
        self.known = sorted(known) if known else []


class PrescribingBlocked(InvalidInput):
    """A trial start, dose change or medicine added that a prescribing check blocks (contracts/case-format.md,
    "Prescribing checks"): ``field`` is ``daily_mg`` (the dose is above the patient's maximum) or ``drug_id``;
    ``checks`` are every check found (``nervepath.clinical.prescribing.Check``), blocking ones first.
    Nothing was written; the same request with an override reason goes through."""

    code = "prescribing_check"

    def __init__(self, field: str, checks: Sequence[Any]) -> None:
        self.checks = list(checks)
        blocking = [c.message for c in self.checks if getattr(c, "severity", "") == "block"]
        expected = "no blocking prescribing check, or an override reason of at least 10 characters"
        super().__init__(field, None, expected)
        self.args = (f"{field}: blocked by a prescribing check: " + " ".join(blocking),)


class NotFound(NervepathError):
    """A stored record that does not exist, or that the user may not see."""

    code = "not_found"

    def __init__(self, what: str, ident: Any) -> None:
        self.what = what
        self.ident = ident
        super().__init__(f"{what} {ident} was not found")


class Conflict(NervepathError):
    """A write that clashes with what is stored (for example an edit of a stale version)."""

    code = "conflict"

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class DataFileError(NervepathError):
    """A curated data file is malformed: which file, which key, what was expected."""

    code = "data_file_error"

    def __init__(self, file: str, key: str, expected: str) -> None:
        self.file = file
        self.key = key
        self.expected = expected
        super().__init__(f"{file}: {key}: expected {expected}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
