"""Safety rules by drug class (issue 17): every rule added or changed in round 2 fires on a case made for it
(with its status and flag) and does not fire just outside its condition; the issue's scenarios end to end;
every drug and co-medication has its ATC code and the class memberships the rules name."""

from __future__ import annotations

from typing import Any

import pytest

from nervepath.clinical.assess import assess_json
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.rulebook import safety_rules
from nervepath.clinical.rules import Severity
from tests.clinical.conftest import make_case, option

Case = dict[str, Any]
WOMAN = {"sex": "female"}
PREGNANT = {"sex": "female", "pregnant": True}
NOT_PREGNANT = {"sex": "female", "pregnant": False}
LACTATING = {"sex": "female", "lactating": True}
NOT_LACTATING = {"sex": "female", "lactating": False}
TOLERANT = [{"id": "morphine", "daily_mg": 60}]  # 60 MME/day, weeks unknown: opioid-tolerant
ITEM9 = {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]}
NO_ITEM9 = {"phq9": [1, 1, 1, 1, 0, 0, 0, 0, 0]}
TN = {"etiology": "trigeminal_neuralgia"}


def meds(*ids: str, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"medications": [{"id": i} for i in ids] + (extra or [])}


def cond(*ids: str) -> dict[str, Any]:
    return {"conditions": list(ids)}


# rule id -> (drug judged, case where it fires, case just outside its condition[, drug for that case]).
# Each "outside" case changes one thing: the interacting medicine, the condition, the threshold, the ancestry.
V2_CASES: dict[str, tuple[Any, ...]] = {
    # opioid-naive patients
    "fentanyl_patch_opioid_naive": ("fentanyl_patch", {}, meds(extra=TOLERANT)),
    "methadone_opioid_naive": ("methadone", {}, meds(extra=TOLERANT)),
    "long_acting_opioid_naive": ("buprenorphine", {}, meds(extra=TOLERANT)),
    "strong_opioid_specialist": ("oxycodone", {}, {}, "tramadol"),
    # dialysis
    "venlafaxine_dialysis": ("venlafaxine", cond("dialysis"), cond("hypertension")),
    "duloxetine_dialysis": ("duloxetine", cond("dialysis"), cond("hypertension")),
    "gabapentinoid_dialysis": ("pregabalin", cond("dialysis"), cond("hypertension")),
    "morphine_codeine_dialysis": ("codeine", cond("dialysis"), cond("hypertension")),
    # interactions by class
    "carbamazepine_mao_inhibitor": ("carbamazepine", meds("phenelzine"), meds("sertraline")),
    "carbamazepine_doac": ("carbamazepine", meds("apixaban"), meds("warfarin")),
    "tca_ssri_cyp2d6": ("amitriptyline", meds("fluoxetine"), meds("sumatriptan")),
    "tca_serotonergic": ("nortriptyline", meds("sumatriptan"), meds("bupropion")),
    "tca_snri": ("imipramine", meds("duloxetine"), meds("gabapentin")),
    "tca_tramadol": ("amitriptyline", meds("tramadol"), meds("codeine")),
    "snri_bleeding": ("duloxetine", meds("warfarin"), meds("metformin")),
    "opioid_cns_depressant": ("morphine", meds("zolpidem"), meds("metformin")),
    "opioid_lung_disease": ("oxycodone", cond("copd"), cond("hypertension")),
    "codeine_tramadol_cyp2d6_inhibitor": ("codeine", meds("paroxetine"), meds("sertraline")),
    "qt_prolonging_combination": (
        "methadone",
        meds("citalopram", extra=TOLERANT),
        meds("sertraline", extra=TOLERANT),
    ),
    "tapentadol_mao_inhibitor": ("tapentadol", meds("moclobemide"), meds("sertraline")),
    "opioid_mao_inhibitor": ("hydromorphone", meds("tranylcypromine"), meds("omeprazole")),
    "tapentadol_serotonergic": ("tapentadol", meds("escitalopram"), meds("omeprazole")),
    "snri_serotonergic": ("duloxetine", meds("methadone"), meds("omeprazole")),
    "tramadol_serotonergic": ("tramadol", meds("fentanyl_patch"), meds("morphine")),
    "fentanyl_serotonergic": ("fentanyl_patch", meds("tapentadol", extra=TOLERANT), meds(extra=TOLERANT)),
    # pregnancy and breastfeeding
    "gabapentinoid_pregnancy": ("pregabalin", {"patient": PREGNANT}, {"patient": NOT_PREGNANT}),
    "snri_pregnancy": ("venlafaxine", {"patient": PREGNANT}, {"patient": NOT_PREGNANT}),
    "tca_pregnancy": ("amitriptyline", {"patient": PREGNANT}, {"patient": NOT_PREGNANT}),
    "antiepileptic_pregnancy": ("oxcarbazepine", {"patient": PREGNANT}, {"patient": NOT_PREGNANT}),
    "opioid_pregnancy": ("tramadol", {"patient": PREGNANT}, {"patient": NOT_PREGNANT}),
    "codeine_tramadol_lactation": ("tramadol", {"patient": LACTATING}, {"patient": NOT_LACTATING}),
    "opioid_lactation": ("morphine", {"patient": LACTATING}, {"patient": NOT_LACTATING}),
    "pregabalin_lactation": ("pregabalin", {"patient": LACTATING}, {"patient": NOT_LACTATING}),
    "lactation_caution": ("duloxetine", {"patient": LACTATING}, {"patient": NOT_LACTATING}),
    # suicidality
    "antiepileptic_suicide_risk": ("gabapentin", {"answers": ITEM9}, {"answers": NO_ITEM9}),
    "tramadol_suicide_risk": ("tramadol", {"answers": ITEM9}, {"answers": NO_ITEM9}),
    # alcohol and bipolar disorder
    "duloxetine_alcohol": ("duloxetine", {"alcohol_units_per_week": 14}, {"alcohol_units_per_week": 13.9}),
    "opioid_alcohol": ("oxycodone", {"alcohol_units_per_week": 14}, {"alcohol_units_per_week": 13.9}),
    "opioid_alcohol_use_disorder": ("codeine", cond("alcohol_use_disorder"), cond("substance_use_disorder")),
    "antidepressant_bipolar": ("venlafaxine", cond("bipolar_disorder"), cond("epilepsy")),
    # heart
    "carbamazepine_heart_block": ("carbamazepine", cond("heart_block"), cond("hypertension")),
    "tca_ecg_over_40": ("amitriptyline", {"patient": {"age": 40}}, {"patient": {"age": 39}}),
    "methadone_long_qt": ("methadone", {**cond("long_qt"), **meds(extra=TOLERANT)}, meds(extra=TOLERANT)),
    "buprenorphine_long_qt": ("buprenorphine", cond("long_qt"), cond("arrhythmia")),
    "tca_long_qt": ("nortriptyline", cond("long_qt"), cond("hypertension")),
    "pregabalin_heart_failure": ("pregabalin", cond("heart_failure"), cond("hypertension")),
    # kidneys and liver (CrCl of the base man: 100 / creatinine mL/min)
    "morphine_codeine_renal": (
        "codeine",
        {"patient": {"serum_creatinine_mg_dl": 3.4}},  # 29.4 mL/min
        {"patient": {"serum_creatinine_mg_dl": 3.3}},  # 30.3 mL/min
    ),
    "tramadol_hepatic": ("tramadol", cond("hepatic_impairment"), cond("hypertension")),
    "lidocaine_plaster_hepatic": ("lidocaine_plaster", cond("hepatic_impairment"), cond("hypertension")),
    # HLA-B*15:02 (status unknown): test first unless ancestry is known not to be from a high-risk population
    "hla_b_1502_unknown": (
        "oxcarbazepine",
        {"patient": {"hla_b_1502": None, "hla_risk_ancestry": True}, "pain": TN},
        {"patient": {"hla_b_1502": None, "hla_risk_ancestry": False}, "pain": TN},
    ),
    # falls in older adults
    "falls_older_adult_avoid": (
        "tramadol",
        {"patient": {"age": 65}, **cond("falls_or_fractures")},
        {"patient": {"age": 64}, **cond("falls_or_fractures")},
    ),
    "falls_older_adult_snri": (
        "duloxetine",
        {"patient": {"age": 70}, **cond("falls_or_fractures")},
        {"patient": {"age": 70}},
    ),
    # other label warnings
    "snri_angle_closure_glaucoma": ("duloxetine", cond("angle_closure_glaucoma"), cond("hypertension")),
    "snri_epilepsy": ("venlafaxine", cond("epilepsy"), cond("heart_failure")),
    "duloxetine_urinary_retention": ("duloxetine", cond("urinary_retention"), cond("hypertension")),
    "tramadol_hyponatremia": ("tramadol", cond("hyponatremia"), cond("hypertension")),
    "capsaicin_patch_uncontrolled_hypertension": (
        "capsaicin_patch_8pct",
        cond("uncontrolled_hypertension"),
        cond("hypertension"),
    ),
}
"""Every safety rule added or changed in round 2, each with its own two cases."""

V2_RULE_CASES: dict[str, tuple[str, Case]] = {rule: (case[0], case[1]) for rule, case in V2_CASES.items()}
"""The firing cases in tests/clinical/test_rules.py's RULE_CASES shape."""

FIRES_ON_PLAIN_CASE = frozenset(
    {
        "fentanyl_patch_opioid_naive",
        "methadone_opioid_naive",
        "long_acting_opioid_naive",
        "strong_opioid_specialist",
        "tca_ecg_over_40",
    }
)
"""Rules whose condition the plain case (a 50-year-old taking no opioid) meets: opioid-naive, strong opioid,
age 40 or over. Their non-firing cases are in V2_CASES."""

RULES = {r.id: r for r in safety_rules()}


def _status_for(severity: Severity) -> set[str]:
    return {"avoid"} if severity is Severity.avoid else {"caution", "not_yet"}


def test_it_has_two_cases_for_every_round_2_rule_and_they_name_known_rules():
    assert set(V2_CASES) <= set(RULES)
    assert set(V2_CASES) >= FIRES_ON_PLAIN_CASE
    for rule_id in RULES:
        if rule_id not in V2_CASES:
            assert RULES[rule_id].sources != ["unconfirmed_clinical_knowledge"]


@pytest.mark.parametrize("rule_id", sorted(V2_CASES))
def test_it_fires_the_rule_with_its_status_and_flag(rule_id, run):
    rule = RULES[rule_id]
    drug, fires = V2_CASES[rule_id][:2]
    found = option(run(make_case(**fires)), drug)
    assert rule_id in found["rules"]
    if rule.flag:
        assert rule.flag in found["flags"]
    assert found["status"] != "recommended"
    assert found["status"] in _status_for(rule.severity)


@pytest.mark.parametrize("rule_id", sorted(V2_CASES))
def test_it_does_not_fire_the_rule_just_outside_its_condition(rule_id, run):
    drug, _, outside, *other = V2_CASES[rule_id]
    found = option(run(make_case(**outside)), other[0] if other else drug)
    assert rule_id not in found["rules"]


@pytest.mark.parametrize(
    ("drug", "other"),
    [
        ("duloxetine", "apixaban"),
        ("venlafaxine", "rivaroxaban"),
        ("duloxetine", "aspirin"),
        ("duloxetine", "clopidogrel"),
        ("venlafaxine", "nsaid"),
    ],
)
def test_it_flags_bleeding_for_every_anticoagulant_antiplatelet_and_nsaid(drug, other, run):
    found = option(run(make_case(**meds(other))), drug)
    assert "snri_bleeding" in found["rules"]
    assert "bleeding_risk" in found["flags"]


@pytest.mark.parametrize("inhibitor", ["fluoxetine", "paroxetine", "bupropion", "quinidine"])
@pytest.mark.parametrize("drug", ["codeine", "tramadol"])
def test_it_flags_codeine_and_tramadol_with_every_strong_cyp2d6_inhibitor(drug, inhibitor, run):
    found = option(run(make_case(**meds(inhibitor))), drug)
    assert "codeine_tramadol_cyp2d6_inhibitor" in found["rules"]


@pytest.mark.parametrize(
    "maoi",
    [
        "phenelzine",
        "tranylcypromine",
        "isocarboxazid",
        "moclobemide",
        "selegiline",
        "rasagiline",
        "linezolid",
    ],
)
def test_it_avoids_carbamazepine_with_every_mao_inhibitor(maoi, run):
    found = option(run(make_case(pain=TN, **meds(maoi))), "carbamazepine")
    assert found["status"] == "avoid"
    assert "mao_inhibitor" in found["flags"]
    assert (
        "carbamazepine_mao_inhibitor"
        not in option(run(make_case(pain=TN, **meds(maoi))), "oxcarbazepine")["rules"]
    )


@pytest.mark.parametrize("drug", ["gabapentin", "pregabalin", "carbamazepine", "oxcarbazepine"])
def test_it_flags_suicide_risk_on_every_antiepileptic_from_item_9(drug, run):
    assert "suicide_risk" in option(run(make_case(answers=ITEM9, pain=TN)), drug)["flags"]
    assert (
        "antiepileptic_suicide_risk" not in option(run(make_case(answers=NO_ITEM9, pain=TN)), drug)["rules"]
    )


@pytest.mark.parametrize("ancestry", [True, None])
@pytest.mark.parametrize("drug", ["carbamazepine", "oxcarbazepine"])
def test_it_asks_for_hla_testing_when_ancestry_is_at_risk_or_unknown(drug, ancestry, run):
    case = make_case(patient={"hla_b_1502": None, "hla_risk_ancestry": ancestry}, pain=TN)
    found = option(run(case), drug)
    assert "hla_b_1502" in found["flags"]
    assert found["status"] == "caution"


@pytest.mark.parametrize("drug", ["carbamazepine", "oxcarbazepine"])
def test_it_recommends_the_tn_first_line_without_hla_caution_when_ancestry_is_not_at_risk(drug, run):
    found = option(run(make_case(patient={"hla_b_1502": None, "hla_risk_ancestry": False}, pain=TN)), drug)
    assert "hla_b_1502" not in found["flags"]
    assert found["status"] == "recommended"


def test_it_caps_tramadol_at_100_mg_in_liver_impairment(run):
    assert option(run(make_case(**cond("hepatic_impairment"))), "tramadol")["max_daily_mg"] == 100
    assert option(run(make_case()), "tramadol")["max_daily_mg"] == 400


@pytest.mark.parametrize("drug", ["morphine", "codeine"])
def test_it_avoids_morphine_and_codeine_below_30_ml_min(drug, run):
    below = option(run(make_case(patient={"serum_creatinine_mg_dl": 3.4})), drug)
    assert below["status"] == "avoid"
    assert "renal_avoid" in below["flags"]
    assert (
        "morphine_codeine_renal"
        not in option(run(make_case(patient={"serum_creatinine_mg_dl": 3.3})), drug)["rules"]
    )


# --- The scenarios, end to end --------------------------------------------------------------------

FIRST_LINE_FAILED = [
    {
        "drug": "pregabalin",
        "max_daily_mg": 600,
        "weeks_at_max_dose": 4,
        "weeks_on_trial": 8,
        "pain_reduction_pct": 5,
        "stopped_because": "ineffective",
    },
    {
        "drug": "duloxetine",
        "max_daily_mg": 120,
        "weeks_at_max_dose": 4,
        "weeks_on_trial": 8,
        "pain_reduction_pct": 5,
        "stopped_because": "ineffective",
    },
    {
        "drug": "amitriptyline",
        "max_daily_mg": 75,
        "weeks_at_max_dose": 4,
        "weeks_on_trial": 8,
        "pain_reduction_pct": 5,
        "stopped_because": "ineffective",
    },
]
STRONG = [
    "tapentadol",
    "morphine",
    "oxycodone",
    "hydromorphone",
    "hydrocodone",
    "methadone",
    "fentanyl_patch",
    "buprenorphine",
]


def test_it_recommends_no_strong_opioid_to_an_opioid_naive_patient_with_central_pain_after_first_line(run):
    result = run(make_case(pain={"etiology": "central_post_stroke"}, trials=FIRST_LINE_FAILED))
    assert result["opioid_tolerant"] is False
    assert option(result, "tramadol")["status"] in {"recommended", "caution"}, "line 3 should be open"
    for drug in STRONG:
        assert option(result, drug)["status"] != "recommended", drug
    for drug in ("fentanyl_patch", "methadone"):
        found = option(result, drug)
        assert found["status"] == "avoid"
        assert "opioid_naive" in found["flags"]


def test_it_allows_the_fentanyl_patch_with_caution_once_the_patient_is_opioid_tolerant(run):
    result = run(
        make_case(pain={"etiology": "central_post_stroke"}, trials=FIRST_LINE_FAILED, medications=TOLERANT)
    )
    assert result["opioid_tolerant"] is True
    found = option(result, "fentanyl_patch")
    assert "opioid_naive" not in found["flags"]
    assert found["status"] == "caution"


def test_it_flags_a_tricyclic_beside_fluoxetine(run):
    found = option(run(make_case(**meds("fluoxetine"))), "amitriptyline")
    assert found["status"] == "caution"
    assert {"drug_interaction", "serotonergic_interaction"} <= set(found["flags"])


def test_it_flags_an_snri_beside_warfarin(run):
    found = option(run(make_case(**meds("warfarin"))), "duloxetine")
    assert found["status"] == "caution"
    assert "bleeding_risk" in found["flags"]


@pytest.mark.parametrize("drug", ["tramadol", "codeine", *STRONG])
def test_it_flags_every_opioid_beside_zolpidem(drug, run):
    found = option(run(make_case(**meds("zolpidem"))), drug)
    assert "cns_depressant_interaction" in found["flags"]
    assert found["status"] != "recommended"


PREGNANCY_CLASSES = {"gabapentinoid", "snri", "tca", "sodium_channel_blocker", "opioid"}


@pytest.mark.parametrize(
    "drug", sorted(d.id for d in load_drugs().values() if d.drug_class in PREGNANCY_CLASSES)
)
def test_it_flags_pregnancy_on_every_drug_of_the_systemic_classes(drug, run):
    found = option(run(make_case(patient=PREGNANT, pain=TN)), drug)
    assert "pregnancy" in found["flags"]
    assert found["status"] != "recommended"
    assert "pregnancy" not in option(run(make_case(patient=NOT_PREGNANT, pain=TN)), drug)["flags"]


@pytest.mark.parametrize(
    "drug", sorted(d.id for d in load_drugs().values() if d.drug_class in PREGNANCY_CLASSES)
)
def test_it_flags_breastfeeding_on_every_drug_of_the_systemic_classes(drug, run):
    found = option(run(make_case(patient=LACTATING, pain=TN)), drug)
    assert "lactation" in found["flags"]
    assert found["status"] != "recommended"
    assert "lactation" not in option(run(make_case(patient=WOMAN, pain=TN)), drug)["flags"]


# --- The catalogue: ATC codes and classes --------------------------------------------------------------

GROUPS = {
    "cyp2d6_inhibitor_strong": {"fluoxetine", "paroxetine", "bupropion", "quinidine"},
    "anticoagulant": {"warfarin", "apixaban", "rivaroxaban"},
    "antiplatelet": {"aspirin", "clopidogrel"},
    "maoi": {
        "phenelzine",
        "tranylcypromine",
        "isocarboxazid",
        "moclobemide",
        "selegiline",
        "rasagiline",
        "linezolid",
    },
    "long_acting_opioid": {"methadone", "fentanyl_patch", "buprenorphine"},
    "strong_opioid": set(STRONG),
    "antiepileptic": {"gabapentin", "pregabalin", "carbamazepine", "oxcarbazepine"},
    "cns_depressant": {"diazepam", "lorazepam", "alprazolam", "zolpidem", "zopiclone"},
}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_it_puts_each_drug_in_the_groups_the_rules_name(group):
    assert {d.id for d in load_drugs().values() if group in d.classes} == GROUPS[group]


def test_it_gives_every_drug_but_the_nsaid_class_its_atc_code():
    drugs = load_drugs()
    assert [d.id for d in drugs.values() if d.atc is None] == ["nsaid"]
    assert drugs["duloxetine"].atc == "N06AX21"
    assert drugs["carbamazepine"].atc == "N03AF01"
    assert drugs["warfarin"].atc == "B01AA03"
    assert len({d.atc for d in drugs.values() if d.atc}) == len(drugs) - 1


def test_venlafaxine_on_dialysis_is_capped_at_half_the_usual_maximum() -> None:
    assert option(assess_json(make_case(conditions=["dialysis"])), "venlafaxine")["max_daily_mg"] == 112.5
    assert option(assess_json(make_case()), "venlafaxine")["max_daily_mg"] == 225
