"""Cockcroft-Gault, the label renal tables and MME/day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.mme import mme_per_day
from nervepath.clinical.renal import cockcroft_gault, creatinine_clearance, renal_max
from nervepath.sources import all_sources


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


# The usual maxima of the drug table (mg/day); written out, so a change there shows here too.
USUAL = {"gabapentin": 3600, "pregabalin": 600, "tramadol": 400, "venlafaxine": 225}

# Every band edge of every renal table, on both sides, with the maximum the label gives there (mg/day),
# written out from the label - not recomputed from the data file.
# Gabapentin (Neurontin): >=60 3600; >30-59 1400; >15-29 700; 15 300; below 15 in proportion to CrCl.
# Pregabalin (Lyrica): >=60 600; 30-60 300; 15-30 150; <15 75 (an edge shared by two rows takes the upper).
# Tramadol (Ultram): <30 every 12 h, at most 200.
# Venlafaxine (Effexor XR): mild 60-89 and moderate 30-59 cut 25-50 % (at most 75 % of 225 = 168.75);
# severe <30 cut 50 % or more (at most 112.5).
EDGES = [
    ("gabapentin", 150, 3600, False),
    ("gabapentin", 60.1, 3600, False),
    ("gabapentin", 60, 3600, False),
    ("gabapentin", 59.9, 1400, True),
    ("gabapentin", 47, 1400, True),
    ("gabapentin", 30.1, 1400, True),
    ("gabapentin", 30, 700, True),
    ("gabapentin", 29.9, 700, True),
    ("gabapentin", 20, 700, True),
    ("gabapentin", 15.1, 700, True),
    ("gabapentin", 15, 300, True),
    ("gabapentin", 14.9, 298, True),
    ("gabapentin", 10, 200, True),
    ("gabapentin", 7.5, 150, True),
    ("gabapentin", 3, 60, True),
    ("pregabalin", 150, 600, False),
    ("pregabalin", 60.1, 600, False),
    ("pregabalin", 60, 600, False),
    ("pregabalin", 59.9, 300, True),
    ("pregabalin", 45, 300, True),
    ("pregabalin", 30.1, 300, True),
    ("pregabalin", 30, 300, True),
    ("pregabalin", 29.9, 150, True),
    ("pregabalin", 20, 150, True),
    ("pregabalin", 15.1, 150, True),
    ("pregabalin", 15, 150, True),
    ("pregabalin", 14.9, 75, True),
    ("pregabalin", 12, 75, True),
    ("pregabalin", 0, 75, True),
    ("tramadol", 150, 400, False),
    ("tramadol", 30.1, 400, False),
    ("tramadol", 30, 400, False),
    ("tramadol", 29.9, 200, True),
    ("tramadol", 10, 200, True),
    ("tramadol", 0, 200, True),
    ("venlafaxine", 150, 225, False),
    ("venlafaxine", 90.1, 225, False),
    ("venlafaxine", 90, 225, False),
    ("venlafaxine", 89.9, 168.75, True),
    ("venlafaxine", 70, 168.75, True),
    ("venlafaxine", 60, 168.75, True),
    ("venlafaxine", 59.9, 168.75, True),
    ("venlafaxine", 50, 168.75, True),
    ("venlafaxine", 30.1, 168.75, True),
    ("venlafaxine", 30, 168.75, True),
    ("venlafaxine", 29.9, 112.5, True),
    ("venlafaxine", 10.1, 112.5, True),
    ("venlafaxine", 10, 112.5, True),
    ("venlafaxine", 9.9, 112.5, True),
    ("venlafaxine", 0, 112.5, True),
]


@pytest.mark.parametrize(("drug", "crcl", "expected", "adjusted"), EDGES)
def test_it_gives_the_label_maximum_on_both_sides_of_every_band_edge(drug, crcl, expected, adjusted):
    dose = renal_max(drug, USUAL[drug], crcl)
    assert dose is not None
    assert (dose.max_daily_mg, dose.adjusted) == (expected, adjusted)


@pytest.mark.parametrize(
    ("crcl", "expected"),
    # Neurontin footnote: below 15, the daily dose falls in proportion to CrCl (7.5 gets half the CrCl-15
    # dose); nervepath rounds to whole mg: 300 x 14.93 / 15 = 298.6 -> 299.
    [(14.93, 299), (12, 240), (7.5, 150), (5, 100), (1.5, 30)],
)
def test_it_lowers_gabapentin_below_crcl_15_in_proportion(crcl, expected):
    dose = renal_max("gabapentin", 3600, crcl)
    assert dose is not None
    assert dose.max_daily_mg == expected


@pytest.mark.parametrize("drug", sorted(USUAL))
def test_it_reads_the_usual_maximum_from_the_drug_table_in_the_top_band(drug):
    usual = load_drugs()[drug].max_daily_mg
    assert usual == USUAL[drug]
    dose = renal_max(drug, usual, 120)
    assert dose is not None
    assert (dose.max_daily_mg, dose.adjusted, dose.start, dose.titration) == (USUAL[drug], False, None, None)


@pytest.mark.parametrize(
    ("drug", "crcl", "start", "titration"),
    [
        ("gabapentin", 60, None, None),
        (
            "gabapentin",
            59.9,
            "200 mg twice daily (400 mg/day)",
            "raise as tolerated through 300, 400, 500, then 700 mg twice daily; never above 1400 mg/day",
        ),
        (
            "gabapentin",
            30,
            "200 mg once daily",
            "raise as tolerated through 300, 400, 500, then 700 mg once daily; never above 700 mg/day",
        ),
        (
            "gabapentin",
            15,
            "100 mg once daily; below CrCl 15, less in proportion (at CrCl 7.5, half)",
            "raise as tolerated through 125, 150, 200, then 300 mg once daily, each lowered in proportion "
            "below CrCl 15",
        ),
        ("pregabalin", 60, None, None),
        (
            "pregabalin",
            59.9,
            "75 mg/day in 2 or 3 doses",
            "raise as tolerated to 150 mg/day, then 225, and at most 300 mg/day, in 2 or 3 doses",
        ),
        (
            "pregabalin",
            29.9,
            "25-50 mg/day in 1 or 2 doses",
            "raise as tolerated to 75 mg/day, then 100-150 mg/day at most, in 1 or 2 doses",
        ),
        (
            "pregabalin",
            12,
            "25 mg once daily",
            "raise as tolerated to 25-50 mg, then 50-75 mg at most, once daily",
        ),
        ("tramadol", 30, None, None),
        (
            "tramadol",
            29.9,
            "the usual single dose, no more often than every 12 hours",
            "raise the dose, not the frequency: every 12 hours, at most 200 mg/day",
        ),
        ("venlafaxine", 90, None, None),
        (
            "venlafaxine",
            89.9,
            "the usual start, with the total daily dose reduced by 25-50%",
            "the usual steps, keeping the total daily dose 25-50% below the usual dose",
        ),
        (
            "venlafaxine",
            29.9,
            "the usual start, with the total daily dose reduced by half or more",
            "the usual steps, keeping the total daily dose at half the usual dose or less",
        ),
    ],
)
def test_it_gives_each_band_its_own_start_and_titration(drug, crcl, start, titration):
    dose = renal_max(drug, USUAL[drug], crcl)
    assert dose is not None
    assert (dose.start, dose.titration) == (start, titration)


def test_it_starts_pregabalin_at_25_mg_at_crcl_12_not_at_the_usual_150():
    dose = renal_max("pregabalin", 600, 12)
    assert dose is not None
    assert dose.start == "25 mg once daily"
    assert "150" not in dose.start


def test_it_names_the_band_and_cites_the_current_venlafaxine_label():
    dose = renal_max("venlafaxine", 225, 20)
    assert dose is not None
    assert dose.band == "CrCl under 30: total daily dose reduced by half or more"
    assert dose.sources == ["label_effexor_xr_2023"]
    assert set(dose.sources) <= set(all_sources())


def test_it_scales_venlafaxine_from_whatever_usual_maximum_it_is_given():
    dose = renal_max("venlafaxine", 375, 20)
    assert dose is not None
    assert dose.max_daily_mg == 187.5


def test_it_leaves_the_maximum_unknown_when_a_factor_band_has_no_usual_maximum():
    dose = renal_max("venlafaxine", None, 20)
    assert dose is not None
    assert (dose.max_daily_mg, dose.adjusted) == (None, False)


def test_it_gives_no_renal_limit_when_clearance_is_unknown():
    assert renal_max("pregabalin", 600, None) is None


@given(crcl=st.floats(0, 250, allow_nan=False), drop=st.floats(0, 250, allow_nan=False))
@pytest.mark.parametrize("drug", sorted(USUAL))
def test_it_never_allows_more_at_a_lower_clearance(drug, crcl, drop):
    higher, lower = renal_max(drug, USUAL[drug], crcl), renal_max(drug, USUAL[drug], max(crcl - drop, 0))
    assert higher is not None
    assert lower is not None
    assert (lower.max_daily_mg or 0) <= (higher.max_daily_mg or 0) <= USUAL[drug]


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
