"""Published worked examples and cut-off boundaries, one instrument at a time."""

from __future__ import annotations

from typing import Any

import pytest

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.instruments import Score, get_instrument, score
from nervepath.instruments.models import Instrument
from nervepath.instruments.scoring import score_instrument

DN4_ITEMS = [
    "burning",
    "painful_cold",
    "electric_shocks",
    "tingling",
    "pins_and_needles",
    "numbness",
    "itching",
]
DN4_ITEMS += ["hypoesthesia_touch", "hypoesthesia_pinprick", "brushing"]
LANSS_ITEMS = ["dysesthesia", "autonomic", "evoked", "paroxysmal", "thermal", "allodynia", "pinprick"]


def yes(items: list[str], *chosen: str) -> dict[str, bool]:
    return {i: i in chosen for i in items}


def test_it_scores_the_dn4_example_of_the_case_format() -> None:
    result = score("dn4", yes(DN4_ITEMS, "burning", "electric_shocks", "tingling", "pins_and_needles"))
    assert (result.score, result.max, result.positive, result.band) == (4, 10, True, "likely")
    assert result.subscores == {"interview": 4.0, "examination": 0.0}
    assert result.to_dict() == {
        "instrument": "dn4",
        "score": 4,
        "max": 10,
        "positive": True,
        "band": "likely",
        "subscores": {"interview": 4, "examination": 0},
    }


@pytest.mark.parametrize(("count", "positive"), [(3, False), (4, True)])
def test_it_puts_the_dn4_cut_off_at_four(count: int, positive: bool) -> None:
    assert score("dn4", yes(DN4_ITEMS, *DN4_ITEMS[:count])).positive is positive


@pytest.mark.parametrize(("count", "positive"), [(2, False), (3, True)])
def test_it_puts_the_dn4_interview_cut_off_at_three(count: int, positive: bool) -> None:
    assert score("dn4_interview", yes(DN4_ITEMS[:7], *DN4_ITEMS[:count])).positive is positive


@pytest.mark.parametrize(
    ("chosen", "total", "positive"),
    [
        (("dysesthesia", "autonomic", "thermal"), 11, False),
        (("dysesthesia", "autonomic", "paroxysmal"), 12, True),
        (("evoked", "paroxysmal", "thermal", "pinprick"), 9, False),
        (tuple(LANSS_ITEMS), 24, True),
    ],
)
@pytest.mark.parametrize("instrument_id", ["lanss", "s_lanss"])
def test_it_weights_lanss_items_and_cuts_at_twelve(
    instrument_id: str, chosen: tuple[str, ...], total: int, positive: bool
) -> None:
    result = score(instrument_id, yes(LANSS_ITEMS, *chosen))
    assert (result.score, result.positive) == (total, positive)


def test_it_subtracts_one_for_id_pain_joint_only_pain() -> None:
    items = ["pins_and_needles", "hot_burning", "numb", "electric_shocks", "touch_worse", "joints_only"]
    result = score("id_pain", yes(items, "pins_and_needles", "numb", "joints_only"))
    assert (result.score, result.band, result.positive) == (1, None, None)


def paindetect(sensory: int, course: int | str, radiating: bool) -> Score:
    # Spread a sensory total over the seven 0-5 items, highest first.
    values = [min(5, max(0, sensory - 5 * i)) for i in range(7)]
    return score("paindetect", [*values, course, radiating])


@pytest.mark.parametrize(
    ("sensory", "course", "radiating", "total", "band", "positive"),
    [
        (0, "persistent_with_attacks", False, -1, "unlikely", False),
        (13, -1, False, 12, "unlikely", False),
        (13, 0, False, 13, "uncertain", None),
        (16, 0, True, 18, "uncertain", None),
        (16, 1, True, 19, "likely", True),
        (35, "attacks", True, 38, "likely", True),
    ],
)
def test_it_bands_paindetect_at_12_13_18_19(
    sensory: int, course: int | str, radiating: bool, total: int, band: str, positive: bool | None
) -> None:
    result = paindetect(sensory, course, radiating)
    assert (result.score, result.band, result.positive) == (total, band, positive)


def test_it_scores_the_phq9_example_of_the_case_format() -> None:
    result = score("phq9", [1, 1, 0, 2, 0, 1, 0, 0, 0])
    assert (result.score, result.band, result.positive, result.flags) == (5, "mild", None, [])
    assert result.to_dict() == {"instrument": "phq9", "score": 5, "max": 27, "band": "mild"}


@pytest.mark.parametrize(
    ("total", "band"),
    [
        *[(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate")],
        *[(15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe")],
    ],
)
def test_it_bands_phq9_at_published_boundaries(total: int, band: str) -> None:
    answers = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0]
    if sum(answers) < total:
        answers[8] = total - sum(answers)
    assert score("phq9", answers).band == band


def test_it_flags_suicide_risk_on_any_phq9_item_nine_answer() -> None:
    result = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert (result.score, result.band, result.flags) == (1, "minimal", ["suicide_risk"])
    assert result.to_dict()["flags"] == ["suicide_risk"]


@pytest.mark.parametrize(("total", "band"), [(4, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")])
def test_it_bands_gad7_at_published_boundaries(total: int, band: str) -> None:
    answers = [min(3, max(0, total - 3 * i)) for i in range(7)]
    assert score("gad7", answers).band == band


def test_it_scores_peg_as_the_mean_of_its_three_items() -> None:
    result = score("peg", [7, 5, 6])
    assert result.score == 6.0
    assert score("peg", [7, 5, 5]).score == pytest.approx(17 / 3)
    assert score("peg", [7, 5, 5]).to_dict()["score"] == 5.67


def test_it_computes_npsi_total_and_subscores_as_means() -> None:
    answers = {"burning": 5, "squeezing": 4, "pressure": 2, "electric_shocks": 1, "stabbing": 0}
    answers |= {
        "evoked_brushing": 3,
        "evoked_pressure": 3,
        "evoked_cold": 0,
        "pins_and_needles": 7,
        "tingling": 8,
    }
    result = score("npsi", {**answers, "paroxysm_count": "one_to_five"})
    assert result.score == 33
    assert result.subscores == {
        "burning": 5.0,
        "pressing": 3.0,
        "paroxysmal": 0.5,
        "evoked": 2.0,
        "paresthesia_dysesthesia": 7.5,
    }
    assert result.band is None
    assert result.positive is None


@pytest.mark.parametrize(
    ("answer", "band"),
    [
        ("very_much_improved", "substantial"),
        ("much_improved", "moderate"),
        (3, "minimal"),
        ("no_change", "no_improvement"),
    ],
)
def test_it_maps_pgic_to_immpact_levels(answer: Any, band: str) -> None:
    assert score("pgic", [answer]).band == band


def test_it_scores_single_item_scales() -> None:
    assert score("nrs", {"pain": 7}).score == 7
    assert score("dsis", [3]).to_dict() == {"instrument": "dsis", "score": 3, "max": 10}


def test_it_refuses_an_unknown_instrument() -> None:
    with pytest.raises(UnknownIdentifier) as info:
        score("dn5", {})
    assert info.value.field == "instrument"
    assert "dn4" in info.value.known


@pytest.mark.parametrize("answer", ["yes", 1, 0, None, 1.0])
def test_it_accepts_only_booleans_for_yes_no_items(answer: Any) -> None:
    answers: dict[str, Any] = yes(DN4_ITEMS)
    answers["burning"] = answer
    with pytest.raises(InvalidInput, match=r"answers\.burning") as info:
        score("dn4", answers)
    assert info.value.field == "answers.burning"


def test_it_refuses_too_many_list_answers_and_non_collections() -> None:
    with pytest.raises(InvalidInput) as info:
        score("phq9", [0] * 10)
    assert info.value.field == "answers"
    with pytest.raises(InvalidInput):
        score("phq9", "000000000")


def test_it_names_the_first_missing_item_of_a_short_list() -> None:
    with pytest.raises(InvalidInput) as info:
        score("phq9", [0] * 7)
    assert info.value.field == "answers.psychomotor"


def test_it_marks_an_incomplete_score_only_where_the_data_allows_missing_items() -> None:
    lenient = Instrument.model_validate(
        {**get_instrument("gad7").model_dump(), "missing_items_allowed": True}
    )
    result = score_instrument(lenient, [3, 3])
    assert (result.score, result.complete, result.band) == (6, False, None)
    assert result.to_dict()["complete"] is False
    with pytest.raises(InvalidInput):
        score_instrument(lenient, [])
