"""The prescribing checks of the core (nervepath.clinical.prescribing), from the data files.

Each blocking check at its edge (the maximum itself passes, just above it blocks), the renal maximum,
the contraindications, every duplicate-class group of data/clinical/prescribing.yaml, the warnings of a
caution option and of each status, ``replacing``, and an interaction seen from the current medicine.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from nervepath.clinical.drugs import Role, load_drugs
from nervepath.clinical.prescribing import (
    Check,
    blocked_field,
    duplicate_groups,
    prescribing_checks,
    taken_now,
    with_override,
)
from nervepath.clinical.renal import renal_max, renal_tables
from nervepath.clinical.rulebook import safety_rules
from nervepath.errors import UnknownIdentifier
from nervepath.sources import all_sources

# A 40-year-old man with normal kidneys (CrCl 111 mL/min) and painful diabetic neuropathy: no rule
# about age, kidneys or pregnancy applies, so the option's maximum is the drug's label maximum.
PLAIN: dict[str, Any] = {
    "patient": {
        "age": 40,
        "sex": "male",
        "weight_kg": 80,
        "serum_creatinine_mg_dl": 1.0,
        "hla_b_1502": "negative",
    },
    "pain": {"etiology": "diabetic_polyneuropathy", "duration_months": 6, "nrs_average": 6},
}
CONTRACT_KEYS = ["rule", "flag", "severity", "message", "sources", "overridden", "reason"]


def case(**changes: Any) -> dict[str, Any]:
    made = copy.deepcopy(PLAIN)
    for key, value in changes.items():
        if key in made and isinstance(value, dict):
            made[key].update(value)
        else:
            made[key] = value
    return made


def flags(checks: list[Check], severity: str) -> list[str]:
    return [c.flag for c in checks if c.severity == severity]


def rule(rule_id: str) -> Any:
    return next(r for r in safety_rules() if r.id == rule_id)


MG_DRUGS = [
    d for d in load_drugs().values() if d.role is Role.treatment and d.unit == "mg" and d.max_daily_mg
]


# --- above the maximum -----------------------------------------------------------------------------


@pytest.mark.parametrize("drug", MG_DRUGS, ids=lambda d: d.id)
def test_the_label_maximum_itself_passes(drug: Any) -> None:
    checks = prescribing_checks(case(), drug.id, drug.max_daily_mg)
    assert "above_maximum" not in flags(checks, "block")


@pytest.mark.parametrize("drug", MG_DRUGS, ids=lambda d: d.id)
def test_just_above_the_label_maximum_blocks(drug: Any) -> None:
    checks = prescribing_checks(case(), drug.id, drug.max_daily_mg + 1)
    above = [c for c in checks if c.flag == "above_maximum"]
    assert [c.severity for c in above] == ["block"]
    assert f"{drug.max_daily_mg:,.0f} mg a day" in above[0].message
    assert drug.name in above[0].message
    assert set(drug.sources) <= set(above[0].sources)
    assert checks[0] == above[0]  # blocking checks come first
    assert blocked_field(checks) == ("daily_mg" if flags(checks, "block") == ["above_maximum"] else "drug_id")


def test_the_issue_s_gabapentin_4800_mg_is_blocked_naming_3600() -> None:
    (check,) = [c for c in prescribing_checks(case(), "gabapentin", 4800) if c.blocking]
    assert (check.rule, check.flag) == ("label_maximum_dose", "above_maximum")
    assert check.message == "Gabapentin 4,800 mg a day is above the maximum for this patient, 3,600 mg a day."


def test_a_dose_of_a_drug_not_dosed_in_mg_is_never_above_a_maximum() -> None:
    checks = prescribing_checks(case(), "fentanyl_patch", 10_000)
    assert "above_maximum" not in flags(checks, "block")


def test_no_dose_no_dose_check() -> None:
    assert "above_maximum" not in flags(prescribing_checks(case(), "gabapentin", None), "block")


# Creatinine clearance is (140 - 68) x 72 / (72 x creatinine) = 72 / creatinine for this man.
def renal_case(crcl: float) -> dict[str, Any]:
    return case(patient={"age": 68, "weight_kg": 72, "serum_creatinine_mg_dl": round(72 / crcl, 4)})


RENAL_BANDS = [
    (table.drug, crcl)
    for table in renal_tables().values()
    for crcl in (110.0, 45.0, 22.0, 10.0)
    if (r := renal_max(table.drug, load_drugs()[table.drug].max_daily_mg, crcl)) and r.adjusted
]


@pytest.mark.parametrize(("drug_id", "crcl"), RENAL_BANDS)
def test_the_renal_maximum_passes_at_it_and_blocks_just_above(drug_id: str, crcl: float) -> None:
    drug = load_drugs()[drug_id]
    renal = renal_max(drug_id, drug.max_daily_mg, crcl)
    assert renal is not None
    assert renal.max_daily_mg is not None
    limit = renal.max_daily_mg
    assert "above_maximum" not in flags(prescribing_checks(renal_case(crcl), drug_id, limit), "block")
    above = [c for c in prescribing_checks(renal_case(crcl), drug_id, limit + 1) if c.flag == "above_maximum"]
    assert [(c.severity, c.rule) for c in above] == [("block", f"renal_table_{drug_id}")]
    assert "kidney function" in above[0].message
    assert set(renal.sources) <= set(above[0].sources)


def test_pregabalin_at_creatinine_clearance_20_stops_at_150_mg() -> None:
    """Lyrica label: CrCl 15 to under 30, at most 150 mg a day."""
    assert "above_maximum" not in flags(prescribing_checks(renal_case(20), "pregabalin", 150), "block")
    assert "above_maximum" in flags(prescribing_checks(renal_case(20), "pregabalin", 151), "block")
    assert "above_maximum" not in flags(prescribing_checks(renal_case(45), "pregabalin", 300), "block")


def test_the_renal_band_is_also_a_warning() -> None:
    warned = [
        c for c in prescribing_checks(renal_case(45), "gabapentin", 900) if c.flag == "renal_dose_adjusted"
    ]
    assert [c.severity for c in warned] == ["warn"]
    assert "45 mL/min" in warned[0].message


# --- contraindications (status avoid) --------------------------------------------------------------

AVOID = [
    ("tca_older_adult", "amitriptyline", {"patient": {"age": 70}}),
    ("tca_mao_inhibitor", "nortriptyline", {"medications": [{"id": "phenelzine", "daily_mg": 45}]}),
    ("tca_recent_myocardial_infarction", "amitriptyline", {"conditions": ["recent_myocardial_infarction"]}),
    ("snri_mao_inhibitor", "duloxetine", {"medications": [{"id": "linezolid", "daily_mg": 1200}]}),
    ("hla_b_1502_positive", "carbamazepine", {"patient": {"hla_b_1502": "positive"}}),
]


@pytest.mark.parametrize(("rule_id", "drug_id", "changes"), AVOID, ids=[a[0] for a in AVOID])
def test_a_contraindication_blocks_with_its_rule_flag_and_reason(
    rule_id: str, drug_id: str, changes: dict[str, Any]
) -> None:
    expected = rule(rule_id)
    assert expected.severity.value == "avoid"
    checks = prescribing_checks(case(**changes), drug_id, 25)
    (hit,) = [c for c in checks if c.rule == rule_id]
    assert (hit.severity, hit.flag, hit.sources) == ("block", expected.flag, tuple(expected.sources))
    assert hit.message == expected.reason  # how well the rule is sourced is said by the page, not in it
    assert blocked_field(checks) == "drug_id"
    # Without the situation that triggers it, the same drug is not blocked by that rule.
    assert rule_id not in [c.rule for c in prescribing_checks(case(), drug_id, 25)]


# --- duplicates ------------------------------------------------------------------------------------


def members(group_id: str) -> list[str]:
    return [d.id for d in load_drugs().values() if group_id in d.classes]


GROUPS = [g.id for g in duplicate_groups()]


def test_the_groups_are_the_contract_s_four_with_known_sources() -> None:
    assert GROUPS == ["gabapentinoid", "snri", "tca", "long_acting_opioid"]
    for group in duplicate_groups():
        assert set(group.sources) <= set(all_sources())
        assert group.why
        assert "_" not in group.why


def _needs_tagging(group: str) -> Any:
    if len(members(group)) >= 2:
        return group
    return pytest.param(
        group,
        marks=pytest.mark.xfail(
            strict=True, reason=f"no two drugs of drugs.yaml carry {group} in their classes yet"
        ),
    )


@pytest.mark.parametrize("group", [_needs_tagging(g) for g in GROUPS])
@pytest.mark.parametrize("where", ["medications", "trials"])
def test_a_second_drug_of_the_same_class_is_blocked(group: str, where: str) -> None:
    first, second = members(group)[:2]
    taken = (
        {"medications": [{"id": first, "daily_mg": 10}]}
        if where == "medications"
        else {"trials": [{"drug": first, "max_daily_mg": 10, "stopped_because": "ongoing"}]}
    )
    checks = prescribing_checks(case(**taken), second, 10)
    (dup,) = [c for c in checks if c.flag == "duplicate_class"]
    assert (dup.severity, dup.rule) == ("block", f"duplicate_{group}")
    assert load_drugs()[first].name in dup.message
    assert blocked_field(checks) == "drug_id"
    assert "duplicate_class" not in flags(prescribing_checks(case(), second, 10), "block")


def test_a_stopped_trial_is_not_taken_now() -> None:
    stopped = {"trials": [{"drug": "pregabalin", "max_daily_mg": 300, "stopped_because": "ineffective"}]}
    assert "duplicate_class" not in flags(prescribing_checks(case(**stopped), "gabapentin", 900), "block")


def test_the_drug_whose_dose_changes_is_not_its_own_duplicate() -> None:
    taking = case(medications=[{"id": "gabapentin", "daily_mg": 900}])
    assert "duplicate_class" in flags(prescribing_checks(taking, "gabapentin", 1200), "block")
    assert prescribing_checks(taking, "gabapentin", 1200, replacing="gabapentin") == []
    # ... but the other drugs of its class still are.
    both = case(medications=[{"id": "gabapentin", "daily_mg": 900}, {"id": "pregabalin", "daily_mg": 150}])
    assert flags(prescribing_checks(both, "gabapentin", 1200, replacing="gabapentin"), "block") == [
        "duplicate_class"
    ]


def test_taken_now_lists_medications_then_running_trials_without_the_replaced_drug() -> None:
    made = case(
        medications=[{"id": "omeprazole", "daily_mg": 20}, {"id": "gabapentin", "daily_mg": 900}],
        trials=[
            {"drug": "duloxetine", "stopped_because": "ongoing"},
            {"drug": "amitriptyline", "stopped_because": "side_effects"},
        ],
    )
    assert taken_now(made) == ["omeprazole", "gabapentin", "duloxetine"]
    assert taken_now(made, "gabapentin") == ["omeprazole", "duloxetine"]


# --- warnings --------------------------------------------------------------------------------------

CAUTIONS = [
    ("tca_epilepsy", "nortriptyline", {"conditions": ["epilepsy"]}),
    ("gabapentinoid_older_adult", "pregabalin", {"patient": {"age": 70}}),
]


@pytest.mark.parametrize(("rule_id", "drug_id", "changes"), CAUTIONS, ids=[c[0] for c in CAUTIONS])
def test_a_caution_flag_warns_with_the_reason_of_its_rule(
    rule_id: str, drug_id: str, changes: dict[str, Any]
) -> None:
    expected = rule(rule_id)
    checks = prescribing_checks(case(**changes), drug_id, 25)
    (hit,) = [c for c in checks if c.rule == rule_id]
    assert (hit.severity, hit.flag, hit.overridden, hit.reason) == ("warn", expected.flag, False, None)
    assert hit.message.startswith(expected.reason)
    assert not [c for c in checks if c.blocking]


def trial(drug: str, pct: float, because: str) -> dict[str, Any]:
    return {
        "drug": drug,
        "max_daily_mg": 600,
        "weeks_at_max_dose": 8,
        "weeks_on_trial": 12,
        "pain_reduction_pct": pct,
        "stopped_because": because,
    }


STATUSES = [
    ("not_recommended", "nsaid", {}),
    ("not_yet", "tramadol", {}),
    ("tried_ineffective", "pregabalin", {"trials": [trial("pregabalin", 5, "ineffective")]}),
    ("tried_intolerant", "pregabalin", {"trials": [trial("pregabalin", 5, "side_effects")]}),
]


@pytest.mark.parametrize(("status", "drug_id", "changes"), STATUSES, ids=[s[0] for s in STATUSES])
def test_each_status_that_is_not_a_start_warns(status: str, drug_id: str, changes: dict[str, Any]) -> None:
    checks = prescribing_checks(case(**changes), drug_id, 50)
    warned = [c for c in checks if c.flag == status]
    assert [c.severity for c in warned] == ["warn"]
    assert warned[0].message
    assert "_" not in warned[0].message.split(":")[0]


def test_a_recommended_first_line_start_has_no_check() -> None:
    assert prescribing_checks(case(), "duloxetine", 60) == []


def test_an_interaction_seen_from_the_current_medicine_blocks() -> None:
    """Adding an MAO inhibitor to duloxetine: the contraindication is a rule about duloxetine."""
    on_duloxetine = case(medications=[{"id": "duloxetine", "daily_mg": 60}])
    checks = prescribing_checks(on_duloxetine, "phenelzine", 45)
    (block,) = [c for c in checks if c.blocking]
    assert (block.rule, block.flag) == ("snri_mao_inhibitor", "mao_inhibitor")
    assert block.message.startswith("With Duloxetine, which the patient takes: ")
    assert prescribing_checks(case(), "phenelzine", 45) == []


def test_without_an_age_only_the_label_maximum_and_duplicates_are_checked() -> None:
    made = {"patient": {"age": None}, "medications": [{"id": "pregabalin", "daily_mg": 150}]}
    checks = prescribing_checks(made, "gabapentin", 3601)
    assert [(c.severity, c.flag) for c in checks] == [
        ("block", "duplicate_class"),
        ("block", "above_maximum"),
        ("warn", "assessment_incomplete"),
    ]
    assert "age is not recorded" in checks[-1].message


# --- shape and override ----------------------------------------------------------------------------


def test_a_check_has_exactly_the_contract_s_keys() -> None:
    (check,) = [c for c in prescribing_checks(case(), "gabapentin", 4800)]
    data = check.to_dict()
    assert list(data) == CONTRACT_KEYS
    assert data["sources"] == list(check.sources)
    assert data["overridden"] is False
    assert data["reason"] is None


def test_an_override_marks_the_blocking_checks_only() -> None:
    checks = prescribing_checks(case(patient={"age": 70}), "pregabalin", 700)
    stored = with_override(checks, "Specialist advice")
    assert [(c.severity, c.overridden, c.reason) for c in stored] == [
        (c.severity, c.blocking, "Specialist advice" if c.blocking else None) for c in checks
    ]
    assert {c.severity for c in checks} == {"block", "warn"}


def test_an_unknown_drug_names_the_field() -> None:
    with pytest.raises(UnknownIdentifier) as raised:
        prescribing_checks(case(), "no_such_drug", 10)
    assert raised.value.field == "drug_id"


# --- the opioid load once the proposed opioid is taken -------------------------------------------------


@pytest.mark.parametrize(
    ("daily_mg", "expected"),
    [
        (49, None),
        (50, ("opioid_mme_50", "warn")),
        (89, ("opioid_mme_50", "warn")),
        (90, ("opioid_mme_90", "block")),
    ],
)
def test_a_new_opioid_is_checked_against_the_load_it_brings(daily_mg: float, expected: Any) -> None:
    # Morphine: 1 MME per mg (CDC 2022); the patient takes no opioid yet.
    found = [
        (c.rule, c.severity) for c in prescribing_checks(case(), "morphine", daily_mg) if "mme" in c.rule
    ]
    assert found == ([] if expected is None else [expected])


def test_a_dose_change_counts_the_new_dose_not_the_old_one() -> None:
    taking = case(medications=[{"id": "oxycodone", "daily_mg": 40}])  # 60 MME now
    raised = prescribing_checks(taking, "oxycodone", 60, replacing="oxycodone")  # 90 MME
    assert ("opioid_mme_90", "block") in [(c.rule, c.severity) for c in raised]
    assert "come to 90 MME a day" in next(c.message for c in raised if c.rule == "opioid_mme_90")
    lowered = prescribing_checks(taking, "oxycodone", 20, replacing="oxycodone")  # 30 MME
    assert "opioid_mme_90" not in [c.rule for c in lowered]


def test_the_load_adds_the_opioids_already_taken() -> None:
    taking = case(medications=[{"id": "oxycodone", "daily_mg": 40}])  # 60 MME
    checks = prescribing_checks(taking, "morphine", 30)  # + 30 = 90
    assert ("opioid_mme_90", "block") in [(c.rule, c.severity) for c in checks]
