"""Screening scores of the answered questionnaires (through the one instruments engine) and the
mental-health flags derived from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.instruments import Score, score


def score_answers(answers: Mapping[str, Any]) -> dict[str, Score]:
    """Score every answered instrument.

    Raises: InvalidInput naming ``answers.<instrument>[.<item>]`` for an unknown instrument or a bad answer.
    """
    scores: dict[str, Score] = {}
    for instrument, given in answers.items():
        try:
            scores[instrument] = score(instrument, given)
        except UnknownIdentifier as exc:
            raise UnknownIdentifier(f"answers.{instrument}", instrument, exc.known) from exc
        except InvalidInput as exc:
            item = exc.field.removeprefix("answers").lstrip(".")
            field = f"answers.{instrument}" + (f".{item}" if item else "")
            raise InvalidInput(field, exc.value, exc.expected) from exc
    return scores


def screening_dict(scores: Mapping[str, Score]) -> dict[str, dict[str, Any]]:
    """The contract ``screening`` object: per instrument its score, max, positive and band where defined."""
    return {name: {k: v for k, v in s.to_dict().items() if k != "instrument"} for name, s in scores.items()}


def screening_notes(scores: Mapping[str, Score]) -> list[str]:
    """Sentences for the grading reasons: a questionnaire supports, but never establishes, the grade."""
    return [
        f"{name.upper()} {s.score:g}/{s.max} ({'positive' if s.positive else 'negative'}): supports, "
        "but does not establish, the grade."
        for name, s in scores.items()
        if s.positive is not None
    ]


def phq9_item9(scores: Mapping[str, Score]) -> int | None:
    """1 when PHQ-9 flags thoughts of self-harm (item 9 above 0), 0 when not, None when not answered."""
    phq9 = scores.get("phq9")
    if phq9 is None:
        return None
    return 1 if "suicide_risk" in phq9.flags else 0


def mental_health(scores: Mapping[str, Score]) -> dict[str, Any]:
    """``{"suicide_risk": bool, "screened": bool, ...}`` from PHQ-9 (and GAD-7 when answered).

    Source: PHQ-9 item 9 above 0 needs prompt follow-up whatever the total (``phq9_item9_followup``).
    """
    result: dict[str, Any] = {"suicide_risk": phq9_item9(scores) == 1, "screened": "phq9" in scores}
    for name in ("phq9", "gad7"):
        if name in scores:
            result[f"{name}_score"] = scores[name].to_dict()["score"]
            result[f"{name}_band"] = scores[name].band
    if result["suicide_risk"]:
        result["action"] = "Thoughts of self-harm reported (PHQ-9 item 9): assess suicide risk today."
    elif not result["screened"]:
        result["action"] = "Not screened: consider PHQ-9 (depression often accompanies chronic pain)."
    return result
