"""The closed vocabularies of a case: conditions, etiologies, red flags and work-up tests, as data.

Each comes from a file under ``data/clinical/`` and is validated on load, so a typo in a data file fails
with the file and key, and a typo in a case fails naming the field and the known ids.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import data_dir, load_model

ID = r"^[a-z][a-z0-9_]*$"


class Condition(BaseModel):
    """A condition of history or comorbidity; ``lesion_history`` counts for NeuPSIG grading."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    lesion_history: bool = False


class Site(StrEnum):
    peripheral = "peripheral"
    central = "central"
    unknown = "unknown"


class Etiology(BaseModel):
    """A cause of the pain; ``site`` and ``polyneuropathy`` steer topical options and work-up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    site: Site
    polyneuropathy: bool = False


class Test(BaseModel):
    """A work-up test that a rule may suggest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    name: str


class _Tests(RootModel[list[Test]]):
    """A data file holding a list of Test."""


class _Conditions(RootModel[list[Condition]]):
    """A data file holding a list of Condition."""


class _Etiologies(RootModel[list[Etiology]]):
    """A data file holding a list of Etiology."""


@cache
def conditions() -> dict[str, Condition]:
    """Every known condition by id."""
    file = data_dir("clinical", "conditions.yaml")
    return {c.id: c for c in load_model(_Conditions, file, "clinical/conditions.yaml").root}


@cache
def etiologies() -> dict[str, Etiology]:
    """Every known etiology by id."""
    file = data_dir("clinical", "etiologies.yaml")
    return {e.id: e for e in load_model(_Etiologies, file, "clinical/etiologies.yaml").root}


@cache
def tests() -> dict[str, Test]:
    """Every known work-up test by id."""
    return {
        t.id: t for t in load_model(_Tests, data_dir("clinical", "tests.yaml"), "clinical/tests.yaml").root
    }
