"""The reports' own words in the reader's language: fixed phrases, dates and numbers.

The reports are written in English; ``data/translations/<language>/reports.yaml`` holds each phrase
in the other languages, read with :func:`nervepath.translations.translate`. A phrase with values has
named placeholders (``"{drug} {dose} mg/day"``): the phrase is translated first, then filled in, so
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
    """``english`` (a report phrase) in ``language``, its ``{placeholders}`` filled with ``values``.

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


def identifier(value: str | None, language: str) -> str:
    """A small vocabulary id the reports print as words (``side_effects`` -> ``side effects``)."""
    return translate(labels.words(value), language)


# The English reports print some ids as plain words (``vitamin b12``, ``caution``); other languages
# print the catalogue's name for them, translated.


def red_flag(flag_id: str | None, language: str) -> str:
    """A red-flag finding: its id in words in English, the catalogue's name translated otherwise."""
    if english(language):
        return labels.words(flag_id)
    return translate(labels.red_flag_name(flag_id or ""), language)


def workup_test(test_id: str | None, language: str) -> str:
    """A work-up test: its id in words in English, the catalogue's name translated otherwise."""
    if english(language):
        return labels.words(test_id)
    return translate(labels.workup_test_name(test_id or ""), language)


def status(value: str | None, language: str) -> str:
    """An option status: its id in words in English, the status words translated otherwise."""
    if english(language) or value not in set(OptionStatus):
        return identifier(value, language)
    return translate(labels.status_label(OptionStatus(value)), language)


def instrument_name(instrument_id: str, language: str) -> str:
    """A questionnaire's short name in ``language`` (``PHQ-9``), its id when it is not known."""
    try:
        return texts_for(get_instrument(instrument_id), language).short_name
    except UnknownIdentifier:
        return instrument_id


def band(instrument_id: str, band_id: str | None, language: str) -> str:
    """A score band: its id in words in English, the instrument's own band label otherwise."""
    if english(language) or not band_id:
        return labels.words(band_id)
    try:
        inst = get_instrument(instrument_id)
    except UnknownIdentifier:
        return identifier(band_id, language)
    found = band_by_id(inst, band_id)
    if found is None:
        return identifier(band_id, language)
    label = texts_for(inst, language).band(found).label
    return label[:1].lower() + label[1:]
