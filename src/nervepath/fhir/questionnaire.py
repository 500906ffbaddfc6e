"""Instruments as FHIR R4 Questionnaire, QuestionnaireResponse and score Observation.

Every answer option carries its weighted points as an ``ordinalValue`` extension on its coding;
a QuestionnaireResponse copies the chosen coding whole (as form renderers do), so the readOnly
``total_score`` item's SDC ``calculatedExpression`` (FHIRPath) recomputes nervepath's score from
the response alone. Resources are validated with ``fhir.resources`` R4B models before return.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from nervepath.errors import InvalidInput
from nervepath.fhir import codes
from nervepath.instruments import Instrument, Score, get_instrument
from nervepath.instruments.answers import read_answers
from nervepath.instruments.models import Item, Method, Option
from nervepath.instruments.scoring import band_by_id

TOTAL_LINK_ID = "total_score"


def questionnaire(instrument: Instrument) -> dict[str, Any]:
    """A FHIR R4 Questionnaire for one instrument.

    Takes: an instrument definition. Returns: the Questionnaire as a JSON-ready dict, with one
    choice item per question (answer options as valueCoding with ordinalValue = weighted points)
    and a readOnly total-score item computed by an SDC calculatedExpression.
    """
    data: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": resource_id(instrument),
        "url": canonical(instrument),
        "name": instrument.id.replace("_", " ").title().replace(" ", ""),
        "title": instrument.name,
        "status": "active",
        "description": instrument.description,
        "item": [_question(instrument, item) for item in instrument.items] + [_total_item(instrument)],
    }
    if instrument.codes.loinc_panel:
        data["code"] = [{"system": codes.LOINC, "code": instrument.codes.loinc_panel}]
    return _valid(Questionnaire, data)


def resource_id(instrument: Instrument) -> str:
    """A FHIR id for the instrument (FHIR ids allow no underscores)."""
    return instrument.id.replace("_", "-")


def canonical(instrument: Instrument) -> str:
    """The canonical URL of the instrument's Questionnaire (URLs, unlike ids, keep the underscore)."""
    return f"{codes.QUESTIONNAIRE_BASE}/{instrument.id}"


def total_expression(instrument: Instrument) -> str:
    """FHIRPath computing the total from a QuestionnaireResponse (``%resource``)."""
    ids = " | ".join(f"'{i.id}'" for i in instrument.scored_items())
    points = (
        f"%resource.item.where(linkId in ({ids})).answer.valueCoding"
        f".extension.where(url = '{codes.ORDINAL_VALUE}').valueDecimal"
        ".aggregate($this + $total, 0)"
    )
    if instrument.scoring.total is Method.mean:
        return f"({points}) / {len(instrument.scored_items())}"
    return points


def _question(instrument: Instrument, item: Item) -> dict[str, Any]:
    options = instrument.answer_set(item).options_for_display()
    return {
        "linkId": item.id,
        "code": [{"system": codes.INSTRUMENT_ITEM, "code": f"{instrument.id}.{item.id}"}],
        "text": item.text,
        "type": "choice",
        "required": item.required,
        "answerOption": [{"valueCoding": answer_coding(item, o)} for o in options],
    }


def answer_coding(item: Item, option: Option) -> dict[str, Any]:
    """The Coding of one answer option, with its weighted points as ordinalValue."""
    return {
        "extension": [{"url": codes.ORDINAL_VALUE, "valueDecimal": option.value * item.weight}],
        "system": codes.INSTRUMENT_ANSWER,
        "code": option.code,
        "display": option.label,
    }


def _total_item(instrument: Instrument) -> dict[str, Any]:
    expression = {"language": "text/fhirpath", "expression": total_expression(instrument)}
    return {
        "extension": [{"url": codes.CALCULATED_EXPRESSION, "valueExpression": expression}],
        "linkId": TOTAL_LINK_ID,
        "code": [score_coding(instrument)],
        "text": f"{instrument.short_name} total score",
        "type": "decimal" if instrument.scoring.total is Method.mean else "integer",
        "readOnly": True,
    }


def score_coding(instrument: Instrument) -> dict[str, Any]:
    """LOINC code of the total where confirmed, otherwise nervepath's instrument code."""
    if instrument.codes.loinc_total:
        return {"system": codes.LOINC, "code": instrument.codes.loinc_total, "display": instrument.short_name}
    return {"system": codes.INSTRUMENT, "code": instrument.id, "display": f"{instrument.short_name} score"}


def questionnaire_response(
    instrument: Instrument, answers: Any, score: Score, subject_ref: str, authored: datetime
) -> dict[str, Any]:
    """A completed QuestionnaireResponse holding the answers and the score.

    Raises: InvalidInput naming ``answers.<item>`` for a bad answer, ``score`` when the score is
    for another instrument, ``authored`` for a datetime without a time zone.
    """
    if score.instrument != instrument.id:
        raise InvalidInput("score", score.instrument, f"a score of {instrument.id}")
    values = read_answers(instrument, answers)
    items = [_answer_item(instrument, i, values[i.id]) for i in instrument.items if i.id in values]
    total = {"linkId": TOTAL_LINK_ID, "answer": [_total_value(score)]}
    data = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(instrument),
        "status": "completed" if score.complete else "in-progress",
        "subject": {"reference": subject_ref},
        "authored": _instant(authored, "authored"),
        "item": [*items, total],
    }
    return _valid(QuestionnaireResponse, data)


def _answer_item(instrument: Instrument, item: Item, value: int) -> dict[str, Any]:
    option = next(o for o in instrument.answer_set(item).options_for_display() if o.value == value)
    return {"linkId": item.id, "text": item.text, "answer": [{"valueCoding": answer_coding(item, option)}]}


def _total_value(score: Score) -> dict[str, Any]:
    return {"valueDecimal": score.score} if isinstance(score.score, float) else {"valueInteger": score.score}


def score_observation(score: Score, subject_ref: str, effective: datetime) -> dict[str, Any]:
    """An Observation of one instrument score: code, value, band as interpretation, subscores.

    Clinical source: LOINC codes as listed in the instrument's data file (only confirmed ones).
    """
    instrument = get_instrument(score.instrument)
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": [score_coding(instrument)], "text": instrument.name},
        "subject": {"reference": subject_ref},
        "effectiveDateTime": _instant(effective, "effective"),
        **_observation_value(score),
    }
    band = band_by_id(instrument, score.band)
    if band is not None:
        coding = {
            "system": codes.INSTRUMENT_BAND,
            "code": f"{instrument.id}.{band.id}",
            "display": band.label,
        }
        data["interpretation"] = [{"coding": [coding]}]
    if score.subscores:
        data["component"] = [_component(instrument, k, v) for k, v in score.subscores.items()]
    return _valid(Observation, data)


def _observation_value(score: Score) -> dict[str, Any]:
    if isinstance(score.score, float):
        return {"valueQuantity": _quantity(score.score)}
    return {"valueInteger": score.score}


def _quantity(value: float) -> dict[str, Any]:
    return {"value": value, "system": codes.UCUM, "code": "{score}", "unit": "score"}


def _component(instrument: Instrument, name: str, value: float) -> dict[str, Any]:
    code = {"system": codes.INSTRUMENT_ITEM, "code": f"{instrument.id}.{name}"}
    return {"code": {"coding": [code]}, "valueQuantity": _quantity(value)}


def _instant(moment: datetime, field: str) -> str:
    if moment.tzinfo is None:
        raise InvalidInput(field, moment.isoformat(), "a date-time with a time zone")
    return moment.isoformat()


def _valid(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    # Validation guards our own output: a mapping bug fails here, not in a partner system.
    model.model_validate(data)
    return data
