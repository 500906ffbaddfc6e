"""NeuPSIG grading, red flags and work-up."""

from __future__ import annotations

import pytest

from tests.clinical.conftest import make_case

SIGNS = {"sensory_signs_in_painful_area": True}


@pytest.mark.parametrize(
    ("overrides", "level"),
    [
        ({}, "possible"),
        ({"exam": SIGNS}, "probable"),
        ({"exam": SIGNS, "tests": {"confirms_lesion": True}}, "definite"),
        ({"tests": {"confirms_lesion": True}}, "probable"),
        ({"pain": {"distribution_plausible": False}, "exam": SIGNS}, "unlikely"),
        ({"pain": {"distribution_plausible": None}}, "unlikely"),
        ({"pain": {"etiology": "unknown"}}, "unlikely"),
        ({"pain": {"etiology": "unknown"}, "conditions": ["multiple_sclerosis"], "exam": SIGNS}, "probable"),
        ({"pain": {"etiology": "unknown"}, "conditions": ["hypertension"]}, "unlikely"),
    ],
)
def test_it_grades_by_the_neupsig_steps(overrides, level, run):
    assert run(make_case(**overrides))["grading"]["level"] == level


def test_it_never_raises_the_grade_on_a_screening_questionnaire(run):
    answers = {
        "dn4": dict.fromkeys(
            [
                "burning",
                "painful_cold",
                "electric_shocks",
                "tingling",
                "pins_and_needles",
                "numbness",
                "itching",
                "hypoesthesia_touch",
                "hypoesthesia_pinprick",
                "brushing",
            ],
            True,
        )
    }
    result = run(make_case(pain={"etiology": "unknown"}, answers=answers))
    assert result["grading"]["level"] == "unlikely"
    assert any("does not establish" in r for r in result["grading"]["reasons"])


@pytest.mark.parametrize(
    ("finding", "urgent"),
    [
        ("saddle_anesthesia", True),
        ("bladder_or_bowel_dysfunction", True),
        ("rapidly_ascending_weakness", True),
        ("new_focal_deficit", True),
        ("history_of_cancer_with_new_back_pain", True),
        ("unexplained_weight_loss", False),
        ("new_sexual_dysfunction", True),
        ("diabetic_foot_emergency", True),
        ("clumsy_hands_or_unsteady_gait", True),
        ("sudden_foot_or_wrist_drop", True),
    ],
)
def test_it_sets_urgent_referral_for_same_day_red_flags(finding, urgent, run):
    result = run(make_case(red_flag_findings=[finding]))
    assert result["urgent_referral"] is urgent
    assert result["red_flags"][0]["id"] == finding


def test_it_lists_same_day_red_flags_first(run):
    result = run(make_case(red_flag_findings=["unexplained_weight_loss", "saddle_anesthesia"]))
    assert [f["id"] for f in result["red_flags"]] == ["saddle_anesthesia", "unexplained_weight_loss"]


def _tests(result):
    return [w["test"] for w in result["workup"]]


def test_it_suggests_the_aan_panel_and_ogtt_without_known_diabetes(run):
    tests = _tests(run(make_case()))
    assert {
        "hba1c",
        "fasting_glucose",
        "ogtt",
        "vitamin_b12",
        "methylmalonic_acid",
        "serum_protein_electrophoresis",
        "serum_immunofixation",
    } <= set(tests)


def test_it_skips_ogtt_when_diabetes_is_known(run):
    assert "ogtt" not in _tests(run(make_case(conditions=["diabetes_type_1"])))


def test_it_suggests_b12_for_metformin_or_ppi_in_any_etiology(run):
    for drug in ("metformin", "omeprazole"):
        case = make_case(pain={"etiology": "postherpetic_neuralgia"}, medications=[{"id": drug}])
        assert {"vitamin_b12", "methylmalonic_acid"} <= set(_tests(run(case)))


def test_it_suggests_mri_brain_and_hla_testing_in_trigeminal_neuralgia(run):
    case = make_case(pain={"etiology": "trigeminal_neuralgia"}, patient={"hla_b_1502": None})
    assert {"mri_brain", "hla_b_1502"} <= set(_tests(run(case)))


def test_it_suggests_renal_function_when_creatinine_is_unknown(run):
    result = run(make_case(patient={"serum_creatinine_mg_dl": None}))
    assert "renal_function" in _tests(result)
    assert result["creatinine_clearance_ml_min"] is None
    assert any("Renal function unknown" in n for n in result["notes"])


def test_it_suggests_spine_mri_for_a_cauda_equina_red_flag(run):
    assert "mri_spine" in _tests(run(make_case(red_flag_findings=["saddle_anesthesia"])))


def test_it_skips_tests_already_done(run):
    assert "hba1c" not in _tests(run(make_case(tests={"done": ["hba1c"]})))


def test_it_suggests_hiv_and_liver_tests_for_risk_conditions(run):
    tests = _tests(run(make_case(conditions=["substance_use_disorder", "alcohol_use_disorder"])))
    assert {"hiv_test", "liver_function"} <= set(tests)
