"""Bad input fails with a message naming the field; missing keys stay unknown."""

from __future__ import annotations

import pytest

from nervepath.clinical.case import parse_case, parse_case_text
from nervepath.errors import InvalidInput, UnknownIdentifier
from tests.clinical.conftest import make_case


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"patient": {"agee": 50}}, "patient.agee"),
        ({"pain": {"nrs_average": 12}}, "pain.nrs_average"),
        ({"pain": {"nrs_average": 6.5}}, "pain.nrs_average"),
        ({"patient": {"age": 130}}, "patient.age"),
        ({"patient": {"age": 16}}, "patient.age"),
        ({"patient": {"weight_kg": 0}}, "patient.weight_kg"),
        ({"patient": {"serum_creatinine_mg_dl": 45}}, "patient.serum_creatinine_mg_dl"),
        ({"patient": {"pregnant": True}}, "patient.pregnant"),
        ({"conditions": ["diabetes_type_2", "hypertension", "diabetes"]}, "conditions[2]"),
        ({"medications": [{"id": "aspirin_xr"}]}, "medications[0].id"),
        ({"trials": [{"drug": "metformin"}]}, "trials[0].drug"),
        ({"pain": {"etiology": "sciatica"}}, "pain.etiology"),
        ({"red_flag_findings": ["headache"]}, "red_flag_findings[0]"),
        ({"trials": [{"drug": "pregabalin", "stopped_because": "bored"}]}, "trials[0].stopped_because"),
        ({"answers": {"phq9": [1, 1]}}, "answers.phq9"),
        ({"answers": {"dn5": {}}}, "answers.dn5"),
    ],
)
def test_it_names_the_field_of_bad_input(overrides, field):
    from nervepath.clinical.assess import assess_json

    with pytest.raises(InvalidInput) as caught:
        assess_json(make_case(**overrides))
    assert caught.value.field.startswith(field)


def test_it_lists_known_ids_for_an_unknown_condition():
    with pytest.raises(UnknownIdentifier) as caught:
        parse_case(make_case(conditions=["diabetes"]))
    assert "diabetes_type_2" in caught.value.known


def test_it_reports_line_and_column_of_a_json_syntax_error():
    with pytest.raises(InvalidInput) as caught:
        parse_case_text('{"patient": {"age": 50,}\n}')
    assert "line 1 column" in str(caught.value)


def test_it_refuses_a_case_that_is_not_an_object():
    with pytest.raises(InvalidInput, match="JSON object"):
        parse_case([1, 2])


def test_it_keeps_missing_optional_keys_unknown():
    case = parse_case({"patient": {"age": 40}})
    assert case.patient.serum_creatinine_mg_dl is None
    assert case.pain.etiology is None
    assert case.exam.sensory_signs_in_painful_area is None


def test_it_reads_true_false_hla_status_as_positive_negative():
    assert parse_case(make_case(patient={"hla_b_1502": True})).patient.hla_b_1502 == "positive"
    assert parse_case(make_case(patient={"hla_b_1502": False})).patient.hla_b_1502 == "negative"
