"""The one scoring engine: every questionnaire is scored by :func:`score` from its data file.

Total = sum (or mean) of ``value × weight`` over the scored items; subscores are named groups of
items combined the same way; the band is the data file's band containing the total; ``positive``
comes from that band; flags fire on one item's raw value. Nothing here knows a cut-off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from nervepath.datafiles import load_model, yaml_files
from nervepath.errors import DataFileError, InvalidInput, UnknownIdentifier
from nervepath.instruments.answers import read_answers
from nervepath.instruments.models import Band, Instrument, Method

Number = int | float


@dataclass(frozen=True)
class Score:
    """The result of scoring one set of answers: values only, words come later."""

    instrument: str
    score: Number
    min: int
    max: int
    positive: bool | None = None
    band: str | None = None
    subscores: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    complete: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The CLI/JSON shape: keys that do not apply to this instrument are left out."""
        data: dict[str, Any] = {"instrument": self.instrument, "score": _tidy(self.score), "max": self.max}
        optional = {"positive": self.positive, "band": self.band}
        data.update({k: v for k, v in optional.items() if v is not None})
        if self.subscores:
            data["subscores"] = {k: _tidy(v) for k, v in self.subscores.items()}
        if self.flags:
            data["flags"] = list(self.flags)
        if not self.complete:
            data["complete"] = False
        return data


def _tidy(value: Number) -> Number:
    # Means are exact in the Score; two decimals are enough for people and JSON readers.
    return round(value, 2) if isinstance(value, float) else value


@cache
def _instruments() -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for file in yaml_files("instruments"):
        label = f"instruments/{file.name}"
        inst = load_model(Instrument, file, label)
        if inst.id != file.name.removesuffix(".yaml"):
            raise DataFileError(label, "id", f"the file name without .yaml ({inst.id!r} given)")
        found[inst.id] = inst
    return found


def instrument_ids() -> list[str]:
    """Every known instrument id, sorted."""
    return sorted(_instruments())


def get_instrument(instrument_id: str) -> Instrument:
    """One instrument definition by id.

    Raises:
        UnknownIdentifier: field ``instrument`` when the id is not known.
    """
    known = _instruments()
    if instrument_id not in known:
        raise UnknownIdentifier("instrument", instrument_id, list(known))
    return known[instrument_id]


def score(instrument_id: str, answers: Mapping[str, Any] | Sequence[Any]) -> Score:
    """Score one set of answers exactly as the instrument's data file defines.

    Takes: an instrument id and its answers, either a dict ``{item_id: answer}`` or a list in
    item order. Yes/no items take JSON booleans; choice items take an option value or code;
    scale items take an integer within the scale.
    Returns: a :class:`Score` (total, range, band, positive, subscores, flags).
    Raises: ``UnknownIdentifier`` (field ``instrument``) for an unknown id; ``InvalidInput``
    naming the item (``answers.<item>``) for a missing, unknown, out-of-range or wrong-type answer.
    Clinical source: the ``sources`` of the instrument's data file.
    """
    return score_instrument(get_instrument(instrument_id), answers)


def score_instrument(inst: Instrument, answers: Mapping[str, Any] | Sequence[Any]) -> Score:
    """Score answers against an already loaded definition (see :func:`score`)."""
    values = read_answers(inst, answers)
    complete = all(i.id in values for i in inst.items if i.required)
    points = {i.id: values[i.id] * i.weight for i in inst.scored_items() if i.id in values}
    if not points:
        raise InvalidInput("answers", answers, "at least one answered item")
    total = _combine(inst.scoring.total, list(points.values()))
    flags = [f.id for f in inst.flags if values.get(f.item, f.at_least - 1) >= f.at_least]
    band = _band(inst, total) if complete else None
    return result_of(inst, total, band, _subscores(inst, points), flags, complete)


def result_of(
    inst: Instrument,
    total: Number,
    band: Band | None,
    subscores: dict[str, float],
    flags: list[str],
    complete: bool,
) -> Score:
    """The ``Score`` of ``inst`` with these values; its range and the band's verdict come from the
    definition (also how a stored result is read back without scoring again)."""
    return Score(
        instrument=inst.id,
        score=total,
        min=inst.range.min,
        max=inst.range.max,
        positive=band.positive if band else None,
        band=band.id if band else None,
        subscores=subscores,
        flags=flags,
        complete=complete,
    )


def _combine(method: Method, points: list[int]) -> Number:
    return sum(points) if method is Method.sum else sum(points) / len(points)


def _subscores(inst: Instrument, points: dict[str, int]) -> dict[str, float]:
    result: dict[str, float] = {}
    for group in inst.scoring.subscores:
        present = [points[i] for i in group.items if i in points]
        if len(present) == len(group.items):
            result[group.id] = float(_combine(group.method, present))
    return result


def _band(inst: Instrument, total: Number) -> Band | None:
    return next((b for b in inst.bands if b.min <= total <= b.max), None)


def band_by_id(inst: Instrument, band_id: str | None) -> Band | None:
    """The band with this id, or None (used by shells to explain a result)."""
    return next((b for b in inst.bands if b.id == band_id), None)
