"""Words for identifiers and numbers, shared by both reports (the data files hold the names)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.identifiers import tests
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.rulebook import safety_flags
from nervepath.clinical.rules import Severity
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.datafiles import data_dir, load_model
from nervepath.errors import UnknownIdentifier
from nervepath.instruments.scoring import band_by_id, get_instrument


def _every(vocabulary: type[StrEnum]) -> AfterValidator:
    """Words for every member of ``vocabulary``: a file that misses one fails on load, naming it."""

    def check(words: dict[Any, str]) -> dict[Any, str]:
        missing = [member.value for member in vocabulary if member not in words]
        if missing:
            raise ValueError(f"words for every {vocabulary.__name__} (missing: {', '.join(missing)})")
        return words

    return AfterValidator(check)


class Statuses(BaseModel):
    """``data/reports/statuses.yaml``: every option status and rule severity in words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    statuses: Annotated[dict[OptionStatus, str], _every(OptionStatus)]
    severities: Annotated[dict[Severity, str], _every(Severity)]


@cache
def status_words() -> Statuses:
    """The words for every option status and rule severity, loaded once."""
    return load_model(Statuses, data_dir("reports", "statuses.yaml"), "reports/statuses.yaml")


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


def status_label(status: OptionStatus) -> str:
    """``tried_ineffective`` -> ``Tried: not effective`` (the words of the clinic page)."""
    return status_words().statuses[status]


def severity_label(severity: Severity) -> str:
    """A rule severity in words: ``adjust`` -> ``Dose limit``."""
    return status_words().severities[severity]


def band_label(instrument_id: str, band_id: str | None) -> str:
    """The instrument's own words for a score band (DN4 ``likely`` -> ``Neuropathic pain likely``)."""
    try:
        band = band_by_id(get_instrument(instrument_id), band_id)
    except UnknownIdentifier:
        band = None
    return band.label if band else words(band_id)


def workup_test_name(test_id: str) -> str:
    """The catalogue name of a work-up test (``hba1c`` -> ``HbA1c``)."""
    test = tests().get(test_id)
    return test.name if test else words(test_id)


def red_flag_name(flag_id: str) -> str:
    """The catalogue name of a red-flag finding."""
    flag = red_flag_catalogue().get(flag_id)
    return flag.name if flag else words(flag_id)


def flag_meaning(flag: OptionFlag) -> str:
    """What a safety flag asks to watch: ``renal_dose_adjusted`` -> ``maximum dose lowered for ...``."""
    return safety_flags()[flag].meaning


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
