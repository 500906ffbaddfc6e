"""Reading a person's answers into raw item values, rejecting anything not exactly as defined.

The rule for yes/no items is JSON booleans only (``true``/``false``): strings such as "yes" and
numbers 1/0 are refused with a message, so an answer is never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.instruments.models import AnswerKind, AnswerSet, Instrument, Item


def read_answers(inst: Instrument, answers: Mapping[str, Any] | Sequence[Any]) -> dict[str, int]:
    """Raw values by item id (yes = 1, no = 0); unanswered items are absent only if allowed.

    Raises InvalidInput naming ``answers.<item>`` for the first bad answer; nothing is kept.
    """
    given = _by_item(inst, answers)
    values: dict[str, int] = {}
    for item in inst.items:
        raw = given.get(item.id)
        if raw is None:
            if item.required and not inst.missing_items_allowed:
                raise InvalidInput(
                    f"answers.{item.id}", None, f"an answer ({_expected(inst.answer_set(item))})"
                )
            continue
        values[item.id] = _value(item, inst.answer_set(item), raw)
    return values


def read_answer(inst: Instrument, item: Item, raw: Any) -> int:
    """The raw value of one answer to one item; raises InvalidInput naming ``answers.<item>``."""
    return _value(item, inst.answer_set(item), raw)


def expected_answer(inst: Instrument, item: Item) -> str:
    """What a valid answer to this item looks like, in words."""
    return _expected(inst.answer_set(item))


def _by_item(inst: Instrument, answers: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any]:
    ids = [i.id for i in inst.items]
    if isinstance(answers, Mapping):
        for key in answers:
            if key not in ids:
                raise UnknownIdentifier(f"answers.{key}", key, ids)
        return dict(answers)
    if isinstance(answers, Sequence) and not isinstance(answers, str | bytes):
        if len(answers) > len(ids):
            raise InvalidInput(
                "answers", list(answers), f"at most {len(ids)} answers, in order: {', '.join(ids)}"
            )
        return dict(zip(ids, answers, strict=False))
    raise InvalidInput("answers", answers, "an object {item_id: answer} or a list of answers in item order")


def _value(item: Item, answer_set: AnswerSet, raw: Any) -> int:
    field = f"answers.{item.id}"
    if answer_set.kind is AnswerKind.yes_no:
        if not isinstance(raw, bool):
            raise InvalidInput(field, raw, _expected(answer_set))
        return int(raw)
    if answer_set.kind is AnswerKind.choice and isinstance(raw, str):
        by_code = {o.code: o.value for o in answer_set.options}
        if raw in by_code:
            return by_code[raw]
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in answer_set.allowed_values():
        raise InvalidInput(field, raw, _expected(answer_set))
    return raw


def _expected(answer_set: AnswerSet) -> str:
    if answer_set.kind is AnswerKind.yes_no:
        return "true or false"
    if answer_set.kind is AnswerKind.scale:
        return f"a whole number from {answer_set.min} to {answer_set.max}"
    shown = ", ".join(f"{o.value} ({o.code})" for o in answer_set.options)
    return f"one of {shown}"
