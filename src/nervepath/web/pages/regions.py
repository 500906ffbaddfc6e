"""The body regions of the diary ("where did it hurt"), read from ``data/clinical/body_regions.yaml``."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

FILE = "clinical/body_regions.yaml"


class BodyRegion(BaseModel):
    """One region: a stable id (stored with the diary day) and its English label."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)


class _Regions(RootModel[list[BodyRegion]]):
    """A data file holding a list of BodyRegion."""


@cache
def body_regions() -> tuple[BodyRegion, ...]:
    """Every region in the file's order; DataFileError on a malformed file or a repeated id."""
    regions = load_model(_Regions, data_dir("clinical", "body_regions.yaml"), FILE).root
    return checked_regions(regions)


def checked_regions(regions: list[BodyRegion]) -> tuple[BodyRegion, ...]:
    """The regions unchanged, or DataFileError naming the first repeated id."""
    seen: set[str] = set()
    for index, region in enumerate(regions):
        if region.id in seen:
            raise DataFileError(FILE, f"{index}.id", f"a unique region id ({region.id!r} is repeated)")
        seen.add(region.id)
    return tuple(regions)
