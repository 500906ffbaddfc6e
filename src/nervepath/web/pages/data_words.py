"""The words of the data files (drug names, rule reasons, red flags, tests, safety flags) in the
language of the request being answered.

The core writes English; the Spanish lives in ``data/translations/es/*.yaml`` and is looked up here,
at the edge, with the active language (``nervepath.translations.translate``). A reason of an
unconfirmed rule reaches the pages with the core's `` (unconfirmed)`` after it: the reason is
translated and the marker said in the page's words.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from nervepath.clinical.drugs import load_drugs
from nervepath.translations import translate

UNCONFIRMED = " (unconfirmed)"  # what nervepath.clinical.options adds to the reason of an unconfirmed rule


def data_text(text: str) -> str:
    """``text`` (English, from a data file) in the active language; English when it has no translation."""
    return translate(text, get_language())


def reason_text(text: str) -> str:
    """A reason the core composed from a data file, in the active language: its ``(unconfirmed)``
    marker translated with the rest."""
    if text.endswith(UNCONFIRMED):
        base = text.removesuffix(UNCONFIRMED)
        return f"{data_text(base)} ({gettext('unconfirmed')})"
    return data_text(text)


def lower_first(text: str) -> str:
    """``text`` with its first letter in lower case, to follow a colon ("Red flag: progressive ...")."""
    return text[:1].lower() + text[1:]


def drug_name(drug_id: str) -> str:
    """The drug's name in the active language (its id when the catalogue does not know it)."""
    drug = load_drugs().get(drug_id)
    return data_text(drug.name) if drug else drug_id
