"""The names people read for the ids of the closed vocabularies that have no other name: conditions,
causes of pain (etiologies) and drug classes.

The names live next to the ids in ``data/clinical/{conditions,etiologies,drug_classes}.yaml`` (a record
without one fails on load); their Spanish is in ``data/translations/es/labels.yaml``. Every page, report
and CLI output that shows one of these ids calls ``label`` (or ``name`` for the English of the data
file): no surface turns an id into words by itself.

>>> label(Vocabulary.condition, "copd", "en")
'COPD (chronic obstructive pulmonary disease)'
>>> label(Vocabulary.drug_class, "snri", "es")
'Antidepresivo IRSN'
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from nervepath.clinical.identifiers import conditions, drug_class_names, etiologies
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.errors import UnknownIdentifier
from nervepath.translations import translate


class Vocabulary(StrEnum):
    condition = "condition"
    etiology = "etiology"
    drug_class = "drug_class"


def names(kind: Vocabulary) -> Mapping[str, str]:
    """Every id of the vocabulary ``kind`` with its English name, in the data file's order."""
    if kind is Vocabulary.condition:
        return {c.id: c.name for c in conditions().values()}
    if kind is Vocabulary.etiology:
        return {e.id: e.name for e in etiologies().values()}
    return drug_class_names()


def name(kind: Vocabulary, identifier: str) -> str:
    """The English name of ``identifier`` in the vocabulary ``kind``.

    Raises: UnknownIdentifier for an id the vocabulary does not have.
    """
    known = names(kind)
    if identifier not in known:
        raise UnknownIdentifier(kind.value, identifier, list(known))
    return known[identifier]


def label(kind: Vocabulary, identifier: str, language: str | None) -> str:
    """The name of ``identifier`` in ``language`` (English without a translation).

    Raises: UnknownIdentifier for an id the vocabulary does not have.
    """
    return translate(name(kind, identifier), language)


def recorded_condition(identifier: str, language: str | None) -> str:
    """The name of a recorded condition row in ``language``: a condition, or a red-flag finding (rows
    written before red-flag findings moved to the clinical situation hold those ids).

    Raises: UnknownIdentifier for an id that is neither.
    """
    flag = red_flag_catalogue().get(identifier)
    if flag is not None and identifier not in conditions():
        return translate(flag.name, language)
    return label(Vocabulary.condition, identifier, language)
