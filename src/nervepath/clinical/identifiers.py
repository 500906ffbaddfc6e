"""The closed vocabularies of a case: conditions, etiologies, red flags, work-up tests and the names of
drug classes, as data.

Each comes from a file under ``data/clinical/`` and is validated on load, so a typo in a data file fails
with the file and key, and a typo in a case fails naming the field and the known ids. Every record carries
the ``name`` people read; a record without one fails on load.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.clinical.drugs import drug_classes
from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

ID = r"^[a-z][a-z0-9_]*$"
DRUG_CLASSES_FILE = "clinical/drug_classes.yaml"


class Condition(BaseModel):
    """A condition of history or comorbidity; ``lesion_history`` counts for NeuPSIG grading."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    name: str = Field(min_length=2)
    lesion_history: bool = False


class Site(StrEnum):
    peripheral = "peripheral"
    central = "central"
    unknown = "unknown"


class Etiology(BaseModel):
    """A cause of the pain; ``site`` and ``polyneuropathy`` steer topical options and work-up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    name: str = Field(min_length=2)
    site: Site
    polyneuropathy: bool = False


class Test(BaseModel):
    """A work-up test that a rule may suggest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    name: str


class DrugClass(BaseModel):
    """The name of a drug class or group that the drug catalogue uses (``snri``, ``serotonergic``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    name: str = Field(min_length=2)


class _DrugClasses(RootModel[list[DrugClass]]):
    """A data file holding a list of DrugClass."""


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


@cache
def drug_class_names() -> dict[str, str]:
    """The name of every drug class and group the drug catalogue uses, by id.

    Raises: DataFileError when a class or group of ``drugs.yaml`` has no name, or a name is for a class
    no drug has (a typo).
    """
    file = data_dir("clinical", "drug_classes.yaml")
    named = {c.id: c.name for c in load_model(_DrugClasses, file, DRUG_CLASSES_FILE).root}
    used = drug_classes()
    missing, stray = sorted(used - set(named)), sorted(set(named) - used)
    if missing:
        raise DataFileError(DRUG_CLASSES_FILE, missing[0], "a name for every class and group drugs.yaml uses")
    if stray:
        raise DataFileError(DRUG_CLASSES_FILE, stray[0], f"a class or group of drugs.yaml: {sorted(used)}")
    return named
