"""Answer builders derived from each instrument's own data file, so every instrument gets
minimum, maximum, missing-item and property tests without writing them by hand."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from nervepath.instruments.models import AnswerKind, Instrument, Item


def as_answer(inst: Instrument, item: Item, value: int) -> Any:
    """The JSON answer that gives this raw value (booleans for yes/no items)."""
    return bool(value) if inst.answer_set(item).kind is AnswerKind.yes_no else value


def extreme_answers(inst: Instrument, highest: bool) -> dict[str, Any]:
    """Answers that give each scored item its lowest (or highest) weighted points."""
    answers: dict[str, Any] = {}
    for item in inst.items:
        values = inst.answer_set(item).allowed_values()
        chosen = (max if highest else min)(values, key=lambda v: v * item.weight)
        answers[item.id] = as_answer(inst, item, chosen)
    return answers


def valid_answers(inst: Instrument) -> st.SearchStrategy[dict[str, Any]]:
    """Any complete, valid answer set as a dict by item id."""
    return st.fixed_dictionaries(
        {
            item.id: st.sampled_from(
                [as_answer(inst, item, v) for v in inst.answer_set(item).allowed_values()]
            )
            for item in inst.items
        }
    )


def invalid_value(inst: Instrument, item: Item) -> st.SearchStrategy[Any]:
    """Values that are never a valid answer to this item (wrong type or out of range)."""
    answer_set = inst.answer_set(item)
    allowed = answer_set.allowed_values()
    if answer_set.kind is AnswerKind.yes_no:
        return st.one_of(st.integers(), st.sampled_from(["yes", "no", "true"]), st.floats(allow_nan=False))
    out_of_range = st.integers().filter(lambda v: v not in allowed)
    return st.one_of(out_of_range, st.booleans(), st.sampled_from(["3", "", "lots"]), st.floats(0.5, 0.9))
