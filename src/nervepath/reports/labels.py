"""Words for identifiers and numbers, shared by both reports (the data files hold the names)."""

from __future__ import annotations

from datetime import date

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.rulebook import safety_flags
from nervepath.errors import UnknownIdentifier
from nervepath.instruments.scoring import get_instrument


def drug_name(drug_id: str) -> str:
    """The catalogue name of a drug, or its id when the catalogue does not know it."""
    drug = load_drugs().get(drug_id)
    return drug.name if drug else drug_id.replace("_", " ")


def drug_unit(drug_id: str) -> str:
    drug = load_drugs().get(drug_id)
    return drug.unit if drug else "mg"


def instrument_name(instrument_id: str) -> str:
    """The short name of a questionnaire (PHQ-9), or its id when it is not a known instrument."""
    try:
        return get_instrument(instrument_id).short_name
    except UnknownIdentifier:
        return instrument_id


def flag_meaning(flag_id: str) -> str:
    flag = safety_flags().get(flag_id)
    return flag.meaning if flag else flag_id.replace("_", " ")


def words(identifier: str | None) -> str:
    """``tried_ineffective`` -> ``tried ineffective``."""
    return (identifier or "").replace("_", " ")


def number(value: float | None, digits: int = 1) -> str:
    """A figure for print: one decimal by default, an en dash when unknown."""
    return "–" if value is None else f"{value:.{digits}f}"


def amount(value: float | None) -> str:
    """A dose without trailing zeros: 300.0 -> 300, 168.75 -> 168.75."""
    return "–" if value is None else f"{value:g}"


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def age_on(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
