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
from nervepath.outcomes.response import Response


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


class Term(StrEnum):
    """The small vocabularies of ``data/reports/terms.yaml``."""

    sex = "sexes"
    response = "responses"
    stop_reason = "stop_reasons"
    grade = "grades"
    care_status = "care_statuses"


class Terms(BaseModel):
    """``data/reports/terms.yaml``: stored values without a data file of their own, in words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sexes: dict[str, str]
    responses: Annotated[dict[Response, str], _every(Response)]
    stop_reasons: dict[str, str]
    grades: dict[str, str]
    care_statuses: dict[str, str]


@cache
def terms() -> Terms:
    """The words of every small vocabulary the reports print, loaded once."""
    return load_model(Terms, data_dir("reports", "terms.yaml"), "reports/terms.yaml")


# What a report prints for a stored value its vocabulary does not know (a record written before a
# value was renamed, or imported): the vocabulary's own catch-all word where it has one (an unknown sex
# is "unknown"; a stop reason the list does not have is an "other" reason), else nothing, and the report
# prints its dash. Never the stored value itself: it is an id, not a word.
UNKNOWN_TERM = {Term.sex: "unknown", Term.stop_reason: "other"}


def term(kind: Term, identifier: str | None) -> str:
    """The English words for ``identifier`` in the vocabulary ``kind`` (``side_effects`` -> ``side
    effects``); for an id the vocabulary does not know, its catch-all word, or "" when it has none."""
    known: dict[str, str] = getattr(terms(), kind.value)
    fallback = UNKNOWN_TERM.get(kind)
    return known.get(identifier or "") or (known[fallback] if fallback else "")


# Every write checks a drug id against the catalogue, so an unknown one is a record written before its
# drug left the catalogue: it is named as such, never by its id.
UNLISTED_DRUG = "a medicine no longer in the catalogue"


def drug_name(drug_id: str) -> str:
    """The catalogue name of a drug, or :data:`UNLISTED_DRUG` when the catalogue no longer has it."""
    drug = load_drugs().get(drug_id)
    return drug.name if drug else UNLISTED_DRUG


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
    """The instrument's own words for a score band (DN4 ``likely`` -> ``Neuropathic pain likely``); ""
    for a band the instrument does not have (a score stored before its bands were renamed)."""
    try:
        band = band_by_id(get_instrument(instrument_id), band_id)
    except UnknownIdentifier:
        band = None
    return band.label if band else ""


def workup_test_name(test_id: str) -> str:
    """The catalogue name of a work-up test (``hba1c`` -> ``HbA1c``, ``ecg`` -> ``ECG``).

    Raises: UnknownIdentifier for an id ``data/clinical/tests.yaml`` does not have (the work-up rules
    are checked against it on load, so an assessment never suggests one).
    """
    test = tests().get(test_id)
    if test is None:
        raise UnknownIdentifier("test", test_id, list(tests()))
    return test.name


def red_flag_name(flag_id: str) -> str:
    """The catalogue name of a red-flag finding (``saddle_anesthesia`` -> ``Saddle anesthesia``).

    Raises: UnknownIdentifier for an id ``data/clinical/redflags.yaml`` does not have (a case's
    findings are checked against it, so an assessment never reports one).
    """
    flag = red_flag_catalogue().get(flag_id)
    if flag is None:
        raise UnknownIdentifier("red_flag", flag_id, list(red_flag_catalogue()))
    return flag.name


def flag_meaning(flag: OptionFlag) -> str:
    """What a safety flag asks to watch: ``renal_dose_adjusted`` -> ``maximum dose lowered for ...``."""
    return safety_flags()[flag].meaning


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
