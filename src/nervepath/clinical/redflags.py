"""Red-flag findings: what each may mean, how urgent it is, and whether the patient needs same-day referral.

The catalogue is data (``data/clinical/redflags.yaml``); this module only looks findings up.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import data_dir, load_model


class Urgency(StrEnum):
    same_day = "same_day"
    urgent = "urgent"


class RedFlag(BaseModel):
    """One red-flag finding and the action it calls for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    may_mean: str
    urgency: Urgency
    action: str
    confirmed: bool = True
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    def to_dict(self) -> dict[str, Any]:
        """The contract shape of one entry of ``red_flags`` (the name is for people, not the JSON)."""
        return self.model_dump(mode="json", exclude_none=True, exclude={"name"})


class _RedFlags(RootModel[list[RedFlag]]):
    """A data file holding a list of RedFlag."""


@cache
def red_flag_catalogue() -> dict[str, RedFlag]:
    """Every known red-flag finding by id."""
    file = data_dir("clinical", "redflags.yaml")
    return {f.id: f for f in load_model(_RedFlags, file, "clinical/redflags.yaml").root}


def red_flags_for(findings: Iterable[str]) -> list[RedFlag]:
    """The red flags of the given finding ids, same-day ones first.

    Takes: finding ids already validated against the catalogue.
    Returns: the catalogue entries, most urgent first (input order otherwise).
    Source: NICE CKS sciatica (cauda equina), MSD Manual / StatPearls (Guillain-Barre); see the data file.
    """
    catalogue = red_flag_catalogue()
    found = [catalogue[f] for f in dict.fromkeys(findings)]
    return sorted(found, key=lambda f: f.urgency is not Urgency.same_day)


def needs_urgent_referral(flags: Iterable[RedFlag]) -> bool:
    """True when any red flag needs same-day assessment."""
    return any(f.urgency is Urgency.same_day for f in flags)
