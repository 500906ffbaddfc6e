"""Typed models of the knowledge base: one :class:`Entry` per YAML file.

Every clinical statement an entry makes is backed by ``sources`` (ids of the source registry);
codes and figures carry their own source, and a code that could not be confirmed says so.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

ENTRY_ID = r"^[a-z][a-z0-9_]*$"
SOURCE_ID = r"^[a-z][a-z0-9_]*$"


class Category(StrEnum):
    """The five kinds of entry; each has its own folder under ``data/knowledge/``."""

    overview = "overview"
    cause = "cause"
    symptom = "symptom"
    treatment = "treatment"
    management = "management"


class CodeSystem(StrEnum):
    """Terminologies an entry may be coded in."""

    icd10cm = "icd10cm"
    snomed = "snomed"


class Code(BaseModel):
    """One terminology code. ``confirmed: false`` means it was not seen in a published code list.

    ``is_category: true`` marks an ICD-10-CM heading that is not itself billable (it groups the
    billable codes beneath it); every other ICD-10-CM code is a billable code. ``note`` says what
    was checked and where (provenance; never shown as patient text).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    system: CodeSystem
    code: str = Field(min_length=2, pattern=r"^[A-Z0-9][A-Z0-9.\-]*$")
    display: str = Field(min_length=3)
    confirmed: bool
    source: str = Field(pattern=SOURCE_ID)
    is_category: bool = False
    note: str | None = None


class Figure(BaseModel):
    """A number the entry states, with what it measures and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=3)
    value: str = Field(min_length=1)
    source: str = Field(pattern=SOURCE_ID)
    confirmed: bool = True


class Language(StrEnum):
    """Languages an entry's patient text is written in besides English (the base language)."""

    es = "es"


class EntryText(BaseModel):
    """The words a patient reads, in one language: title, summary and text (same markup as English)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=3, max_length=90)
    summary: str = Field(min_length=20, max_length=300)
    text: str = Field(min_length=80)


class Entry(BaseModel):
    """One knowledge entry: plain text for a patient, a concise note for a clinician, and sources.

    ``urgent: true`` marks an entry about when to get urgent help; such entries come first in every
    list of the base. ``translations`` holds the patient text in other languages. ``lay_terms`` are
    the words patients use for the topic, in English and Spanish ("I have the sugar", "culebrilla");
    search reads them, nobody is shown them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ENTRY_ID, max_length=60)
    category: Category
    title: str = Field(min_length=3, max_length=90)
    summary: str = Field(min_length=20, max_length=300)
    text: str = Field(min_length=80)
    clinician_note: str = Field(min_length=40)
    aliases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    lay_terms: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    codes: list[Code] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)
    urgent: bool = False
    translations: dict[Language, EntryText] = Field(default_factory=dict)

    def in_language(self, language: str) -> EntryText:
        """The patient text in ``language`` (e.g. ``es`` or ``es-ar``); English when there is none."""
        base = language.split("-")[0].split("_")[0].lower()
        for lang, text in self.translations.items():
            if lang.value == base:
                return text
        return EntryText(title=self.title, summary=self.summary, text=self.text)

    def cited_sources(self) -> list[str]:
        """Every source id the entry names: its own, then those of its codes and figures, no repeats."""
        ids = [*self.sources, *(c.source for c in self.codes), *(f.source for f in self.figures)]
        return list(dict.fromkeys(ids))
