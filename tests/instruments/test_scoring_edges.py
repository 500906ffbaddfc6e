"""Every band of every questionnaire on both sides of every edge, every flag at its threshold and every
item weight (issue 17, point 7; docs/mutation.md).

The expected bands are written out from the published scoring, never read back from the data files:
moving a cut-off by one in a data file, or swapping two item weights, fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.instruments import get_instrument, instrument_ids, score
from nervepath.instruments.models import Instrument
from nervepath.instruments.scoring import band_by_id, score_instrument

from .helpers import as_answer

# (total, band, positive) on both sides of each published cut-off, and at both ends of the range.
EDGES: dict[str, list[tuple[int, str, bool | None]]] = {
    # DN4: 4 of 10 or more is positive (Bouhassira 2005).
    "dn4": [(0, "unlikely", False), (3, "unlikely", False), (4, "likely", True), (10, "likely", True)],
    # DN4 interview (items 1-7): 3 of 7 or more (Bouhassira 2005).
    "dn4_interview": [
        (0, "unlikely", False),
        (2, "unlikely", False),
        (3, "likely", True),
        (7, "likely", True),
    ],
    # GAD-7: 5, 10, 15 (Spitzer 2006).
    "gad7": [
        (0, "minimal", None),
        (4, "minimal", None),
        (5, "mild", None),
        (9, "mild", None),
        (10, "moderate", None),
        (14, "moderate", None),
        (15, "severe", None),
        (21, "severe", None),
    ],
    # PHQ-9: 5, 10, 15, 20 (Kroenke 2001).
    "phq9": [
        (0, "minimal", None),
        (4, "minimal", None),
        (5, "mild", None),
        (9, "mild", None),
        (10, "moderate", None),
        (14, "moderate", None),
        (15, "moderately_severe", None),
        (19, "moderately_severe", None),
        (20, "severe", None),
        (27, "severe", None),
    ],
    # LANSS (Bennett 2001) and S-LANSS (Bennett 2005): 12 of 24 or more.
    "lanss": [(0, "unlikely", False), (11, "unlikely", False), (12, "likely", True), (24, "likely", True)],
    "s_lanss": [(0, "unlikely", False), (11, "unlikely", False), (12, "likely", True), (24, "likely", True)],
    # painDETECT: 12 or less unlikely, 13-18 uncertain, 19 or more likely (Freynhagen 2006).
    "paindetect": [
        (-1, "unlikely", False),
        (12, "unlikely", False),
        (13, "uncertain", None),
        (18, "uncertain", None),
        (19, "likely", True),
        (38, "likely", True),
    ],
    # PGIC read by IMMPACT (Dworkin 2008): 1 very much improved, 2 much, 3 minimally, 4-7 no improvement.
    "pgic": [
        (1, "substantial", None),
        (2, "moderate", None),
        (3, "minimal", None),
        (4, "no_improvement", None),
        (7, "no_improvement", None),
    ],
}


def answers_for_total(inst: Instrument, total: int) -> dict[str, Any]:
    """Answers whose weighted values add up to ``total`` (a search over the items' allowed values)."""
    reachable: dict[int, dict[str, int]] = {0: {}}
    for item in inst.scored_items():
        step: dict[int, dict[str, int]] = {}
        for points, chosen in reachable.items():
            for value in inst.answer_set(item).allowed_values():
                step.setdefault(points + value * item.weight, {**chosen, item.id: value})
        reachable = step
    chosen = reachable[total]
    return {item.id: as_answer(inst, item, chosen[item.id]) for item in inst.scored_items()}


CASES = [(i, total, band, positive) for i, rows in EDGES.items() for total, band, positive in rows]


@pytest.mark.parametrize(("instrument_id", "total", "band", "positive"), CASES)
def test_each_band_holds_on_both_sides_of_each_edge(
    instrument_id: str, total: int, band: str, positive: bool | None
) -> None:
    inst = get_instrument(instrument_id)
    result = score(instrument_id, answers_for_total(inst, total))
    assert (result.score, result.band, result.positive) == (total, band, positive)


def test_every_instrument_with_bands_and_every_band_edge_has_its_cases() -> None:
    banded = {i for i in instrument_ids() if get_instrument(i).bands}
    assert banded == set(EDGES)
    for instrument_id, rows in EDGES.items():
        edges = {edge for b in get_instrument(instrument_id).bands for edge in (b.min, b.max)}
        assert edges <= {total for total, _, _ in rows}, instrument_id


# Each LANSS / S-LANSS item alone gives its published weight (Bennett 2001, 2005).
LANSS_WEIGHTS = {
    "dysesthesia": 5,
    "autonomic": 5,
    "evoked": 3,
    "paroxysmal": 2,
    "thermal": 1,
    "allodynia": 5,
    "pinprick": 3,
}


@pytest.mark.parametrize("instrument_id", ["lanss", "s_lanss"])
@pytest.mark.parametrize(("item", "weight"), LANSS_WEIGHTS.items())
def test_each_lanss_item_alone_scores_its_weight(instrument_id: str, item: str, weight: int) -> None:
    answers = {i: i == item for i in LANSS_WEIGHTS}
    assert score(instrument_id, answers).score == weight


@pytest.mark.parametrize(
    ("course", "radiating", "total"),
    [
        ("persistent_slight_fluctuations", False, 0),
        ("persistent_with_attacks", False, -1),
        ("attacks", False, 1),
        ("persistent_slight_fluctuations", True, 2),  # radiating pain counts 2 points
    ],
)
def test_paindetect_course_and_radiation_points(course: str, radiating: bool, total: int) -> None:
    assert score("paindetect", [0, 0, 0, 0, 0, 0, 0, course, radiating]).score == total


def test_id_pain_joint_pain_alone_subtracts_one() -> None:
    items = ["pins_and_needles", "hot_burning", "numb", "electric_shocks", "touch_worse", "joints_only"]
    assert score("id_pain", {i: i == "joints_only" for i in items}).score == -1
    assert score("id_pain", {i: i == "hot_burning" for i in items}).score == 1


@pytest.mark.parametrize(("item_nine", "flagged"), [(0, False), (1, True), (3, True)])
def test_phq9_item_nine_flags_from_its_lowest_non_zero_answer(item_nine: int, flagged: bool) -> None:
    answers = [0, 0, 0, 0, 0, 0, 0, 0, item_nine]
    assert ("suicide_risk" in score("phq9", answers).flags) is flagged


def test_band_by_id_gives_none_for_no_band_or_an_unknown_one() -> None:
    phq9 = get_instrument("phq9")
    assert band_by_id(phq9, "mild") is phq9.bands[1]
    assert band_by_id(phq9, None) is None
    assert band_by_id(phq9, "no_such_band") is None


def test_an_unknown_instrument_is_named_in_the_error() -> None:
    with pytest.raises(UnknownIdentifier) as raised:
        get_instrument("no_such_questionnaire")
    assert (raised.value.field, raised.value.value) == ("instrument", "no_such_questionnaire")


# Where a definition allows missing items (none of the shipped ones does yet), PHQ-9 read that way:
PHQ9_PARTIAL = get_instrument("phq9").model_copy(update={"missing_items_allowed": True})


def test_no_answered_item_at_all_is_refused_with_what_was_expected() -> None:
    with pytest.raises(InvalidInput) as raised:
        score_instrument(PHQ9_PARTIAL, {})
    assert (raised.value.field, raised.value.value, raised.value.expected) == (
        "answers",
        {},
        "at least one answered item",
    )


def test_an_unanswered_flag_item_raises_no_flag() -> None:
    result = score_instrument(PHQ9_PARTIAL, {"interest": 3, "mood": 3})
    assert (result.score, result.flags, result.complete, result.band) == (6, [], False, None)
