"""The reports' own words in the reader's language: fixed phrases, dates and numbers.

The reports are written in English; ``data/translations/<language>/reports.yaml`` holds each phrase
in the other languages, read with :func:`nervepath.translations.translate`. A phrase with values names
them in braces (``"{drug} {dose} mg/day"``): the phrase is translated first, then filled in, so
a translation can put the values where its grammar wants them. English output is the English phrase,
unchanged; a phrase without a translation comes back in English (the completeness test names it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from nervepath.clinical.statuses import OptionStatus
from nervepath.errors import UnknownIdentifier
from nervepath.instruments.scoring import band_by_id, get_instrument
from nervepath.instruments.texts import texts_for
from nervepath.reports import labels
from nervepath.translations import base_language, translate

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def say(english: str, language: str, **values: object) -> str:
    """``english`` (a report phrase) in ``language``, its ``{named}`` fields filled with ``values``.

    Spaces around the phrase (``" (started {date})"``) are kept and not part of the catalogue's key.
    """
    core = english.strip()
    text = english.replace(core, translate(core, language), 1) if core else english
    return text.format(**values) if values else text


def english(language: str) -> bool:
    return base_language(language) == "en"


def day(value: date | None, language: str) -> str:
    """A date for print: ``2026-12-02`` in English, ``2 de diciembre de 2026`` in Spanish; ``–`` unknown."""
    if value is None or english(language):
        return labels.day(value)
    month = translate(MONTHS[value.month - 1], language)
    return say("{day} {month} {year}", language, day=value.day, month=month, year=value.year)


def decimal(text: str, language: str) -> str:
    """A number already written with a decimal point, with the language's decimal sign (``11,9``)."""
    return text if english(language) else text.replace(".", ",")


def number(value: float | None, language: str, digits: int = 1) -> str:
    """:func:`labels.number` with the language's decimal sign."""
    return decimal(labels.number(value, digits), language)


def amount(value: float | None, language: str) -> str:
    """:func:`labels.amount` (a dose without trailing zeros) with the language's decimal sign."""
    return decimal(labels.amount(value), language)


Sentences = Callable[[str], str]
_SENTENCES: ContextVar[Sentences | None] = ContextVar("report_sentences", default=None)


@contextmanager
def composed_sentences(translator: Sentences | None) -> Iterator[None]:
    """Within the block, :func:`data` words texts through ``translator``: a shell that can put the
    clinical core's composed sentences ("Kidney function (CrCl 47 mL/min): ...") in the reader's
    language passes it (the web's ``sentences.sentence_text``). Without one, data texts only."""
    token = _SENTENCES.set(translator)
    try:
        yield
    finally:
        _SENTENCES.reset(token)


def unit(value: str | None, language: str) -> str:
    """A dose unit as people read it: ``mg``, ``mcg/h`` (stored ``mcg_per_h``), ``plasters``; in
    words in another language (``apósitos``)."""
    shown = (value or "").replace("_per_", "/")
    return shown if english(language) else translate(shown, language)


def dose_rate(value: str | None, language: str) -> str:
    """What a trial's dose is measured in: ``mg/day`` (``mg/día``); a unit that is a rate already
    (``mcg/h``, a patch) as it is, never ``mcg/h/day``."""
    shown = unit(value, language)
    return shown if "/" in shown else say("{unit}/day", language, unit=shown)


def data(text: str | None, language: str) -> str:
    """A text from a data file (a drug's name, a rule's reason ...) or a sentence the clinical core
    composed, in ``language``; English when there is no translation."""
    translator = _SENTENCES.get()
    if not text or english(language) or translator is None:
        return translate(text or "", language)
    return translator(text)


def drug_name(drug_id: str, language: str) -> str:
    """The catalogue name of a drug in ``language``."""
    return translate(labels.drug_name(drug_id), language)


def term(kind: labels.Term, value: str | None, language: str) -> str:
    """A stored value of a small vocabulary (a sex, a trial's response or stop reason, a NeuPSIG
    grade, a care plan status) in words in ``language``: ``side_effects`` -> ``side effects``.
    "" for an unknown value of a vocabulary without a catch-all word (see :data:`labels.UNKNOWN_TERM`)."""
    return translate(labels.term(kind, value), language)


def red_flag(flag_id: str, language: str) -> str:
    """A red-flag finding by its catalogue name (``Saddle anesthesia``), in ``language``.

    Raises: UnknownIdentifier for an id the catalogue does not have.
    """
    return translate(labels.red_flag_name(flag_id), language)


def workup_test(test_id: str, language: str) -> str:
    """A work-up test by its catalogue name (``ecg`` -> ``ECG``), in ``language``.

    Raises: UnknownIdentifier for an id the catalogue does not have.
    """
    return translate(labels.workup_test_name(test_id), language)


def status(value: str | None, language: str) -> str:
    """An option status in the status words (``tried_ineffective`` -> ``Tried: not effective``), in
    ``language``; "" for a value that is not an option status (an assessment stored before a rename)."""
    if value not in set(OptionStatus):
        return ""
    return translate(labels.status_label(OptionStatus(value)), language)


def instrument_name(instrument_id: str, language: str) -> str:
    """A questionnaire's short name in ``language`` (``PHQ-9``), its id when it is not known."""
    try:
        return texts_for(get_instrument(instrument_id), language).short_name
    except UnknownIdentifier:
        return instrument_id


def band(instrument_id: str, band_id: str | None, language: str) -> str:
    """A score band in the instrument's own label, in ``language``, lower-case first (DN4 ``likely``
    -> ``neuropathic pain likely``); "" for a band the instrument does not have (a score stored
    before its bands were renamed)."""
    try:
        inst = get_instrument(instrument_id)
    except UnknownIdentifier:
        return ""
    found = band_by_id(inst, band_id) if band_id else None
    if found is None:
        return ""
    label = texts_for(inst, language).band(found).label
    return label[:1].lower() + label[1:]
