"""Work-up rules (data/rules/workup.yaml): each rule fires on its own case and stays silent just outside
its condition; a distal symmetric picture of unknown cause gets the whole AAN 2009 screening panel."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from nervepath.clinical.rulebook import workup_rules

# A patient for whom no work-up rule fires: postherpetic neuralgia, age 35, kidneys known, HLA negative.
PLAIN: dict[str, Any] = {
    "patient": {
        "age": 35,
        "sex": "female",
        "weight_kg": 65,
        "serum_creatinine_mg_dl": 0.8,
        "hla_b_1502": "negative",
    },
    "pain": {
        "duration_months": 4,
        "etiology": "postherpetic_neuralgia",
        "distribution_plausible": True,
        "localized": True,
        "nrs_average": 6,
    },
}

DSP = {"pain": {"etiology": "unknown", "distal_symmetric": True}}
NO_DSP = {"pain": {"etiology": "unknown", "distal_symmetric": False}}
TN = {"pain": {"etiology": "trigeminal_neuralgia"}}
TN_NO_HLA = {"pain": {"etiology": "trigeminal_neuralgia"}, "patient": {"hla_b_1502": None}}


def _with(base: dict[str, Any], **extra: Any) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


# rule id -> (a case on which it fires, cases just outside its condition)
WORKUP_CASES: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    "dsp_hba1c": (DSP, [NO_DSP]),
    "dsp_fasting_glucose": (DSP, [NO_DSP, _with(DSP, conditions=["diabetes_type_2"])]),
    "dsp_ogtt": (DSP, [NO_DSP, _with(DSP, conditions=["diabetes_type_1"])]),
    "metformin_b12": ({"medications": [{"id": "metformin"}]}, [{"medications": [{"id": "sertraline"}]}]),
    "ppi_b12": ({"medications": [{"id": "omeprazole"}]}, [{"medications": [{"id": "metformin"}]}]),
    "dsp_b12": (DSP, [NO_DSP]),
    "dsp_methylmalonic_acid": (DSP, [NO_DSP]),
    "b12_risk_methylmalonic_acid": (
        {"medications": [{"id": "omeprazole"}]},
        [{"medications": [{"id": "warfarin"}]}],
    ),
    "dsp_protein_electrophoresis": (DSP, [NO_DSP]),
    "dsp_immunofixation": (DSP, [NO_DSP]),
    "dsp_tsh": (DSP, [NO_DSP, _with(DSP, conditions=["hypothyroidism"])]),
    "dsp_cbc": (DSP, [NO_DSP]),
    "dsp_syphilis": (DSP, [NO_DSP, _with(DSP, conditions=["syphilis"])]),
    "dsp_hiv_risk": (
        _with(DSP, conditions=["substance_use_disorder"]),
        [
            _with(NO_DSP, conditions=["substance_use_disorder"]),
            _with(DSP, conditions=["substance_use_disorder", "hiv"]),
            DSP,
        ],
    ),
    "alcohol_liver_function": (
        {"conditions": ["alcohol_use_disorder"]},
        [{"conditions": ["substance_use_disorder"]}],
    ),
    "alcoholic_neuropathy_liver_function": (
        {"pain": {"etiology": "alcoholic_neuropathy"}},
        [{"pain": {"etiology": "b12_deficiency"}}],
    ),
    "alcohol_b12": ({"conditions": ["alcohol_use_disorder"]}, [{"conditions": ["substance_use_disorder"]}]),
    "trigeminal_neuralgia_mri": (TN, [{"pain": {"etiology": "postherpetic_neuralgia"}}]),
    "trigeminal_neuralgia_hla": (
        TN_NO_HLA,
        [
            _with(TN_NO_HLA, patient={"hla_risk_ancestry": False}),
            TN,
            _with(TN_NO_HLA, pain={"etiology": "postherpetic_neuralgia"}),
        ],
    ),
    "carbamazepine_baseline_cbc": (
        TN,
        [_with(TN, medications=[{"id": "carbamazepine"}]), {"pain": {"etiology": "postherpetic_neuralgia"}}],
    ),
    "carbamazepine_baseline_liver_function": (
        TN,
        [_with(TN, medications=[{"id": "carbamazepine"}]), {"pain": {"etiology": "postherpetic_neuralgia"}}],
    ),
    "tca_ecg": (
        {"patient": {"age": 40}},
        [
            {"patient": {"age": 39}},
            {"patient": {"age": 40}, "medications": [{"id": "amitriptyline"}]},
            {"patient": {"age": 60}, "pain": {"etiology": "trigeminal_neuralgia"}},
        ],
    ),
    "tca_ecg_cause_unknown": (
        {"patient": {"age": 40}, "pain": {"etiology": None}},
        [
            {"patient": {"age": 39}, "pain": {"etiology": None}},
            {"patient": {"age": 40}, "pain": {"etiology": None}, "medications": [{"id": "nortriptyline"}]},
            {"patient": {"age": 40}},
        ],
    ),
    "red_flag_spine_mri": (
        {"red_flag_findings": ["saddle_anesthesia"]},
        [{"red_flag_findings": ["unexplained_weight_loss"]}],
    ),
    "radiculopathy_mri": ({"pain": {"etiology": "radiculopathy"}}, [{"pain": {"etiology": "post_surgical"}}]),
    "focal_deficit_mri_brain": (
        {"red_flag_findings": ["new_focal_deficit"]},
        [{"red_flag_findings": ["progressive_weakness"]}],
    ),
    "ascending_weakness_ncs": (
        {"red_flag_findings": ["rapidly_ascending_weakness"]},
        [{"red_flag_findings": ["progressive_weakness"]}],
    ),
    "renal_function_unknown": ({"patient": {"serum_creatinine_mg_dl": None}}, [{}]),
    "dsp_liver_function": (DSP, [NO_DSP]),
    "confirm_lesion_polyneuropathy": (DSP, [NO_DSP, _with(DSP, tests={"confirms_lesion": True})]),
}


def _fired(run, overrides: dict[str, Any]) -> dict[str, list[str]]:
    """test -> the work-up rules that asked for it."""
    result = run(_with(PLAIN, **overrides))
    return {w["test"]: w["rules"] for w in result["workup"]}


def _rule_fired(run, rule_id: str, overrides: dict[str, Any]) -> bool:
    return any(rule_id in rules for rules in _fired(run, overrides).values())


def test_it_has_a_case_for_every_workup_rule():
    assert set(WORKUP_CASES) == {r.id for r in workup_rules()}


def test_it_suggests_nothing_for_the_plain_case(run):
    assert _fired(run, {}) == {}


@pytest.mark.parametrize("rule", workup_rules(), ids=lambda r: r.id)
def test_it_fires_each_workup_rule_on_its_case(rule, run):
    fires, _ = WORKUP_CASES[rule.id]
    fired = _fired(run, fires)
    assert rule.id in fired.get(rule.test, [])


@pytest.mark.parametrize(
    ("rule_id", "index"),
    [(rule_id, i) for rule_id, (_, misses) in WORKUP_CASES.items() for i in range(len(misses))],
)
def test_it_does_not_fire_a_workup_rule_just_outside_its_condition(rule_id, index, run):
    assert not _rule_fired(run, rule_id, WORKUP_CASES[rule_id][1][index])


@pytest.mark.parametrize("etiology", ["unknown", None])
def test_a_distal_symmetric_picture_of_unknown_cause_gets_the_aan_screening_panel(etiology, run):
    tests = set(_fired(run, {"pain": {"etiology": etiology, "distal_symmetric": True}}))
    assert {"hba1c", "fasting_glucose"} & tests
    assert {
        "ogtt",
        "vitamin_b12",
        "methylmalonic_acid",
        "serum_protein_electrophoresis",
        "serum_immunofixation",
    } <= tests
    assert {"cbc", "liver_function", "tsh", "syphilis_serology"} <= tests


def test_without_a_distal_symmetric_picture_an_unknown_cause_gets_no_polyneuropathy_panel(run):
    tests = set(_fired(run, {"pain": {"etiology": "unknown"}}))
    assert not tests & {"hba1c", "ogtt", "serum_immunofixation", "vitamin_b12"}


def test_it_gives_the_first_rule_s_reason_and_keeps_every_rule_and_source(run):
    result = run(_with(PLAIN, **DSP, conditions=["alcohol_use_disorder"]))
    liver = next(w for w in result["workup"] if w["test"] == "liver_function")
    assert liver["rules"] == ["alcohol_liver_function", "dsp_liver_function"]
    assert liver["why"].startswith("Alcohol use disorder")
    assert "harrisons_manual_polyneuropathy" in liver["sources"]


@pytest.mark.parametrize(("ancestry", "suggested"), [(True, True), (None, True), (False, False)])
def test_it_asks_for_hla_testing_before_carbamazepine_by_ancestry(ancestry, suggested, run):
    case = _with(TN_NO_HLA, patient={"hla_risk_ancestry": ancestry})
    assert ("hla_b_1502" in _fired(run, case)) is suggested


def test_it_marks_the_ecg_rule_as_from_a_secondary_source_in_data_not_in_words(run):
    ecg = next(w for w in run(_with(PLAIN, patient={"age": 55}))["workup"] if w["test"] == "ecg")
    assert ecg["confirmed"] is False
    assert "unconfirmed" not in ecg["why"]
