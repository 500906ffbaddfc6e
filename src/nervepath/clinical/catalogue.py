"""Option data besides drugs: non-drug and interventional options, and per-etiology drug preferences."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from nervepath.datafiles import data_dir, load_model


class Kind(StrEnum):
    drug = "drug"
    nondrug = "nondrug"
    interventional = "interventional"


class Gate(BaseModel):
    """What must be true before an interventional option is suggested (besides failed first line)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    duration_months_gte: float | None = None
    nrs_gte: int | None = None


class NonDrug(BaseModel):
    """A non-drug or interventional option."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    kind: Kind
    gate: Gate | None = None
    why: str
    sources: list[str] = Field(min_length=1)


class Preference(BaseModel):
    """Drugs a guideline names as the first choice in one situation.

    A situation is an etiology, or (without one) localized peripheral pain from a given age on.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    etiology: str | None = None
    localized_peripheral: bool = False
    age_gte: int | None = Field(default=None, ge=18, le=120)
    first: list[str] = Field(min_length=1)
    why: str
    sources: list[str] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _one_situation(self) -> Preference:
        if (self.etiology is None) == (not self.localized_peripheral):
            raise ValueError("exactly one situation: an etiology, or localized_peripheral: true")
        return self


class _NonDrugs(RootModel[list[NonDrug]]):
    """A data file holding a list of NonDrug."""


class _Preferences(RootModel[list[Preference]]):
    """A data file holding a list of Preference."""


@cache
def nondrug_options() -> tuple[NonDrug, ...]:
    """Every non-drug and interventional option, in file order."""
    return tuple(load_model(_NonDrugs, data_dir("clinical", "nondrug.yaml"), "clinical/nondrug.yaml").root)


@cache
def preferences() -> tuple[Preference, ...]:
    """Guideline first choices, in the order they are tried: etiology-specific ones first."""
    file = data_dir("clinical", "preferences.yaml")
    return tuple(load_model(_Preferences, file, "clinical/preferences.yaml").root)
