"""Asking a questionnaire one item at a time and storing the scored result.

Scoring is the core's (``nervepath.instruments.score``); this module only turns form values into
the answer shapes the engine reads, and gives each text in the page's language
(``nervepath.instruments.texts``): the instrument's wording from a validated translation, or the
original English marked as such; yes/no answers are the application's own buttons and always
follow the page.
"""

from __future__ import annotations

from django.utils.translation import get_language, pgettext

from nervepath.instruments import Instrument, get_instrument
from nervepath.instruments.models import AnswerKind, Item
from nervepath.instruments.texts import InstrumentTexts, texts_for

# Instruments that need an examination by a clinician are not offered for self-completion.
_CLINICIAN_ONLY = "clinician"


def self_report_instruments() -> list[Instrument]:
    """Instruments a patient can complete alone, by the ``administration`` of their data file."""
    from nervepath.instruments import instrument_ids

    found = [get_instrument(i) for i in instrument_ids()]
    return [inst for inst in found if not inst.administration.startswith(_CLINICIAN_ONLY)]


def texts(inst: Instrument) -> InstrumentTexts:
    """The texts of ``inst`` in the language of the current request."""
    return texts_for(inst, get_language())


def choices_for(inst: Instrument, item: Item) -> list[tuple[str, str]]:
    """Form choices of one item: the raw value as the key, its label in the page's language."""
    if inst.answer_set(item).kind is AnswerKind.yes_no:
        return [("1", pgettext("answer", "Yes")), ("0", pgettext("answer", "No"))]
    shown = texts(inst)
    return [(str(o.value), shown.option_label(item, o)) for o in inst.answer_set(item).options_for_display()]


def answers_in_english(inst: Instrument, item: Item) -> bool:
    """Whether the answer labels of ``item`` are shown in English on a page in another language."""
    return texts(inst).original_wording and inst.answer_set(item).kind is not AnswerKind.yes_no


def engine_answer(inst: Instrument, item: Item, raw: str) -> bool | int:
    """A form value in the shape the scoring engine reads: booleans for yes/no, integers otherwise."""
    value = int(raw)
    return bool(value) if inst.answer_set(item).kind is AnswerKind.yes_no else value
