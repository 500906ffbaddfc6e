"""Instruments as FHIR R4: resources validate with fhir.resources R4B, and the Questionnaire's
calculatedExpression, evaluated by fhirpathpy on a response, gives nervepath's own score."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhirpathpy import evaluate
from hypothesis import given, settings
from hypothesis import strategies as st

from nervepath.errors import InvalidInput
from nervepath.fhir import codes
from nervepath.fhir.questionnaire import questionnaire, questionnaire_response, score_observation
from nervepath.instruments import Instrument, get_instrument, instrument_ids, score
from nervepath.instruments.models import AnswerKind, Item

IDS = instrument_ids()
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def as_answer(inst: Instrument, item: Item, value: int) -> Any:
    return bool(value) if inst.answer_set(item).kind is AnswerKind.yes_no else value


def extreme_answers(inst: Instrument, highest: bool) -> dict[str, Any]:
    def pick(item: Item) -> int:
        return (max if highest else min)(
            inst.answer_set(item).allowed_values(), key=lambda v: v * item.weight
        )

    return {item.id: as_answer(inst, item, pick(item)) for item in inst.items}


def valid_answers(inst: Instrument) -> st.SearchStrategy[dict[str, Any]]:
    def choices(item: Item) -> list[Any]:
        return [as_answer(inst, item, v) for v in inst.answer_set(item).allowed_values()]

    return st.fixed_dictionaries({item.id: st.sampled_from(choices(item)) for item in inst.items})


def calculated_total(instrument_id: str, response: dict[str, Any]) -> float:
    total_item = questionnaire(get_instrument(instrument_id))["item"][-1]
    (extension,) = [e for e in total_item["extension"] if e["url"] == codes.CALCULATED_EXPRESSION]
    assert extension["valueExpression"]["language"] == "text/fhirpath"
    (value,) = evaluate(response, extension["valueExpression"]["expression"], {"resource": response})
    assert isinstance(value, Decimal | int)
    return float(value)


@pytest.mark.parametrize("instrument_id", IDS)
def test_it_exports_a_valid_questionnaire(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    data = questionnaire(inst)
    resource = Questionnaire.model_validate(data)
    assert [i.linkId for i in resource.item][:-1] == [i.id for i in inst.items]
    total = resource.item[-1]
    assert total.readOnly is True
    assert total.extension[0].url == codes.CALCULATED_EXPRESSION


def test_it_uses_the_canonical_url_other_fhir_modules_expect() -> None:
    data = questionnaire(get_instrument("dn4_interview"))
    assert data["url"] == f"{codes.QUESTIONNAIRE_BASE}/dn4_interview"
    assert data["id"] == "dn4-interview"


def test_it_codes_totals_with_loinc_only_where_confirmed() -> None:
    phq9 = questionnaire(get_instrument("phq9"))
    assert phq9["code"] == [{"system": codes.LOINC, "code": "44249-1"}]
    assert phq9["item"][-1]["code"][0]["code"] == "44261-6"
    dn4 = questionnaire(get_instrument("dn4"))
    assert "code" not in dn4
    assert dn4["item"][-1]["code"][0] == {"system": codes.INSTRUMENT, "code": "dn4", "display": "DN4 score"}


@pytest.mark.parametrize("instrument_id", IDS)
@pytest.mark.parametrize("highest", [False, True])
def test_it_computes_the_extremes_from_a_response(instrument_id: str, highest: bool) -> None:
    inst = get_instrument(instrument_id)
    answers = extreme_answers(inst, highest)
    result = score(instrument_id, answers)
    response = questionnaire_response(inst, answers, result, "Patient/p1", WHEN)
    QuestionnaireResponse.model_validate(response)
    assert calculated_total(instrument_id, response) == pytest.approx(result.score)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_it_computes_nervepath_s_own_score_from_any_valid_response(data: st.DataObject) -> None:
    inst = get_instrument(data.draw(st.sampled_from(IDS)))
    answers = data.draw(valid_answers(inst))
    result = score(inst.id, answers)
    response = questionnaire_response(inst, answers, result, "Patient/p1", WHEN)
    assert calculated_total(inst.id, response) == pytest.approx(result.score)


def test_it_exports_a_score_observation_with_loinc_and_band() -> None:
    result = score("phq9", [1, 1, 0, 2, 0, 1, 0, 0, 0])
    data = score_observation(result, "Patient/p1", WHEN)
    resource = Observation.model_validate(data)
    assert resource.code.coding[0].system == codes.LOINC
    assert resource.code.coding[0].code == "44261-6"
    assert resource.valueInteger == 5
    assert resource.interpretation[0].coding[0].code == "phq9.mild"


@pytest.mark.parametrize(
    ("instrument_id", "answers"),
    [("peg", [7, 5, 5]), ("nrs", [6]), ("npsi", [5, 4, 2, None, 1, 0, None, 3, 3, 0, 7, 8])],
)
def test_it_exports_valid_observations_for_means_and_subscores(
    instrument_id: str, answers: list[Any]
) -> None:
    result = score(instrument_id, answers)
    resource = Observation.model_validate(score_observation(result, "Patient/p1", WHEN))
    if isinstance(result.score, float):
        assert float(resource.valueQuantity.value) == pytest.approx(result.score)
    else:
        assert resource.valueInteger == result.score
    assert len(resource.component or []) == len(result.subscores)


def test_it_marks_nrs_with_its_loinc_code() -> None:
    data = score_observation(score("nrs", [6]), "Patient/p1", WHEN)
    assert data["code"]["coding"][0]["code"] == "72514-3"


def test_it_refuses_a_score_of_another_instrument_and_a_naive_time() -> None:
    dn4 = get_instrument("dn4")
    answers = extreme_answers(dn4, highest=True)
    with pytest.raises(InvalidInput) as info:
        questionnaire_response(dn4, answers, score("nrs", [1]), "Patient/p1", WHEN)
    assert info.value.field == "score"
    with pytest.raises(InvalidInput) as info:
        questionnaire_response(dn4, answers, score("dn4", answers), "Patient/p1", datetime(2026, 3, 1))
    assert info.value.field == "authored"
