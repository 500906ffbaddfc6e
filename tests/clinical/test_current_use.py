"""What the patient takes now (contract v2): ``options[].current``, ``above_maximum``, ``taper``,
``opioid_tolerant``, and Cockcroft-Gault with adjusted body weight at a BMI of 30 or more."""

from __future__ import annotations

import pytest

from nervepath.clinical.case import parse_case
from nervepath.clinical.renal import clearance_weight, creatinine_clearance, ideal_body_weight
from nervepath.errors import InvalidInput
from tests.clinical.conftest import make_case, option


def _taking(*medications, **overrides):
    return make_case(medications=[dict(m) for m in medications], **overrides)


# --- options[].current --------------------------------------------------------------------------


def test_a_drug_the_patient_does_not_take_has_no_current_entry(run):
    assert "current" not in option(run(make_case()), "gabapentin")


def test_the_issue_case_gabapentin_4800_is_above_the_maximum_with_no_next_step(run):
    gabapentin = option(run(_taking({"id": "gabapentin", "daily_mg": 4800})), "gabapentin")
    assert gabapentin["current"] == {"daily_mg": 4800, "at_max": True, "next_step": None}
    assert gabapentin["flags"][0] == "above_maximum"
    assert gabapentin["status"] == "caution"
    assert gabapentin["why"][0].startswith("The current dose (4800 mg a day) is above the maximum")
    assert "(3600 mg a day)" in gabapentin["why"][0]


def test_at_exactly_the_maximum_it_is_at_max_but_not_above(run):
    gabapentin = option(run(_taking({"id": "gabapentin", "daily_mg": 3600})), "gabapentin")
    assert gabapentin["current"] == {"daily_mg": 3600, "at_max": True, "next_step": None}
    assert "above_maximum" not in gabapentin["flags"]


def test_below_the_maximum_the_next_step_names_the_ceiling(run):
    gabapentin = option(run(_taking({"id": "gabapentin", "daily_mg": 3599})), "gabapentin")
    assert gabapentin["current"]["at_max"] is False
    assert gabapentin["current"]["next_step"].endswith("up to 3600 mg a day in all")


def test_the_ceiling_of_the_next_step_is_the_kidney_adjusted_maximum(run):
    # 60 y, 80 kg, creatinine 1.6: CrCl (80 x 80) / (72 x 1.6) = 55.6 -> gabapentin at most 1400 mg/day.
    case = _taking({"id": "gabapentin", "daily_mg": 900}, patient={"age": 60, "serum_creatinine_mg_dl": 1.6})
    gabapentin = option(run(case), "gabapentin")
    assert gabapentin["max_daily_mg"] == 1400
    assert gabapentin["current"]["next_step"].endswith("up to 1400 mg a day in all")
    at_renal_max = _taking(
        {"id": "gabapentin", "daily_mg": 1400}, patient={"age": 60, "serum_creatinine_mg_dl": 1.6}
    )
    assert option(run(at_renal_max), "gabapentin")["current"] == {
        "daily_mg": 1400,
        "at_max": True,
        "next_step": None,
    }


def test_a_running_trial_counts_as_current_use_at_its_dose(run):
    trial = {"drug": "pregabalin", "max_daily_mg": 150, "weeks_at_max_dose": 1, "stopped_because": "ongoing"}
    pregabalin = option(run(make_case(trials=[trial])), "pregabalin")
    assert pregabalin["current"]["daily_mg"] == 150
    assert pregabalin["current"]["next_step"].endswith("up to 600 mg a day in all")


def test_a_stopped_trial_is_not_current_use(run):
    trial = {
        "drug": "pregabalin",
        "max_daily_mg": 300,
        "weeks_at_max_dose": 1,
        "stopped_because": "side_effects",
    }
    assert "current" not in option(run(make_case(trials=[trial])), "pregabalin")


def test_a_drug_without_a_titration_in_the_data_has_no_next_step(run):
    morphine = option(run(_taking({"id": "morphine", "daily_mg": 30})), "morphine")
    assert morphine["current"] == {"daily_mg": 30, "at_max": False, "next_step": None}


# --- taper ----------------------------------------------------------------------------------------


def test_an_opioid_in_use_that_becomes_avoid_says_taper_first(run):
    result = run(_taking({"id": "oxycodone", "daily_mg": 30}, {"id": "lorazepam", "daily_mg": 2}))
    oxycodone = option(result, "oxycodone")
    assert oxycodone["status"] == "avoid"
    assert oxycodone["flags"][0] == "taper"
    assert oxycodone["why"][0].startswith("Taper: do not stop abruptly")
    assert "cdc_opioids_2022" in oxycodone["sources"]
    assert oxycodone["current"]["next_step"] is None


def test_an_avoid_opioid_the_patient_does_not_take_has_no_taper(run):
    result = run(_taking({"id": "lorazepam", "daily_mg": 2}))
    assert option(result, "oxycodone")["status"] == "avoid"
    assert "taper" not in option(result, "oxycodone")["flags"]


@pytest.mark.parametrize(
    ("drug", "daily_mg", "patient"),
    [
        ("duloxetine", 60, {"serum_creatinine_mg_dl": 3.5}),  # CrCl 28.6 < 30: avoid
        ("gabapentin", 900, {"age": 70}),  # 65 or over with falls: avoid (Beers)
    ],
)
def test_snri_and_gabapentinoid_in_use_and_avoid_say_taper(run, drug, daily_mg, patient):
    case = _taking({"id": drug, "daily_mg": daily_mg}, patient=patient, conditions=["falls_or_fractures"])
    found = option(run(case), drug)
    assert found["status"] == "avoid"
    assert "taper" in found["flags"]


def test_a_drug_of_a_class_that_may_simply_be_stopped_gets_no_taper(run):
    case = _taking({"id": "carbamazepine", "daily_mg": 400}, patient={"hla_b_1502": "positive"})
    carbamazepine = option(run(case), "carbamazepine")
    assert carbamazepine["status"] == "avoid"
    assert "taper" not in carbamazepine["flags"]


# --- opioid_tolerant (>= 60 MME/day for >= 1 week) --------------------------------------------------


@pytest.mark.parametrize(
    ("medications", "tolerant"),
    [
        ([{"id": "oxycodone", "daily_mg": 40}], True),  # 40 x 1.5 = 60 MME, weeks unknown
        ([{"id": "oxycodone", "daily_mg": 39}], False),  # 58.5 MME
        ([{"id": "oxycodone", "daily_mg": 40, "weeks": 1}], True),
        ([{"id": "oxycodone", "daily_mg": 40, "weeks": 0.9}], False),
        ([{"id": "morphine", "daily_mg": 60}], True),
        ([{"id": "morphine", "daily_mg": 59}], False),
        ([{"id": "fentanyl_patch", "daily_mg": 25}], True),  # 25 mcg/h x 2.4 = 60
        ([{"id": "fentanyl_patch", "daily_mg": 12}], False),
        ([{"id": "morphine", "daily_mg": 30}, {"id": "oxycodone", "daily_mg": 20}], True),  # 30 + 30
        ([{"id": "morphine", "daily_mg": 30}, {"id": "oxycodone", "daily_mg": 20, "weeks": 0.5}], False),
        ([{"id": "morphine"}], False),  # dose unknown: never assumed tolerant
        ([{"id": "buprenorphine", "daily_mg": 20}], False),  # no MME factor
        ([], False),
    ],
)
def test_opioid_tolerance_follows_the_fda_definition(run, medications, tolerant):
    assert run(_taking(*medications))["opioid_tolerant"] is tolerant


# --- v2 inputs -------------------------------------------------------------------------------------


def test_lactating_is_contradictory_for_a_male_patient():
    with pytest.raises(InvalidInput) as caught:
        parse_case(make_case(patient={"lactating": True}))
    assert caught.value.field == "patient.lactating"


@pytest.mark.parametrize("value", [True, False, None])
def test_hla_risk_ancestry_takes_true_false_or_null(value):
    assert parse_case(make_case(patient={"hla_risk_ancestry": value})).patient.hla_risk_ancestry is value


@pytest.mark.parametrize(("height", "ok"), [(99, False), (100, True), (250, True), (251, False)])
def test_height_is_checked(height, ok):
    case = make_case(patient={"height_cm": height})
    if ok:
        assert parse_case(case).patient.height_cm == height
    else:
        with pytest.raises(InvalidInput, match="height_cm"):
            parse_case(case)


def test_a_new_condition_of_v2_is_known():
    assert parse_case(make_case(conditions=["long_qt", "obesity", "dialysis"])).conditions == [
        "long_qt",
        "obesity",
        "dialysis",
    ]


# --- Cockcroft-Gault in obesity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("height_cm", "female", "ideal"),
    [
        (152.4, False, 50.0),
        (152.4, True, 45.5),
        (177.8, False, 73.0),
        (177.8, True, 68.5),
        (140, False, 50.0),
    ],
)
def test_ideal_body_weight_is_devine(height_cm, female, ideal):
    assert ideal_body_weight(height_cm, female) == pytest.approx(ideal, abs=0.05)


def test_below_bmi_30_the_actual_weight_is_used():
    # 88 kg at 172 cm: BMI 29.7.
    weight = clearance_weight(88, 172, "male")
    assert (weight.kind, weight.kg, weight.bmi) == ("actual", 88, 29.7)


def test_at_bmi_30_and_over_the_adjusted_weight_is_used():
    # 120 kg, 177.8 cm (70 in), male: BMI 38.0; ideal 73.0; adjusted 73 + 0.4 x 47 = 91.8 kg.
    weight = clearance_weight(120, 177.8, "male")
    assert (weight.kind, weight.kg) == ("adjusted", 91.8)
    # (140 - 50) x 91.8 / 72 = 114.75 mL/min, not (140 - 50) x 120 / 72 = 150.
    assert creatinine_clearance(50, 120, 1.0, "male", 177.8) == pytest.approx(114.8, abs=0.05)
    assert creatinine_clearance(50, 120, 1.0, "male") == 150.0


def test_the_notes_say_which_weight_was_used(run):
    obese = run(make_case(patient={"weight_kg": 120, "height_cm": 177.8}))
    assert "adjusted body weight (91.8 kg) because the BMI is 38" in obese["notes"][0]
    lean = run(make_case(patient={"height_cm": 177.8}))
    assert lean["notes"][0] == "Creatinine clearance used actual body weight (80 kg)."


def test_the_tapering_data_covers_the_classes_the_contract_names():
    from nervepath.clinical.current_use import tapers

    assert {"opioid", "snri", "gabapentinoid", "benzodiazepine"} <= set(tapers())


def test_the_start_and_titration_follow_the_kidney_band(run):
    # 70 y, 60 kg, creatinine 4.5, male: CrCl (70 x 60) / (72 x 4.5) = 13.0 mL/min.
    case = make_case(patient={"age": 70, "weight_kg": 60, "serum_creatinine_mg_dl": 4.5})
    pregabalin = option(run(case), "pregabalin")
    assert pregabalin["start"] == "25 mg once daily"  # the Lyrica label's start below CrCl 15, not 150 mg/day
    assert pregabalin["max_daily_mg"] == 75
    normal = option(run(make_case()), "pregabalin")
    assert normal["start"].startswith("150 mg/day")


def test_the_next_step_uses_the_kidney_band_titration(run):
    case = _taking(
        {"id": "gabapentin", "daily_mg": 100},
        patient={"age": 70, "weight_kg": 60, "serum_creatinine_mg_dl": 4.5},
    )
    step = option(run(case), "gabapentin")["current"]["next_step"]
    assert step.startswith("raise as tolerated through 125, 150, 200")
    assert step.endswith("up to 260 mg a day in all")  # 300 x 13 / 15


def test_a_running_opioid_trial_counts_in_the_opioid_load(run):
    trial = {"drug": "morphine", "max_daily_mg": 40, "weeks_at_max_dose": 2, "stopped_because": "ongoing"}
    result = run(make_case(medications=[{"id": "oxycodone", "daily_mg": 20}], trials=[trial]))
    assert result["mme_per_day"] == 70  # 20 x 1.5 + 40 x 1.0
    assert result["opioid_tolerant"] is True


def test_a_running_trial_s_dose_now_is_its_current_dose_not_its_highest(run):
    trial = {
        "drug": "gabapentin",
        "max_daily_mg": 4800,
        "current_daily_mg": 1800,  # lowered after side effects
        "weeks_at_max_dose": 1,
        "stopped_because": "ongoing",
    }
    gabapentin = option(run(make_case(trials=[trial])), "gabapentin")
    assert gabapentin["current"]["daily_mg"] == 1800
    assert "above_maximum" not in gabapentin["flags"]
