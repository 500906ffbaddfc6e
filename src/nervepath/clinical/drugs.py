"""The drug catalogue: every drug nervepath knows, loaded once from ``data/clinical/drugs.yaml``.

Treatments carry their class, guideline line per etiology, start dose and titration text, usual and
maximum daily dose, adequate-trial length and MME factor, each with sources; co-medications carry
only what safety and work-up rules need (their class).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

DRUGS_FILE = "clinical/drugs.yaml"


class Role(StrEnum):
    treatment = "treatment"
    comedication = "comedication"


class Drug(BaseModel):
    """One drug. Doses are daily amounts in ``unit`` (mg unless stated); None = no source gives it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    drug_class: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    also: list[str] = Field(default_factory=list)
    atc: str | None = Field(default=None, pattern=r"^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$")
    role: Role
    unit: str = "mg"
    lines: dict[str, int | None] = Field(default_factory=dict)
    peripheral_only: bool = False
    not_recommended: bool = False
    why_not_recommended: str | None = Field(default=None, min_length=10)
    start: str | None = None
    titration: str | None = None
    usual_daily: str | None = None
    effective_min_daily_mg: float | None = Field(default=None, gt=0)
    max_daily_mg: float | None = Field(default=None, gt=0)
    adequate_trial_weeks: int | None = Field(default=None, gt=0)
    weeks_at_max_for_adequate: int | None = Field(default=None, gt=0)
    mme_factor: float | None = Field(default=None, gt=0)
    confirmed: bool = True
    note: str | None = None  # internal: how the values were seen; never shown to people
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _says_why_not_recommended(self) -> Drug:
        if self.not_recommended != (self.why_not_recommended is not None):
            raise ValueError("`why_not_recommended` (what people read) goes with `not_recommended: true`")
        return self

    @property
    def classes(self) -> frozenset[str]:
        """The drug's class and every other group a rule may name it by (``also``: e.g. a strong
        CYP2D6 inhibitor, a serotonergic drug)."""
        return frozenset([self.drug_class, *self.also])

    def line_for(self, etiology: str | None) -> int | None:
        """The guideline line for ``etiology`` (the ``default`` entry when it is not listed)."""
        if etiology is not None and etiology in self.lines:
            return self.lines[etiology]
        return self.lines.get("default")


class DrugFile(RootModel[list[Drug]]):
    """A data file holding a list of Drug."""


@cache
def load_drugs() -> dict[str, Drug]:
    """Every known drug by id, in file order.

    Returns: a dict id -> :class:`Drug`, loaded and validated once.
    Raises: DataFileError when the file is malformed or an id repeats.
    """
    drugs: dict[str, Drug] = {}
    for index, drug in enumerate(load_model(DrugFile, data_dir("clinical", "drugs.yaml"), DRUGS_FILE).root):
        if drug.id in drugs:
            raise DataFileError(DRUGS_FILE, f"{index}.id", f"a unique drug id ({drug.id!r} is repeated)")
        drugs[drug.id] = drug
    return drugs


@cache
def known_drug_ids() -> frozenset[str]:
    """Every drug id nervepath accepts (treatments and co-medications)."""
    return frozenset(load_drugs())


def treatments() -> list[Drug]:
    """The drugs that are treatment options for neuropathic pain, in catalogue order."""
    return [d for d in load_drugs().values() if d.role is Role.treatment]


def drug_classes() -> frozenset[str]:
    """Every drug class named in the catalogue (rules may name a class instead of a drug)."""
    return frozenset(c for d in load_drugs().values() for c in d.classes)
