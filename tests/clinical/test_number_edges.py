"""Tests that catch a wrong number in the clinical core (issue 17, point 7; docs/mutation.md).

Every expected value is written out from its source, never recomputed with the code's formula:
a doubled conversion factor, a band edge moved by one or a threshold turned from >= into > fails here.
"""

from __future__ import annotations

import pytest

from nervepath.clinical.case import Trial
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.mme import mme_per_day, opioid_tolerant
from nervepath.clinical.renal import (
    clearance_weight,
    cockcroft_gault,
    creatinine_clearance,
    ideal_body_weight,
    renal_max,
)
from nervepath.clinical.trials import Verdict, judge
from tests.clinical.conftest import make_case, option

# CDC 2022 Clinical Practice Guideline for Prescribing Opioids for Pain, Table (MME conversion factors):
# codeine 0.15, fentanyl transdermal 2.4 per mcg/h, hydrocodone 1.0, hydromorphone 5.0, methadone 4.7,
# morphine 1.0, oxycodone 1.5, tapentadol 0.4, tramadol 0.2. One dose per opioid that the table turns
# into a round number, and one that leaves a fraction.
MME_CASES = [
    ("morphine", 60, 60.0),
    ("morphine", 7.5, 7.5),
    ("oxycodone", 20, 30.0),  # the guideline's own example: oxycodone 10 mg twice a day = 30 MME
    ("oxycodone", 5, 7.5),
    ("hydrocodone", 20, 20.0),  # the guideline's own example: hydrocodone 5 mg four times a day = 20 MME
    ("hydrocodone", 12.5, 12.5),
    ("hydromorphone", 12, 60.0),
    ("hydromorphone", 2.5, 12.5),
    ("tapentadol", 150, 60.0),
    ("tapentadol", 75, 30.0),
    ("tramadol", 300, 60.0),
    ("tramadol", 50, 10.0),
    ("codeine", 400, 60.0),
    ("codeine", 330, 49.5),
    ("methadone", 10, 47.0),
    ("methadone", 5, 23.5),
    ("fentanyl_patch", 25, 60.0),  # mcg/h
    ("fentanyl_patch", 12.5, 30.0),
]


@pytest.mark.parametrize(("drug", "daily", "expected"), MME_CASES)
def test_each_cdc_conversion_factor_gives_the_guidelines_mme(
    drug: str, daily: float, expected: float
) -> None:
    assert mme_per_day([(drug, daily)]).per_day == expected


def test_every_opioid_with_a_factor_in_the_drug_table_has_its_case_here() -> None:
    with_factor = {d.id for d in load_drugs().values() if d.mme_factor is not None}
    assert with_factor == {drug for drug, _, _ in MME_CASES}


def test_a_fractional_total_keeps_its_tenth() -> None:
    # 330 mg codeine x 0.15 = 49.5 MME: not 50 (rounded to whole numbers), not 49.
    assert mme_per_day([("codeine", 330)]).per_day == 49.5
    # methadone 2.6 mg x 4.7 = 12.22: shown to one decimal.
    assert mme_per_day([("methadone", 2.6)]).per_day == 12.2


def test_it_adds_opioids_and_skips_any_other_drug_wherever_it_stands() -> None:
    meds = [("gabapentin", 1800), ("morphine", 30), ("duloxetine", 60), ("oxycodone", 20)]
    result = mme_per_day(meds)
    assert result.per_day == 60.0  # 30 + 30
    assert result.notes == []


def test_no_opioid_is_zero_not_unknown() -> None:
    assert mme_per_day([("pregabalin", 300)]).per_day == 0


def test_an_opioid_without_its_dose_makes_the_total_unknown_and_says_which() -> None:
    result = mme_per_day([("morphine", 30), ("oxycodone", None)])
    assert result.per_day is None
    assert result.notes == ["oxycodone: daily dose not given, MME/day unknown"]


def test_buprenorphine_has_no_factor_and_is_named_in_a_note() -> None:
    result = mme_per_day([("buprenorphine", 10), ("morphine", 10)])
    assert result.per_day == 10.0
    assert result.notes == ["buprenorphine: no CDC conversion factor, not counted in MME/day"]


# Opioid-tolerant (fentanyl transdermal label; the case-format contract in MME): at least 60 MME/day,
# taken for at least one week; an unknown duration counts as a week.
@pytest.mark.parametrize(
    ("medications", "tolerant"),
    [
        ([("morphine", 60, 1)], True),  # exactly 60 MME for exactly one week
        ([("morphine", 59, 4)], False),
        ([("morphine", 60, 0.9)], False),  # not yet a week
        ([("morphine", 60, None)], True),  # duration not known
        ([("oxycodone", 40, 2)], True),  # 40 x 1.5 = 60
        ([("oxycodone", 39, 2)], False),  # 58.5
        ([("hydromorphone", 12, 2)], True),  # 12 x 5 = 60
        ([("hydromorphone", 11, 2)], False),  # 55
        ([("fentanyl_patch", 25, 2)], True),  # 25 mcg/h x 2.4 = 60
        ([("morphine", 30, 2), ("oxycodone", 20, 2)], True),  # 30 + 30
        ([("morphine", 30, 2), ("oxycodone", 20, 0.5)], False),  # the oxycodone is not a week old
        ([("morphine", 60, 2), ("gabapentin", 3600, 2)], True),
        ([("buprenorphine", 60, 2)], False),  # no factor: adds nothing, never called tolerant
        ([("buprenorphine", 60, 2), ("morphine", 59, 2)], False),
        ([("morphine", None, 2), ("fentanyl_patch", 25, 2)], True),  # a missing dose adds nothing
        ([("morphine", None, 2)], False),
        ([], False),
    ],
)
def test_opioid_tolerant_at_60_mme_for_a_week(
    medications: list[tuple[str, float | None, float | None]], tolerant: bool
) -> None:
    assert opioid_tolerant(medications) is tolerant


# Ideal body weight by Devine (1974): 50 kg for a man, 45.5 kg for a woman, + 2.3 kg per inch over five
# feet, to one decimal. Worked by hand: 178 cm = 70.08 in, 10.08 in over -> 50 + 23.18 = 73.18 -> 73.2;
# 160 cm = 62.99 in, 2.99 over -> 45.5 + 6.88 = 52.38 -> 52.4; 150 cm is under five feet -> the base weight.
@pytest.mark.parametrize(
    ("height_cm", "female", "expected"),
    [(178, False, 73.2), (160, True, 52.4), (150, False, 50.0), (150, True, 45.5)],
)
def test_ideal_body_weight_by_devine_to_one_decimal(height_cm: float, female: bool, expected: float) -> None:
    assert ideal_body_weight(height_cm, female) == expected


# After an adequate trial, IMMPACT (Dworkin 2008): 50 % or more is a substantial response, whether the
# trial is ongoing or was stopped as ineffective; 30-49.9 % is partial. The words are the clinician's.
STOPPED_WHY = (
    "Stopped as ineffective, yet the adequate trial gave {} % less pain (a response by IMMPACT): worth "
    "reconsidering, alone or with a first-line drug of another class."
)


@pytest.mark.parametrize(
    ("relief", "stopped", "verdict", "why"),
    [
        (50, "ineffective", Verdict.responding, STOPPED_WHY.format(50)),
        (49.9, "ineffective", Verdict.partial, STOPPED_WHY.format(49.9)),
        (30, "ineffective", Verdict.partial, STOPPED_WHY.format(30)),
        (50, "ongoing", Verdict.responding, "Substantial relief (50 % less pain): continue."),
        (
            49.9,
            "ongoing",
            Verdict.partial,
            "Partial relief (49.9 % less pain): continue; consider adding a first-line drug of another "
            "class.",
        ),
    ],
)
def test_a_response_after_an_adequate_trial_is_named_at_its_edges(
    relief: float, stopped: str, verdict: Verdict, why: str
) -> None:
    # Pregabalin: adequate after 4 weeks in all and 4 at 300 mg/day or more (drugs.yaml, Dworkin 2007).
    trial = Trial(
        drug="pregabalin",
        max_daily_mg=300,
        weeks_at_max_dose=4,
        weeks_on_trial=4,
        stopped_because=stopped,
        pain_reduction_pct=relief,
    )
    found = judge(trial, load_drugs()["pregabalin"], None)
    assert (found.verdict, found.why) == (verdict, why)


def _pregabalin(stopped: str, relief: float | None, mg: float | None = 300) -> Trial:
    """An adequate pregabalin trial (4 weeks, all at 300 mg/day) unless ``mg`` is lower."""
    return Trial(
        drug="pregabalin",
        max_daily_mg=mg,
        weeks_at_max_dose=4,
        weeks_on_trial=4,
        stopped_because=stopped,
        pain_reduction_pct=relief,
    )


@pytest.mark.parametrize(
    ("trial", "verdict", "why"),
    [
        (_pregabalin("side_effects", 60), Verdict.intolerant, "Stopped because of side effects."),
        (
            _pregabalin("ineffective", None),
            Verdict.ineffective,
            "Adequate trial without meaningful relief: switch to another option.",
        ),
        (
            _pregabalin("ineffective", 20),
            Verdict.ineffective,
            "Adequate trial without meaningful relief (20 % less pain): switch to another option.",
        ),
        (
            _pregabalin("ongoing", 29.9),
            Verdict.ineffective,
            "Adequate trial without meaningful relief (29.9 % less pain): switch to another option.",
        ),
        # The pain rose during the trial: said as more pain, never as a negative "less pain".
        (
            _pregabalin("ineffective", -7.1),
            Verdict.ineffective,
            "Adequate trial without meaningful relief (7.1 % more pain): switch to another option.",
        ),
        (
            _pregabalin("ineffective", 0),
            Verdict.ineffective,
            "Adequate trial without meaningful relief (0 % less pain): switch to another option.",
        ),
        # Adequate and still running, no relief figure yet: keep going and look at the response.
        (_pregabalin("ongoing", None), Verdict.titrating, "Ongoing trial: review the response."),
    ],
)
def test_each_verdict_after_an_adequate_trial_says_why(trial: Trial, verdict: Verdict, why: str) -> None:
    found = judge(trial, load_drugs()["pregabalin"], None)
    assert (found.verdict, found.why) == (verdict, why)


@pytest.mark.parametrize(
    ("trial", "why"),
    [
        # Amitriptyline needs 6 weeks in all and 2 at 25 mg/day or more (drugs.yaml, Dworkin 2007): 6 weeks
        # with no time at the top dose known count no week at an effective dose.
        (
            Trial(drug="amitriptyline", max_daily_mg=25, weeks_on_trial=6, stopped_because="ongoing"),
            "Keep titrating: 2 more weeks at an effective dose.",
        ),
        # A lidocaine plaster needs 3 weeks (no effective dose): an unknown length counts 0 weeks.
        (
            Trial(drug="lidocaine_plaster", stopped_because="ongoing"),
            "Keep titrating: 3 more weeks at an effective dose.",
        ),
    ],
)
def test_unknown_weeks_count_as_none(trial: Trial, why: str) -> None:
    found = judge(trial, load_drugs()[trial.drug], None)
    assert (found.verdict, found.why) == (Verdict.titrating, why)


def test_without_sex_or_height_cockcroft_gault_keeps_the_actual_weight() -> None:
    # 120 kg at 170 cm is a BMI of 41.5; the adjusted weight needs both height and sex (Devine).
    assert clearance_weight(120, 170, None).model_dump() == {"kg": 120, "kind": "actual", "bmi": 41.5}
    assert clearance_weight(120, None, "male").model_dump() == {"kg": 120, "kind": "actual", "bmi": None}
    assert clearance_weight(120, 170, "male").model_dump() == {"kg": 87.5, "kind": "adjusted", "bmi": 41.5}


# Adjusted body weight from a BMI of 30 (case-format contract): ideal + 0.4 x (actual - ideal), one decimal.
# Worked by hand, 170 cm (66.93 in, 6.93 over five feet): ideal 50 + 15.94 = 65.9 kg for a man,
# 45.5 + 15.94 = 61.4 kg for a woman. 86.7 kg at 170 cm is a BMI of exactly 30.0: 65.9 + 0.4 x 20.8 = 74.22
# -> 74.2. 86.4 kg is 29.9: the actual weight. A woman of 120 kg: 61.4 + 0.4 x 58.6 = 84.84 -> 84.8.
@pytest.mark.parametrize(
    ("weight", "sex", "expected"),
    [
        (86.7, "male", {"kg": 74.2, "kind": "adjusted", "bmi": 30.0}),
        (86.4, "male", {"kg": 86.4, "kind": "actual", "bmi": 29.9}),
        (120, "female", {"kg": 84.8, "kind": "adjusted", "bmi": 41.5}),
    ],
)
def test_adjusted_weight_from_a_bmi_of_exactly_30(
    weight: float, sex: str, expected: dict[str, object]
) -> None:
    assert clearance_weight(weight, 170, sex).model_dump() == expected


def test_cockcroft_gault_for_a_woman_and_at_its_floor() -> None:
    # The documented example: 67 y, 60 kg, 1.1 mg/dL, woman: 73 x 60 / 79.2 x 0.85 = 47.0.
    assert creatinine_clearance(67, 60, 1.1, "female") == 47.0
    # 120 y, 40 kg, 15 mg/dL, man: 20 x 40 / 1080 = 0.74 -> 0.7 (kept, not raised to 1).
    assert creatinine_clearance(120, 40, 15, "male") == 0.7
    # Past 140 years the formula turns negative: reported as 0.
    assert creatinine_clearance(141, 70, 1.0, "male") == 0.0
    # 1 kg is a weight like any other: 100 x 1 / 72 = 1.39 -> 1.4.
    assert cockcroft_gault(40, 1, 1.0, female=False) == 1.4


@pytest.mark.parametrize(("weight", "creatinine"), [(0, 1.0), (-5, 1.0), (70, 0), (70, -1)])
def test_cockcroft_gault_refuses_a_weight_or_creatinine_that_is_not_positive(
    weight: float, creatinine: float
) -> None:
    with pytest.raises(ValueError, match=r"^weight and serum creatinine must be positive$"):
        cockcroft_gault(50, weight, creatinine, female=False)


def test_a_renal_factor_keeps_two_decimals() -> None:
    # Venlafaxine at CrCl 50 keeps 75 % of the usual maximum: 112.5 mg -> 84.375 -> 84.38 mg/day.
    dose = renal_max("venlafaxine", 112.5, 50)
    assert dose is not None
    assert dose.max_daily_mg == 84.38


# Tricyclic antidepressants: 25-150 mg/day (NeuPSIG 2015, Finnerup et al., as drugs.yaml cites it); the
# option of a patient with normal kidneys carries that maximum.
@pytest.mark.parametrize(("drug", "maximum"), [("amitriptyline", 150), ("nortriptyline", 150)])
def test_a_tca_option_carries_its_usual_maximum(run, drug: str, maximum: float) -> None:
    assert option(run(make_case()), drug)["max_daily_mg"] == maximum


# Trigeminal neuralgia: carbamazepine from 200 mg/day, at most 1600; oxcarbazepine from 300, at most 1800
# (drugs.yaml, citing NICE CKS and EAN 2019). Without a trial length in the sources, a trial stopped as
# ineffective counts only when it reached that lowest effective dose.
@pytest.mark.parametrize(
    ("drug", "mg", "verdict", "why"),
    [
        ("carbamazepine", 200, Verdict.ineffective, "Stopped as ineffective."),
        (
            "carbamazepine",
            199,
            Verdict.inadequate,
            "Stopped before an adequate trial (reach at least 200 mg/day): may be retried.",
        ),
        ("oxcarbazepine", 300, Verdict.ineffective, "Stopped as ineffective."),
        (
            "oxcarbazepine",
            299,
            Verdict.inadequate,
            "Stopped before an adequate trial (reach at least 300 mg/day): may be retried.",
        ),
    ],
)
def test_a_trigeminal_drug_trial_counts_from_its_lowest_effective_dose(
    drug: str, mg: float, verdict: Verdict, why: str
) -> None:
    trial = Trial(drug=drug, max_daily_mg=mg, weeks_at_max_dose=4, stopped_because="ineffective")
    found = judge(trial, load_drugs()[drug], None)
    assert (found.verdict, found.why) == (verdict, why)


@pytest.mark.parametrize(("drug", "maximum"), [("carbamazepine", 1600), ("oxcarbazepine", 1800)])
def test_a_trigeminal_drug_option_carries_its_usual_maximum(run, drug: str, maximum: float) -> None:
    case = make_case(pain={"etiology": "trigeminal_neuralgia", "localized": True})
    assert option(run(case), drug)["max_daily_mg"] == maximum
