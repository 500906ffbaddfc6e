"""Cockcroft-Gault, the label renal tables and MME/day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nervepath.clinical.mme import mme_per_day
from nervepath.clinical.renal import cockcroft_gault, creatinine_clearance, renal_max


def test_it_computes_the_documented_cockcroft_gault_example():
    assert cockcroft_gault(67, 60, 1.1, female=True) == 47.0


def test_it_matches_an_independent_computation_for_a_man():
    assert cockcroft_gault(40, 70, 1.0, female=False) == round((140 - 40) * 70 / 72, 1)


@given(
    age=st.integers(18, 110),
    weight=st.floats(30, 200),
    creatinine=st.floats(0.3, 10),
    female=st.booleans(),
)
def test_it_falls_as_creatinine_rises(age, weight, creatinine, female):
    assert cockcroft_gault(age, weight, creatinine * 1.5, female) <= cockcroft_gault(
        age, weight, creatinine, female
    )


def test_it_returns_none_rather_than_assume_normal_kidneys():
    assert creatinine_clearance(60, 70, None, "male") is None
    assert creatinine_clearance(60, None, 1.0, "male") is None
    assert creatinine_clearance(60, 70, 1.0, None) is None


def test_it_refuses_non_positive_values():
    with pytest.raises(ValueError, match="positive"):
        cockcroft_gault(50, 70, 0, female=False)


@pytest.mark.parametrize(
    ("drug", "crcl", "expected", "adjusted"),
    [
        ("gabapentin", 90, 3600, False),
        ("gabapentin", 60, 3600, False),
        ("gabapentin", 47, 1400, True),
        ("gabapentin", 30, 700, True),
        ("gabapentin", 20, 700, True),
        ("gabapentin", 15, 300, True),
        ("gabapentin", 7.5, 150, True),
        ("pregabalin", 60, 600, False),
        ("pregabalin", 45, 300, True),
        ("pregabalin", 20, 150, True),
        ("pregabalin", 10, 75, True),
        ("tramadol", 40, 400, False),
        ("tramadol", 25, 200, True),
        ("venlafaxine", 50, 168.75, True),
    ],
)
def test_it_applies_the_label_renal_tables(drug, crcl, expected, adjusted):
    usual = {"gabapentin": 3600, "pregabalin": 600, "tramadol": 400, "venlafaxine": 225}[drug]
    dose = renal_max(drug, usual, crcl)
    assert dose is not None
    assert (dose.max_daily_mg, dose.adjusted) == (expected, adjusted)


def test_it_has_no_renal_limit_for_drugs_without_a_table():
    assert renal_max("duloxetine", 120, 20) is None


def test_it_sums_mme_with_cdc_factors():
    assert mme_per_day([("oxycodone", 30), ("metformin", 2000)]).per_day == 45
    assert mme_per_day([("fentanyl_patch", 25), ("tramadol", 100)]).per_day == 80


def test_it_leaves_buprenorphine_out_with_a_note():
    result = mme_per_day([("buprenorphine", 10), ("morphine", 10)])
    assert result.per_day == 10
    assert "buprenorphine" in result.notes[0]


def test_it_reports_unknown_mme_when_an_opioid_dose_is_missing():
    assert mme_per_day([("morphine", None)]).per_day is None


def test_it_reports_zero_mme_without_opioids():
    assert mme_per_day([]).per_day == 0
