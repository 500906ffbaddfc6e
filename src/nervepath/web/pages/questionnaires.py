"""Asking a questionnaire one item at a time and storing the scored result.

Scoring is the core's (``nervepath.instruments.score``); this module only turns form values into
the answer shapes the engine reads and keeps the answers given so far in the session.
"""

from __future__ import annotations

from nervepath.instruments import Instrument, get_instrument
from nervepath.instruments.models import AnswerKind, Item

# Instruments that need an examination by a clinician are not offered for self-completion.
_CLINICIAN_ONLY = "clinician"


def self_report_instruments() -> list[Instrument]:
    """Instruments a patient can complete alone, by the ``administration`` of their data file."""
    from nervepath.instruments import instrument_ids

    found = [get_instrument(i) for i in instrument_ids()]
    return [inst for inst in found if not inst.administration.startswith(_CLINICIAN_ONLY)]


def choices_for(inst: Instrument, item: Item) -> list[tuple[str, str]]:
    """Form choices of one item: the raw value as the key, the data file's label as the text."""
    return [(str(o.value), o.label) for o in inst.answer_set(item).options_for_display()]


def engine_answer(inst: Instrument, item: Item, raw: str) -> bool | int:
    """A form value in the shape the scoring engine reads: booleans for yes/no, integers otherwise."""
    value = int(raw)
    return bool(value) if inst.answer_set(item).kind is AnswerKind.yes_no else value
