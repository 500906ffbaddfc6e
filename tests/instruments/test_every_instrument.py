"""Tests every instrument gets for free from its data file: minimum, maximum, missing items,
and property tests over valid and invalid answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nervepath.errors import InvalidInput
from nervepath.instruments import get_instrument, instrument_ids, score
from nervepath.sources import all_sources
from tests.instruments.helpers import extreme_answers, invalid_value, valid_answers

IDS = instrument_ids()


def test_it_knows_every_instrument_of_the_case_format() -> None:
    expected = {"dn4", "dn4_interview", "lanss", "s_lanss", "id_pain", "npsi", "paindetect"}
    expected |= {"phq9", "gad7", "peg", "pgic", "nrs", "dsis"}
    assert set(IDS) == expected


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_scores_the_minimum(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    result = score(instrument_id, extreme_answers(inst, highest=False))
    assert result.score == inst.range.min == result.min
    assert result.complete


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_scores_the_maximum(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    result = score(instrument_id, extreme_answers(inst, highest=True))
    assert result.score == inst.range.max == result.max


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_refuses_each_missing_required_item(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    for item in [i for i in inst.items if i.required]:
        answers = extreme_answers(inst, highest=True)
        del answers[item.id]
        with pytest.raises(InvalidInput) as info:
            score(instrument_id, answers)
        assert info.value.field == f"answers.{item.id}"


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_accepts_a_list_in_item_order(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    answers = extreme_answers(inst, highest=True)
    assert score(instrument_id, list(answers.values())) == score(instrument_id, answers)


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_cites_only_registered_sources(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    cited = set(inst.sources) | {s for f in inst.flags for s in f.sources}
    assert cited <= set(all_sources())


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_gives_a_band_for_every_whole_score_when_bands_exist(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    covered = [v for b in inst.bands for v in range(b.min, b.max + 1)]
    assert covered in ([], list(range(inst.range.min, inst.range.max + 1)))


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_it_scores_every_valid_answer_set_inside_the_range(data: st.DataObject) -> None:
    inst = get_instrument(data.draw(st.sampled_from(IDS)))
    result = score(inst.id, data.draw(valid_answers(inst)))
    assert inst.range.min <= result.score <= inst.range.max
    assert (result.band is None) == (not inst.bands)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_it_names_the_item_of_any_invalid_answer(data: st.DataObject) -> None:
    inst = get_instrument(data.draw(st.sampled_from(IDS)))
    answers: dict[str, Any] = data.draw(valid_answers(inst))
    item = data.draw(st.sampled_from(inst.items))
    answers[item.id] = data.draw(invalid_value(inst, item))
    with pytest.raises(InvalidInput) as info:
        score(inst.id, answers)
    assert info.value.field == f"answers.{item.id}"


@settings(max_examples=20, deadline=None)
@given(data=st.data(), unknown=st.from_regex(r"[a-z]{3,12}", fullmatch=True))
def test_it_names_an_unknown_item_id(data: st.DataObject, unknown: str) -> None:
    inst = get_instrument(data.draw(st.sampled_from(IDS)))
    answers: dict[str, Any] = data.draw(valid_answers(inst))
    assume(unknown not in answers)
    answers[unknown] = 1
    with pytest.raises(InvalidInput) as info:
        score(inst.id, answers)
    assert info.value.field == f"answers.{unknown}"
