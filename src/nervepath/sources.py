"""The registry of sources (guidelines, papers, drug labels, the seed article) that every
clinical statement in nervepath cites by id.

Sources live in ``data/sources/*.yaml`` (one list per file, split by area so that
several people can add sources without editing the same file). Ids are unique across files.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import load_model, yaml_files
from nervepath.errors import DataFileError, UnknownIdentifier

SOURCE_ID = r"^[a-z][a-z0-9_]*$"


class SourceKind(StrEnum):
    guideline = "guideline"
    paper = "paper"
    review = "review"
    label = "label"
    article = "article"
    website = "website"
    terminology = "terminology"
    book = "book"


class Source(BaseModel):
    """One citable source. ``citation`` is a short reference a clinician can look up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SOURCE_ID)
    kind: SourceKind
    citation: str = Field(min_length=10)
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = None
    note: str | None = None


class SourceFile(RootModel[list[Source]]):
    """A data file holding a list of Source."""


@cache
def all_sources() -> dict[str, Source]:
    """Every source by id; raises DataFileError on a malformed file or a duplicate id."""
    found: dict[str, Source] = {}
    for file in yaml_files("sources"):
        label = f"sources/{file.name}"
        for index, source in enumerate(load_model(SourceFile, file, label).root):
            if source.id in found:
                raise DataFileError(label, f"{index}.id", f"a unique source id ({source.id!r} is repeated)")
            found[source.id] = source
    return found


def get_source(source_id: str) -> Source:
    """One source by id; raises UnknownIdentifier for an id not in the registry."""
    sources = all_sources()
    if source_id not in sources:
        raise UnknownIdentifier("source", source_id, list(sources))
    return sources[source_id]
