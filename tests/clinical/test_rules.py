"""Every safety rule fires on a case made for it, and sets its flag and status."""

from __future__ import annotations

from typing import Any

import pytest

from nervepath.clinical.rulebook import safety_rules
from tests.clinical.conftest import make_case, option
from tests.clinical.test_safety_rules_v2 import FIRES_ON_PLAIN_CASE, V2_RULE_CASES

OLD = {"age": 70}
OPIOID = [{"id": "oxycodone", "daily_mg": 20}]
RULE_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "tca_mao_inhibitor": ("amitriptyline", {"medications": [{"id": "phenelzine"}]}),
    "tca_recent_myocardial_infarction": ("amitriptyline", {"conditions": ["recent_myocardial_infarction"]}),
    "tca_conduction_or_heart_failure": ("nortriptyline", {"conditions": ["heart_block"]}),
    "tca_angle_closure_glaucoma": ("amitriptyline", {"conditions": ["angle_closure_glaucoma"]}),
    "tca_urinary_retention": ("amitriptyline", {"conditions": ["urinary_retention"]}),
    "tca_epilepsy": ("imipramine", {"conditions": ["epilepsy"]}),
    "tca_older_adult": ("amitriptyline", {"patient": {"age": 65}}),
    "tca_suicide_risk": ("amitriptyline", {"answers": {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]}}),
    "antidepressant_under_25": ("duloxetine", {"patient": {"age": 22}}),
    "snri_suicide_risk": ("venlafaxine", {"answers": {"phq9": [1, 1, 1, 1, 0, 0, 0, 0, 2]}}),
    "snri_mao_inhibitor": ("duloxetine", {"medications": [{"id": "linezolid"}]}),
    "snri_serotonergic": ("duloxetine", {"medications": [{"id": "sertraline", "daily_mg": 50}]}),
    "venlafaxine_uncontrolled_hypertension": ("venlafaxine", {"conditions": ["uncontrolled_hypertension"]}),
    "venlafaxine_hypertension": ("venlafaxine", {"conditions": ["hypertension"]}),
    "venlafaxine_hepatic": ("venlafaxine", {"conditions": ["hepatic_impairment"]}),
    "duloxetine_hepatic": ("duloxetine", {"conditions": ["alcohol_use_disorder"]}),
    "duloxetine_severe_renal": ("duloxetine", {"patient": {"serum_creatinine_mg_dl": 4.0}}),
    "antidepressant_hyponatremia": ("duloxetine", {"conditions": ["hyponatremia"]}),
    "gabapentinoid_opioid": ("gabapentin", {"medications": OPIOID}),
    "gabapentinoid_sedative": ("pregabalin", {"medications": [{"id": "zolpidem"}]}),
    "gabapentinoid_lung_disease": ("pregabalin", {"conditions": ["copd"]}),
    "gabapentinoid_older_adult": ("gabapentin", {"patient": OLD}),
    "gabapentinoid_falls_older_adult": ("gabapentin", {"patient": OLD, "conditions": ["falls_or_fractures"]}),
    "gabapentinoid_opioid_older_adult": ("pregabalin", {"patient": OLD, "medications": OPIOID}),
    "gabapentinoid_substance_use": ("gabapentin", {"conditions": ["substance_use_disorder"]}),
    "renal_function_unknown": ("gabapentin", {"patient": {"serum_creatinine_mg_dl": None}}),
    "antiepileptic_sciatica": ("pregabalin", {"pain": {"etiology": "radiculopathy"}}),
    "hla_b_1502_positive": (
        "carbamazepine",
        {"patient": {"hla_b_1502": "positive"}, "pain": {"etiology": "trigeminal_neuralgia"}},
    ),
    "hla_b_1502_unknown": (
        "oxcarbazepine",
        {"patient": {"hla_b_1502": None}, "pain": {"etiology": "trigeminal_neuralgia"}},
    ),
    "sodium_channel_blocker_hyponatremia": ("oxcarbazepine", {"conditions": ["hyponatremia"]}),
    "carbamazepine_warfarin": ("carbamazepine", {"medications": [{"id": "warfarin", "daily_mg": 5}]}),
    "antiepileptic_pregnancy": ("carbamazepine", {"patient": {"sex": "female", "pregnant": True}}),
    "opioid_benzodiazepine": ("morphine", {"medications": [{"id": "diazepam", "daily_mg": 5}]}),
    "opioid_gabapentinoid": ("tramadol", {"medications": [{"id": "pregabalin", "daily_mg": 150}]}),
    "opioid_substance_use": ("oxycodone", {"conditions": ["substance_use_disorder"]}),
    "opioid_mme_50": ("tapentadol", {"medications": [{"id": "morphine", "daily_mg": 60}]}),
    "opioid_mme_90": ("hydromorphone", {"medications": [{"id": "fentanyl_patch", "daily_mg": 50}]}),
    "opioid_chronic_sciatica": ("morphine", {"pain": {"etiology": "radiculopathy", "duration_months": 6}}),
    "opioid_pregnancy": ("codeine", {"patient": {"sex": "female", "pregnant": True}}),
    "tramadol_epilepsy": ("tramadol", {"conditions": ["epilepsy"]}),
    "tramadol_mao_inhibitor": ("tramadol", {"medications": [{"id": "selegiline"}]}),
    "tramadol_serotonergic": ("tramadol", {"medications": [{"id": "sumatriptan"}]}),
    "fentanyl_serotonergic": ("fentanyl_patch", {"medications": [{"id": "escitalopram"}]}),
    "tramadol_over_75": ("tramadol", {"patient": {"age": 80}}),
    "nsaid_severe_renal_older_adult": ("nsaid", {"patient": {"age": 70, "serum_creatinine_mg_dl": 3.0}}),
}
for _rule, _case in V2_RULE_CASES.items():  # round 2 rules: their cases live in test_safety_rules_v2.py
    RULE_CASES[_rule] = _case
EXPECTED_STATUS = {"avoid": {"avoid"}, "not_recommended": {"not_recommended"}}


def test_it_has_a_case_for_every_rule():
    assert set(RULE_CASES) == {r.id for r in safety_rules()}


@pytest.mark.parametrize("rule", safety_rules(), ids=lambda r: r.id)
def test_it_fires_each_rule_on_its_case(rule, run):
    drug, overrides = RULE_CASES[rule.id]
    found = option(run(make_case(**overrides)), drug)
    assert rule.id in found["rules"]
    if rule.flag:
        assert rule.flag in found["flags"]
    allowed = EXPECTED_STATUS.get(rule.severity.value, {"caution", "not_yet"})
    assert found["status"] in allowed | ({"not_recommended"} if drug == "nsaid" else set())


@pytest.mark.parametrize("rule", safety_rules(), ids=lambda r: r.id)
def test_it_does_not_fire_rules_on_the_plain_case(rule, run):
    if rule.id in FIRES_ON_PLAIN_CASE:
        pytest.skip(
            "the plain case meets this rule's condition; its non-firing case is in test_safety_rules_v2.py"
        )
    result = run(make_case())
    assert all(rule.id not in o["rules"] for o in result["options"])


def test_it_keeps_the_strongest_status_when_several_rules_fire(run):
    case = make_case(patient={"age": 70}, conditions=["recent_myocardial_infarction", "urinary_retention"])
    found = option(run(case), "amitriptyline")
    assert found["status"] == "avoid"
    assert {"cardiac", "anticholinergic_elderly", "urinary_retention"} <= set(found["flags"])


def test_it_ignores_the_drug_itself_when_checking_co_medications(run):
    found = option(run(make_case(medications=[{"id": "duloxetine", "daily_mg": 60}])), "duloxetine")
    assert "snri_serotonergic" not in found["rules"]


def test_it_caps_tramadol_for_kidneys_and_age_together(run):
    found = option(run(make_case(patient={"age": 80, "serum_creatinine_mg_dl": 3.0})), "tramadol")
    assert found["max_daily_mg"] == 200
    assert "renal_dose_adjusted" in found["flags"]


def test_it_halves_venlafaxine_in_liver_impairment(run):
    assert option(run(make_case(conditions=["hepatic_impairment"])), "venlafaxine")["max_daily_mg"] == 112.5
