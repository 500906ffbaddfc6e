"""The registry of sources (guidelines, papers, drug labels, patient articles) that every
clinical statement in nervepath cites by id.

Sources live in ``data/sources/*.yaml`` (one list per file, split by area so that
several people can add sources without editing the same file). Ids are unique across files.

A source is stored in parts (authors, title, year, where to find it) and shown to people only as
``Source.cited()``, the one citation format of every page, report and CLI output. ``note`` holds how the
project saw the source (provenance, caveats); it stays in the data files and is never shown.
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
    """One citable source, in the parts a reader needs to look it up.

    ``authors`` are the people (``Finnerup NB et al.``) or, for a label, website or agency text, the
    organisation; ``where`` is the journal with volume and pages, the publisher or the document series;
    ``language`` is the language the citation is written in (pages mark it, e.g. ``<cite lang="en">``);
    ``note`` is internal provenance, never shown.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SOURCE_ID)
    kind: SourceKind
    authors: str | None = Field(default=None, min_length=2)
    title: str = Field(min_length=3)
    year: int | None = Field(default=None, ge=1900, le=2100)
    where: str | None = Field(default=None, min_length=2)
    url: str | None = Field(default=None, pattern=r"^https://")
    pmid: str | None = Field(default=None, pattern=r"^[0-9]+$")
    doi: str | None = Field(default=None, pattern=r"^10\.[0-9]+/\S+$")
    note: str | None = None
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")  # the language the citation is written in

    def cited(self) -> str:
        """The citation people read: ``Authors (year). Title. Where. PMID n. doi:x.``

        Parts that are not known are left out; the url is not part of it (each surface links it).
        """
        year = f" ({self.year})" if self.year else ""
        head = [self.authors + year, self.title] if self.authors else [self.title + year]
        pmid = f"PMID {self.pmid}" if self.pmid else None
        doi = f"doi:{self.doi}" if self.doi else None
        return " ".join(_sentence(part) for part in [*head, self.where, pmid, doi] if part)


def _sentence(part: str) -> str:
    return part if part.endswith((".", "?", "!")) else part + "."


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


def cited(source_id: str) -> str:
    """The citation of the source ``source_id`` (see ``Source.cited``).

    Raises: UnknownIdentifier for an id that is not in the registry.
    """
    return get_source(source_id).cited()
