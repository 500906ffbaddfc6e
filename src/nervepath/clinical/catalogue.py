"""Option data besides drugs: non-drug and interventional options, and per-etiology drug preferences."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from nervepath.clinical.identifiers import etiologies
from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

NONDRUG_FILE = "clinical/nondrug.yaml"


class Kind(StrEnum):
    drug = "drug"
    nondrug = "nondrug"
    interventional = "interventional"


class Gate(BaseModel):
    """What must be true before an interventional option is suggested (besides failed first line).

    ``etiologies`` are the causes of pain the option's evidence covers (``None``: any cause). Outside
    them the option is ``not_recommended`` with the plain reason ``outside``; with the cause not yet
    known (``unknown`` or not given, unless ``unknown`` is listed) it is ``not_yet``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    duration_months_gte: float | None = None
    nrs_gte: int | None = None
    etiologies: list[str] | None = Field(default=None, min_length=1)
    outside: str | None = Field(default=None, min_length=10)
    note: str | None = None

    @model_validator(mode="after")
    def _outside_with_etiologies(self) -> Gate:
        if (self.etiologies is None) != (self.outside is None):
            raise ValueError("`etiologies` and `outside` (the plain reason outside them) go together")
        return self


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
    """Every non-drug and interventional option, in file order; raises DataFileError for an unknown
    etiology in a gate."""
    items = load_model(_NonDrugs, data_dir("clinical", "nondrug.yaml"), NONDRUG_FILE).root
    known = etiologies()
    for index, item in enumerate(items):
        for etiology in (item.gate.etiologies or []) if item.gate else []:
            if etiology not in known:
                raise DataFileError(
                    NONDRUG_FILE, f"{index}.gate.etiologies", f"a known etiology ({etiology!r} is unknown)"
                )
    return tuple(items)


@cache
def preferences() -> tuple[Preference, ...]:
    """Guideline first choices, in the order they are tried: etiology-specific ones first."""
    file = data_dir("clinical", "preferences.yaml")
    return tuple(load_model(_Preferences, file, "clinical/preferences.yaml").root)
