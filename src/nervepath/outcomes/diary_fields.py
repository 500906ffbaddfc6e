"""The diary's fields and vocabularies, read from ``data/diary/fields.yaml``: the one definition.

The Today page, ``nervepath diary add``, the API's diary schema, the diary CSV and the FHIR mapping
of a diary day all read their fields, ranges, anchors, labels, columns and codes from here, so a
field is defined once and a score means the same thing wherever it is entered (ADR 0010).

Example::

    >>> mood = diary_fields().field("mood")
    >>> mood.bounds, mood.anchors_text("es")
    ((0, 10), '0 = muy bajo, 10 = muy bueno')
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError

FILE = "diary/fields.yaml"
ID = r"^[a-z][a-z0-9_]*$"

Kind = Literal["date", "score", "hours", "text", "ids", "region_scores"]
Surface = Literal["web", "cli", "api"]
Element = Literal["effectiveDateTime", "valueInteger", "note", "component"]

# A kind fixes its range: the database's CHECK constraints hold scores to 0-10 and hours to 0-24.
KIND_BOUNDS: dict[str, tuple[int, int]] = {"score": (0, 10), "region_scores": (0, 10), "hours": (0, 24)}
_SCORED = ("score", "region_scores")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(_Strict):
    """One text in English and Spanish."""

    en: str = Field(min_length=1)
    es: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        """The text in ``language`` (a code such as ``es`` or ``es-ES``); English for any other."""
        return self.es if language.split("-")[0].lower() == "es" else self.en


class Term(_Strict):
    """One word of a vocabulary: a stable id (stored with the day) and its label."""

    id: str = Field(pattern=ID)
    label: Words


class FhirMapping(_Strict):
    """Where a diary day's Observation holds the field, and the codes it uses there."""

    element: Element
    system: str | None = Field(default=None, min_length=1)
    code: str | None = Field(default=None, min_length=1)
    display: str | None = None
    ids: str | None = Field(default=None, min_length=1)
    unit: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _coded(self) -> FhirMapping:
        coded = self.element in ("valueInteger", "component")
        if coded != (self.system is not None and self.code is not None):
            raise ValueError("a system and a code exactly for a valueInteger or a component")
        return self


class DiaryField(_Strict):
    """One field of a diary day; see the comment at the top of ``data/diary/fields.yaml``."""

    id: str = Field(pattern=ID)
    kind: Kind
    required: bool = False
    label: Words
    help: Words
    anchors: dict[int, Words] | None = None
    max_length: int | None = Field(default=None, ge=1)
    max_items: int | None = Field(default=None, ge=1)
    vocabulary: str | None = None
    csv: str | None = Field(default=None, pattern=ID)
    entered_in: tuple[Surface, ...] = Field(min_length=1)
    fhir: FhirMapping

    @model_validator(mode="after")
    def _fits_its_kind(self) -> DiaryField:
        bounds = KIND_BOUNDS.get(self.kind)
        if (self.kind in _SCORED) != (self.anchors is not None):
            raise ValueError("anchors exactly for a score or region_scores field")
        if self.anchors is not None and bounds is not None and set(self.anchors) != set(bounds):
            raise ValueError(f"anchors for {bounds[0]} and {bounds[1]}, got {sorted(self.anchors)}")
        if (self.kind == "text") != (self.max_length is not None):
            raise ValueError("max_length exactly for a text field")
        if (self.kind == "ids") != (self.max_items is not None):
            raise ValueError("max_items exactly for an ids field")
        if (self.kind in ("ids", "region_scores")) != (self.vocabulary is not None):
            raise ValueError("a vocabulary exactly for an ids or region_scores field")
        return self

    @property
    def bounds(self) -> tuple[int, int] | None:
        """The lowest and highest value of a score, region score or hours; None for other kinds."""
        return KIND_BOUNDS.get(self.kind)

    def anchors_text(self, language: str = "en") -> str:
        """What the ends of the scale mean, e.g. ``0 = very low, 10 = very good``; "" without anchors."""
        anchors = sorted((self.anchors or {}).items())
        return ", ".join(f"{value} = {words.in_language(language)}" for value, words in anchors)


class DiaryFields(_Strict):
    """Every field of a diary day, in the order of the diary CSV's columns, and the vocabularies."""

    fields: tuple[DiaryField, ...] = Field(min_length=1)
    vocabularies: dict[str, tuple[Term, ...]]

    def field(self, field_id: str) -> DiaryField:
        """The field ``field_id``; KeyError for an id that is not a diary field."""
        for found in self.fields:
            if found.id == field_id:
                return found
        raise KeyError(field_id)

    def entered_in(self, surface: Surface) -> tuple[DiaryField, ...]:
        """The fields a person enters on ``surface`` (web, cli or api), in file order."""
        return tuple(f for f in self.fields if surface in f.entered_in)

    def element(self, element: Element) -> DiaryField:
        """The field a diary day's Observation holds in ``element`` (one each but ``component``)."""
        return next(f for f in self.fields if f.fhir.element == element)

    def csv_fields(self) -> tuple[DiaryField, ...]:
        """The fields the diary CSV carries, in the order of its columns."""
        return tuple(f for f in self.fields if f.csv is not None)

    def terms(self, field: DiaryField) -> tuple[Term, ...]:
        """The vocabulary of an ids or region_scores field; () for other kinds."""
        return self.vocabularies[field.vocabulary] if field.vocabulary else ()

    def describe(self, field: DiaryField) -> str:
        """The field in one English phrase with its range and anchors (CLI help, API description).

        E.g. ``Mood on the day, 0-10 (0 = very low, 10 = very good)``.
        """
        text, bounds = field.help.en, field.bounds
        if bounds is not None:
            text += f", {bounds[0]}-{bounds[1]}"
        if field.anchors:
            text += f" ({field.anchors_text()})"
        if field.kind == "date":
            text += ", YYYY-MM-DD"
        if field.max_length is not None:
            text += f", at most {field.max_length} characters"
        if field.kind == "ids":
            examples = ", ".join(t.id for t in self.terms(field)[:2])
            text += f": at most {field.max_items} ids such as {examples}"
        return text


@cache
def diary_fields() -> DiaryFields:
    """The diary's fields, validated; DataFileError naming the key on a malformed file."""
    return checked(load_model(DiaryFields, data_dir("diary").joinpath("fields.yaml"), FILE))


def checked(fields: DiaryFields) -> DiaryFields:
    """``fields`` unchanged, or DataFileError naming the first repeated id or column or unknown vocabulary.

    The diary CSV starts with the required fields (``diary import`` needs them first).
    """
    _unique("fields", "id", [f.id for f in fields.fields])
    _unique("fields", "csv", [f.csv for f in fields.fields])
    for name, terms in fields.vocabularies.items():
        _unique(f"vocabularies.{name}", "id", [t.id for t in terms])
    for index, field in enumerate(fields.fields):
        if field.vocabulary is not None and field.vocabulary not in fields.vocabularies:
            known = ", ".join(sorted(fields.vocabularies))
            raise DataFileError(FILE, f"fields.{index}.vocabulary", f"one of {known}")
    for element in ("effectiveDateTime", "valueInteger", "note"):
        holders = [f.id for f in fields.fields if f.fhir.element == element]
        if len(holders) != 1:
            raise DataFileError(
                FILE, "fields", f"exactly one field with fhir.element {element}, got {holders}"
            )
    required = [f.required for f in fields.csv_fields()]
    if required != sorted(required, reverse=True):
        raise DataFileError(FILE, "fields", "the required CSV columns before the optional ones")
    return fields


def _unique(where: str, key: str, values: list[str | None]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            raise DataFileError(FILE, f"{where}.{index}.{key}", f"a unique {key} ({value!r} is repeated)")
        seen.add(value)
