"""Typed models of a questionnaire definition (``data/instruments/<id>.yaml``).

A file is the single place where an instrument's items, answer options, scoring rule, cut-offs
(as bands), flags, codes, provenance, licence and texts in other languages live. Validators reject
a file whose declared score range does not match what its items can produce, whose bands leave gaps
or overlap, or whose translation into a language leaves out (or invents) an item, option or band.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

IDENT = r"^[a-z][a-z0-9_]*$"
LOINC = r"^[0-9]{1,7}-[0-9]$"
LANGUAGE = r"^[a-z]{2}$"
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerKind(StrEnum):
    """How an item is answered: yes/no (JSON booleans), one of listed options, or an integer scale."""

    yes_no = "yes_no"
    choice = "choice"
    scale = "scale"


class Option(_Strict):
    """One answer option: the value a person gives (``value``), its stable ``code`` and shown label."""

    value: int
    code: str = Field(pattern=IDENT)
    label: str = Field(min_length=1)


class AnswerSet(_Strict):
    """A reusable answer format shared by several items of one instrument."""

    kind: AnswerKind
    options: list[Option] = Field(default_factory=list)
    min: int | None = None
    max: int | None = None
    anchors: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _shape_matches_kind(self) -> Self:
        if self.kind is AnswerKind.choice and len(self.options) < 2:
            raise ValueError("a choice answer set needs at least two options")
        if self.kind is AnswerKind.choice and len({o.value for o in self.options}) != len(self.options):
            raise ValueError("option values must be unique within an answer set")
        if self.kind is AnswerKind.scale and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a scale answer set needs integer min < max")
        if self.kind is not AnswerKind.choice and self.options:
            raise ValueError("only a choice answer set lists options")
        return self

    def allowed_values(self) -> list[int]:
        """The raw values an answer may take (yes/no counts as 1/0)."""
        if self.kind is AnswerKind.yes_no:
            return [0, 1]
        if self.kind is AnswerKind.choice:
            return [o.value for o in self.options]
        low, high = self.min or 0, self.max or 0  # both set: checked by _shape_matches_kind
        return list(range(low, high + 1))

    def options_for_display(self) -> list[Option]:
        """Every answer as an Option (value, code, label), whatever the kind."""
        if self.kind is AnswerKind.choice:
            return list(self.options)
        if self.kind is AnswerKind.yes_no:
            return [Option(value=1, code="yes", label="Yes"), Option(value=0, code="no", label="No")]
        return [
            Option(value=v, code=f"v{v}".replace("-", "m"), label=self._scale_label(v))
            for v in self.allowed_values()
        ]

    def _scale_label(self, value: int) -> str:
        anchor = self.anchors.get(value)
        return f"{value} ({anchor})" if anchor else str(value)


class Item(_Strict):
    """One question. ``weight`` multiplies the answer's value; unscored items are asked but not counted.

    ``required: false`` (only for unscored items) lets a person skip the question.
    """

    id: str = Field(pattern=IDENT)
    text: str = Field(min_length=3)
    answers: str = Field(pattern=IDENT, description="the id of an answer set of this instrument")
    weight: int = 1
    scored: bool = True
    required: bool = True
    help: str | None = None

    @model_validator(mode="after")
    def _only_unscored_optional(self) -> Self:
        if self.scored and not self.required:
            raise ValueError("a scored item must be required")
        return self


class Method(StrEnum):
    sum = "sum"
    mean = "mean"


class Subscore(_Strict):
    """A named group of items combined by sum or mean."""

    id: str = Field(pattern=IDENT)
    label: str
    items: list[str] = Field(min_length=1)
    method: Method


class Scoring(_Strict):
    """How the total is formed from the weighted values of the scored items."""

    total: Method
    subscores: list[Subscore] = Field(default_factory=list)


class ScoreRange(_Strict):
    min: int
    max: int


class Band(_Strict):
    """An interpretation band over whole score values, inclusive at both ends.

    ``positive`` is True/False where the band decides a screening result, None where it does not
    (for example painDETECT's "uncertain" band, or severity bands of PHQ-9).
    """

    id: str = Field(pattern=IDENT)
    min: int
    max: int
    label: str
    meaning: str
    positive: bool | None = None


class Flag(_Strict):
    """A flag raised when one item's raw value is at least ``at_least``, whatever the total."""

    id: str = Field(pattern=IDENT)
    item: str = Field(pattern=IDENT)
    at_least: int
    meaning: str
    sources: list[str] = Field(min_length=1)


class Codes(_Strict):
    """LOINC codes, only where confirmed."""

    loinc_total: str | None = Field(default=None, pattern=LOINC)
    loinc_panel: str | None = Field(default=None, pattern=LOINC)
    note: str | None = None


class Screen(_Strict):
    """What a positive and a negative screen mean (and do not mean), for people reading a result."""

    positive_means: str
    negative_means: str


class Wording(_Strict):
    """The instrument's own words in another language, from a published, validated translation.

    ``version`` names the translation, ``source`` is its id in ``data/sources/`` and ``licence``
    says why it may be shown. It covers the instructions, every item, every option of every choice
    answer set and every scale anchor; nothing is left in English and nothing is added.
    """

    version: str = Field(min_length=3)
    source: str = Field(pattern=IDENT)
    licence: str = Field(min_length=3)
    instructions: str = Field(min_length=3)
    items: dict[str, Text]
    options: dict[str, dict[str, Text]] = Field(default_factory=dict)
    anchors: dict[str, dict[int, Text]] = Field(default_factory=dict)


class BandWords(_Strict):
    label: str = Field(min_length=1)
    meaning: str = Field(min_length=1)


class LanguageTexts(_Strict):
    """What people read about an instrument in one language other than English.

    Everything but ``wording`` is nervepath's own text (name, what it measures, recall period, band
    labels and meanings, screen texts, flag and help messages, subscore labels) and must cover each
    band, flag, help text and subscore of the instrument. ``wording`` is present only where a
    published, validated translation may be shown; without it the items stay in English.
    """

    short_name: str | None = None
    measures: str = Field(min_length=3)
    recall_period: str = Field(min_length=3)
    bands: dict[str, BandWords] = Field(default_factory=dict)
    screen: Screen | None = None
    flags: dict[str, Text] = Field(default_factory=dict)
    help: dict[str, Text] = Field(default_factory=dict)
    subscores: dict[str, Text] = Field(default_factory=dict)
    wording: Wording | None = None


class Instrument(_Strict):
    """A validated questionnaire, with everything needed to ask, score, explain and exchange it."""

    id: str = Field(pattern=IDENT)
    name: str
    short_name: str
    description: str
    measures: str
    recall_period: str
    administration: str
    answer_sets: dict[str, AnswerSet] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    scoring: Scoring
    range: ScoreRange
    bands: list[Band] = Field(default_factory=list)
    screen: Screen | None = None
    flags: list[Flag] = Field(default_factory=list)
    missing_items_allowed: bool = False
    codes: Codes = Codes()
    validation_population: str
    sources: list[str] = Field(min_length=1)
    licence: str
    notes: list[str] = Field(default_factory=list)
    languages: dict[str, LanguageTexts] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_references(self)
        _check_range(self)
        _check_bands(self)
        for code, texts in self.languages.items():
            _check_language(self, code, texts)
        return self

    def item(self, item_id: str) -> Item:
        """One item by id (the id must exist)."""
        return next(i for i in self.items if i.id == item_id)

    def answer_set(self, item: Item) -> AnswerSet:
        """The answer set of one item."""
        return self.answer_sets[item.answers]

    def scored_items(self) -> list[Item]:
        """The items that count towards the total."""
        return [i for i in self.items if i.scored]

    def points_range(self, item: Item) -> tuple[int, int]:
        """The lowest and highest weighted points one item can give."""
        points = [v * item.weight for v in self.answer_set(item).allowed_values()]
        return min(points), max(points)


def _check_references(inst: Instrument) -> None:
    ids = [i.id for i in inst.items]
    if len(set(ids)) != len(ids):
        raise ValueError("item ids must be unique")
    for item in inst.items:
        if item.answers not in inst.answer_sets:
            raise ValueError(f"item {item.id!r} uses unknown answer set {item.answers!r}")
    for name in [n for s in inst.scoring.subscores for n in s.items] + [f.item for f in inst.flags]:
        if name not in ids:
            raise ValueError(f"unknown item {name!r} in subscores or flags")


def _check_range(inst: Instrument) -> None:
    lows, highs = zip(*(inst.points_range(i) for i in inst.scored_items()), strict=True)
    low, high = sum(lows), sum(highs)
    if inst.scoring.total is Method.mean:
        low, high = low // len(lows), -(-high // len(highs))
    if (low, high) != (inst.range.min, inst.range.max):
        raise ValueError(f"range {inst.range.min}..{inst.range.max} does not match the items ({low}..{high})")


def _check_bands(inst: Instrument) -> None:
    if not inst.bands:
        return
    if inst.scoring.total is Method.mean:
        raise ValueError("bands need a whole-number total (sum), not a mean")
    expected = inst.range.min
    for band in inst.bands:
        if band.min != expected or band.max < band.min:
            raise ValueError(
                f"band {band.id!r} must start at {expected} (bands cover the range without gaps)"
            )
        expected = band.max + 1
    if expected != inst.range.max + 1:
        raise ValueError(f"the last band must end at {inst.range.max}")


def _check_language(inst: Instrument, code: str, texts: LanguageTexts) -> None:
    where = f"languages.{code}"
    if not re.fullmatch(LANGUAGE, code) or code == "en":
        raise ValueError(f"{where}: a two-letter language code other than en (English is the base)")
    _same_keys(f"{where}.bands", texts.bands, [b.id for b in inst.bands])
    _same_keys(f"{where}.flags", texts.flags, [f.id for f in inst.flags])
    _same_keys(f"{where}.help", texts.help, [i.id for i in inst.items if i.help])
    _same_keys(f"{where}.subscores", texts.subscores, [s.id for s in inst.scoring.subscores])
    if (texts.screen is None) != (inst.screen is None):
        raise ValueError(f"{where}.screen: given exactly when the instrument has a screen")
    if texts.wording is not None:
        _check_wording(inst, f"{where}.wording", texts.wording)


def _check_wording(inst: Instrument, where: str, wording: Wording) -> None:
    _same_keys(f"{where}.items", wording.items, [i.id for i in inst.items])
    choices = {k: a for k, a in inst.answer_sets.items() if a.kind is AnswerKind.choice}
    _same_keys(f"{where}.options", wording.options, list(choices))
    for name, answer_set in choices.items():
        _same_keys(f"{where}.options.{name}", wording.options[name], [o.code for o in answer_set.options])
    anchored = {k: a for k, a in inst.answer_sets.items() if a.anchors}
    _same_keys(f"{where}.anchors", wording.anchors, list(anchored))
    for name, answer_set in anchored.items():
        _same_keys(f"{where}.anchors.{name}", wording.anchors[name], list(answer_set.anchors))


def _same_keys(where: str, given: Mapping[Any, object], expected: list[Any]) -> None:
    missing = [k for k in expected if k not in given]
    unknown = [k for k in given if k not in expected]
    if missing or unknown:
        raise ValueError(
            f"{where} must translate exactly the instrument's entries (missing {missing}, unknown {unknown})"
        )
