"""The words of the data files (drug names, rule reasons, red flags, tests, safety flags) in the
language of the request being answered.

The core writes English; the Spanish lives in ``data/translations/es/*.yaml`` and is looked up here,
at the edge, with the active language (``nervepath.translations.translate``). The core's own
sentences, which may quote these texts, are translated by ``web/pages/sentences.py``.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.drugs import load_drugs
from nervepath.translations import translate

# A drug's dose unit (``Drug.unit`` of data/clinical/drugs.yaml) as people read it.
UNITS = {
    "mg": "mg",
    "mcg_per_h": "mcg/h",
    "plasters": _("plasters"),
    "patches": _("patches"),
    "applications": _("applications"),
    "units": _("units"),
}


def data_text(text: str) -> str:
    """``text`` (English, from a data file) in the active language; English when it has no translation."""
    return translate(text, get_language())


def lower_first(text: str) -> str:
    """``text`` with its first letter in lower case, to follow a colon ("Red flag: progressive ...")."""
    return text[:1].lower() + text[1:]


def drug_name(drug_id: str) -> str:
    """The drug's name in the active language. Every write checks the id against the catalogue, so an
    unknown one comes from an old record: it is said so, never shown as an id."""
    drug = load_drugs().get(drug_id)
    return data_text(drug.name) if drug else str(_("a medicine no longer in the catalogue"))


def unit_words(unit: str) -> str:
    """A dose unit in the active language ("mg", "mcg/h", "apósitos" ...); the catalogue allows no other."""
    return str(UNITS.get(unit, unit))
