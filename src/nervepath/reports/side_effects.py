"""What to watch for and when to call, per drug or drug class, from ``data/reports/side_effects.yaml``."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.clinical.drugs import drug_classes, known_drug_ids, load_drugs
from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

SIDE_EFFECTS_FILE = "reports/side_effects.yaml"


class AdviceKind(StrEnum):
    watch = "watch"
    call = "call"


class Advice(BaseModel):
    """One sourced piece of advice for people taking the drugs or classes in ``applies_to``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    applies_to: list[str] = Field(min_length=1)
    kind: AdviceKind
    text: str = Field(min_length=10)
    confirmed: bool = True
    sources: list[str] = Field(min_length=1)


class _AdviceFile(RootModel[list[Advice]]):
    """A data file holding a list of Advice."""


@cache
def side_effect_advice() -> tuple[Advice, ...]:
    """Every entry of the file; raises DataFileError for a drug or class the catalogue does not know."""
    entries = load_model(_AdviceFile, data_dir("reports", "side_effects.yaml"), SIDE_EFFECTS_FILE).root
    known = known_drug_ids() | drug_classes()
    for index, entry in enumerate(entries):
        unknown = sorted(set(entry.applies_to) - known)
        if unknown:
            raise DataFileError(
                SIDE_EFFECTS_FILE, f"{index}.applies_to", f"known drug ids or classes, not {unknown}"
            )
    return tuple(entries)


def advice_for(drug_id: str) -> list[Advice]:
    """The advice that applies to ``drug_id`` (by its id or its class), in file order.

    Takes: a drug id (unknown ids get no advice). Returns: a list of Advice.
    Source: each entry's ``sources`` (labels, FDA 2019, Beers 2023, CDC 2016).
    """
    drug = load_drugs().get(drug_id)
    keys = {drug_id} | ({drug.drug_class} if drug else set())
    return [entry for entry in side_effect_advice() if keys & set(entry.applies_to)]
