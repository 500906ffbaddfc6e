"""Interventional options (data/clinical/nondrug.yaml): offered only for the causes of pain their evidence
covers, and only once their gate (first line failed, duration, pain) is met."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from nervepath.clinical.catalogue import Gate, Kind, nondrug_options
from nervepath.clinical.identifiers import etiologies

from .conftest import make_case, option


def _failed(drug: str, mg: float) -> dict[str, Any]:
    return {
        "drug": drug,
        "max_daily_mg": mg,
        "weeks_at_max_dose": 12,
        "weeks_on_trial": 16,
        "pain_reduction_pct": 0,
        "stopped_because": "ineffective",
    }


# An adequate, failed trial of every first-line class, whatever the cause of pain.
EVERY_FIRST_LINE_FAILED = [
    _failed("pregabalin", 600),
    _failed("gabapentin", 3600),
    _failed("duloxetine", 120),
    _failed("amitriptyline", 150),
    _failed("carbamazepine", 1200),
    _failed("oxcarbazepine", 1800),
]
GATES_MET = {"duration_months": 24, "nrs_average": 8}
GATED = [n for n in nondrug_options() if n.gate is not None]


def _refractory(etiology: str | None, **pain: Any) -> dict[str, Any]:
    return make_case(pain={"etiology": etiology, **GATES_MET, **pain}, trials=EVERY_FIRST_LINE_FAILED)


@pytest.mark.parametrize("etiology", ["trigeminal_neuralgia", "central_post_stroke"])
def test_spinal_cord_stimulation_is_not_recommended_outside_its_evidence_even_with_every_gate_met(
    etiology, run
):
    result = run(_refractory(etiology))
    scs = option(result, "spinal_cord_stimulation")
    assert scs["status"] == "not_recommended"
    assert "after back surgery" in scs["why"][0]
    # the gates themselves are met: rTMS (any cause) is open
    assert option(result, "rtms")["status"] == "recommended"


def test_spinal_cord_stimulation_is_recommended_in_refractory_painful_diabetic_neuropathy(run):
    trials = [_failed("pregabalin", 600), _failed("duloxetine", 120), _failed("amitriptyline", 150)]
    case = make_case(pain={"duration_months": 6, "nrs_average": 5}, trials=trials)
    scs = option(run(case), "spinal_cord_stimulation")
    assert scs["status"] == "recommended"
    assert scs["why"][-1] == "Criteria met: consider referral."
    assert "petersen_2021_scs_pdn" in scs["sources"]


@pytest.mark.parametrize(
    ("pain", "missing"),
    [
        ({"duration_months": 5.9, "nrs_average": 5}, "pain for at least 6 months"),
        ({"duration_months": 6, "nrs_average": 4}, "average pain at least 5/10"),
    ],
)
def test_spinal_cord_stimulation_waits_just_below_its_duration_and_pain_gates(pain, missing, run):
    trials = [_failed("pregabalin", 600), _failed("duloxetine", 120), _failed("amitriptyline", 150)]
    scs = option(run(make_case(pain=pain, trials=trials)), "spinal_cord_stimulation")
    assert scs["status"] == "not_yet"
    assert missing in scs["why"][-1]


def test_spinal_cord_stimulation_waits_for_first_line_failure(run):
    scs = option(run(make_case(pain=GATES_MET)), "spinal_cord_stimulation")
    assert scs["status"] == "not_yet"
    assert "first-line" in scs["why"][-1]


@pytest.mark.parametrize("etiology", ["unknown", None])
def test_an_option_for_particular_causes_waits_while_the_cause_is_unknown(etiology, run):
    scs = option(run(_refractory(etiology)), "spinal_cord_stimulation")
    assert scs["status"] == "not_yet"
    assert "cause of the pain is not known yet" in scs["why"][-1]


@pytest.mark.parametrize("item", GATED, ids=lambda n: n.id)
@pytest.mark.parametrize("etiology", sorted(set(etiologies()) - {"unknown"}))
def test_every_gated_option_is_open_exactly_for_the_causes_its_evidence_covers(item, etiology, run):
    status = option(run(_refractory(etiology)), item.id)["status"]
    covered = item.gate.etiologies is None or etiology in item.gate.etiologies
    assert status == ("recommended" if covered else "not_recommended")


def test_nerve_block_is_for_radicular_pain_without_a_pain_score_gate(run):
    trials = [_failed("duloxetine", 120), _failed("amitriptyline", 150)]
    case = make_case(
        pain={"etiology": "radiculopathy", "duration_months": 12, "nrs_average": 3}, trials=trials
    )
    assert option(run(case), "nerve_block")["status"] == "recommended"
    block = option(run(_refractory("postherpetic_neuralgia")), "nerve_block")
    assert block["status"] == "not_recommended"
    assert "sympathetic blocks are advised against" in block["why"][0]


def test_refractory_trigeminal_neuralgia_goes_to_specialist_referral_for_surgery(run):
    trials = [_failed("carbamazepine", 1200), _failed("oxcarbazepine", 1800)]
    case = make_case(
        pain={"etiology": "trigeminal_neuralgia", "duration_months": 2, "nrs_average": 9}, trials=trials
    )
    referral = option(run(case), "trigeminal_neuralgia_surgery_referral")
    assert referral["status"] == "recommended"
    assert referral["kind"] == "interventional"
    assert {"ean_tn_2019", "nice_cks_tn"} <= set(referral["sources"])


def test_trigeminal_neuralgia_referral_waits_while_carbamazepine_is_untried(run):
    case = make_case(pain={"etiology": "trigeminal_neuralgia"})
    referral = option(run(case), "trigeminal_neuralgia_surgery_referral")
    assert referral["status"] == "not_yet"
    assert "first-line" in referral["why"][-1]


def test_trigeminal_neuralgia_referral_is_not_for_other_causes(run):
    referral = option(run(make_case()), "trigeminal_neuralgia_surgery_referral")
    assert referral["status"] == "not_recommended"
    assert referral["why"][0] == "This referral is for trigeminal neuralgia only."


def test_every_interventional_option_has_a_gate():
    assert all(n.gate is not None for n in nondrug_options() if n.kind is Kind.interventional)


@pytest.mark.parametrize(
    "gate",
    [{"etiologies": ["radiculopathy"]}, {"outside": "Not for this cause of pain."}, {"etiologies": []}],
)
def test_a_gate_needs_its_etiologies_and_the_reason_outside_them_together(gate):
    with pytest.raises(ValidationError):
        Gate(**gate)
