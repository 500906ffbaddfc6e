"""Treatment options: lines, trials, ordering and gating."""

from __future__ import annotations

from tests.clinical.conftest import make_case, option


def _first_drug(result):
    return next(
        o for o in result["options"] if o["kind"] == "drug" and o["status"] in ("recommended", "caution")
    )


def _failed(drug, **extra):
    return {
        "drug": drug,
        "max_daily_mg": extra.get("mg", 600),
        "weeks_at_max_dose": 8,
        "pain_reduction_pct": 10,
        "stopped_because": "ineffective",
    }


def test_it_lists_every_treatment_once_and_the_nondrug_options(run):
    ids = [o["id"] for o in run(make_case())["options"]]
    assert len(ids) == len(set(ids))
    assert {"gabapentin", "nsaid", "physical_therapy", "spinal_cord_stimulation"} <= set(ids)


def test_it_recommends_first_line_and_holds_later_lines(run):
    result = run(make_case())
    assert option(result, "duloxetine")["status"] == "recommended"
    assert option(result, "lidocaine_plaster")["status"] == "not_yet"
    assert option(result, "tramadol")["status"] == "not_yet"
    assert option(result, "nsaid")["status"] == "not_recommended"
    assert option(result, "paracetamol")["status"] == "not_recommended"


def test_it_puts_duloxetine_first_in_chemotherapy_induced_neuropathy(run):
    case = make_case(pain={"etiology": "chemotherapy_induced"}, patient={"serum_creatinine_mg_dl": None})
    assert _first_drug(run(case))["id"] == "duloxetine"


def test_it_puts_carbamazepine_first_in_trigeminal_neuralgia(run):
    result = run(make_case(pain={"etiology": "trigeminal_neuralgia"}))
    assert _first_drug(result)["id"] == "carbamazepine"
    assert option(result, "duloxetine")["status"] == "not_yet"


def test_it_moves_to_oxcarbazepine_when_carbamazepine_is_contraindicated(run):
    case = make_case(
        pain={"etiology": "trigeminal_neuralgia"},
        trials=[{"drug": "carbamazepine", "stopped_because": "side_effects"}],
    )
    result = run(case)
    assert option(result, "carbamazepine")["status"] == "tried_intolerant"
    assert _first_drug(result)["id"] == "oxcarbazepine"


def test_it_opens_second_line_when_every_first_line_class_failed(run):
    trials = [_failed("pregabalin"), _failed("duloxetine", mg=120), _failed("amitriptyline", mg=100)]
    result = run(make_case(trials=trials))
    assert option(result, "lidocaine_plaster")["status"] == "recommended"
    assert option(result, "tramadol")["status"] == "not_yet"
    assert option(result, "gabapentin")["status"] in ("recommended", "caution")


def test_it_counts_a_contraindicated_class_as_unusable(run):
    trials = [_failed("pregabalin"), _failed("duloxetine", mg=120)]
    result = run(make_case(patient={"age": 70}, trials=trials))
    assert option(result, "amitriptyline")["status"] == "avoid"
    assert option(result, "capsaicin_patch_8pct")["status"] == "recommended"


def test_it_opens_topicals_for_localized_peripheral_pain(run):
    result = run(make_case(pain={"etiology": "postherpetic_neuralgia", "localized": True}))
    assert option(result, "capsaicin_cream")["status"] == "recommended"
    assert option(result, "lidocaine_plaster")["status"] == "recommended"


def test_it_puts_topicals_first_for_localized_pain_in_an_older_person(run):
    case = make_case(patient={"age": 72}, pain={"etiology": "postherpetic_neuralgia", "localized": True})
    assert _first_drug(run(case))["id"] == "lidocaine_plaster"


def test_it_keeps_oral_first_line_first_for_localized_pain_in_a_younger_person(run):
    case = make_case(patient={"age": 50}, pain={"etiology": "postherpetic_neuralgia", "localized": True})
    assert _first_drug(run(case))["line"] == 1


def test_it_keeps_oral_first_line_first_for_widespread_pain_in_an_older_person(run):
    case = make_case(patient={"age": 72}, pain={"etiology": "diabetic_polyneuropathy", "localized": False})
    assert _first_drug(run(case))["line"] == 1


def test_it_does_not_offer_topicals_for_central_pain(run):
    result = run(make_case(pain={"etiology": "central_post_stroke", "localized": True}))
    assert option(result, "lidocaine_plaster")["status"] == "not_recommended"


def test_it_marks_an_adequate_failed_trial_ineffective(run):
    result = run(make_case(trials=[_failed("pregabalin", mg=300)]))
    assert option(result, "pregabalin")["status"] == "tried_ineffective"


def test_it_does_not_call_a_trial_with_30_percent_relief_ineffective_even_if_stopped_so(run):
    trial = _failed("pregabalin", mg=300) | {"pain_reduction_pct": 40}
    found = option(run(make_case(trials=[trial])), "pregabalin")
    assert found["status"] in ("recommended", "caution")
    assert "40 % less pain" in found["why"][0]
    assert "trial_partial" in found["rules"]


def test_it_puts_a_contraindication_before_keep_titrating_in_a_current_trial(run):
    trial = {"drug": "duloxetine", "max_daily_mg": 60, "weeks_at_max_dose": 1, "stopped_because": "ongoing"}
    found = option(run(make_case(conditions=["hepatic_impairment"], trials=[trial])), "duloxetine")
    assert found["status"] == "avoid"
    # What to do first: taper (an SNRI is not stopped abruptly), then why the trial is to be reviewed.
    assert found["why"][0].startswith("Taper: do not stop abruptly")
    assert found["why"][1].startswith("A contraindication applies to this current trial")
    assert any("more weeks" in why for why in found["why"])


def test_it_does_not_count_a_trial_below_an_effective_dose(run):
    trial = {
        "drug": "gabapentin",
        "max_daily_mg": 600,
        "weeks_at_max_dose": 6,
        "stopped_because": "ineffective",
    }
    found = option(run(make_case(trials=[trial])), "gabapentin")
    assert found["status"] == "recommended"
    assert "1200" in found["why"][0]


def test_it_says_how_long_to_keep_titrating(run):
    trial = {"drug": "duloxetine", "max_daily_mg": 60, "weeks_at_max_dose": 1, "stopped_because": "ongoing"}
    found = option(run(make_case(trials=[trial])), "duloxetine")
    assert found["status"] == "recommended"
    assert "3 more weeks" in found["why"][0]


def test_it_suggests_combination_after_partial_relief(run):
    trial = {
        "drug": "duloxetine",
        "max_daily_mg": 60,
        "weeks_at_max_dose": 6,
        "pain_reduction_pct": 35,
        "stopped_because": "ongoing",
    }
    assert "another class" in option(run(make_case(trials=[trial])), "duloxetine")["why"][0]


def test_it_marks_side_effects_as_intolerant(run):
    trial = {
        "drug": "amitriptyline",
        "max_daily_mg": 10,
        "weeks_at_max_dose": 1,
        "stopped_because": "side_effects",
    }
    assert option(run(make_case(trials=[trial])), "amitriptyline")["status"] == "tried_intolerant"


def test_it_gates_spinal_cord_stimulation_on_duration_pain_and_failed_first_line(run):
    trials = [_failed("pregabalin"), _failed("duloxetine", mg=120), _failed("amitriptyline", mg=100)]
    early = run(make_case(trials=trials, pain={"duration_months": 3}))
    ready = run(make_case(trials=trials, pain={"duration_months": 12, "nrs_average": 7}))
    mild = run(make_case(trials=trials, pain={"duration_months": 12, "nrs_average": 3}))
    assert option(early, "spinal_cord_stimulation")["status"] == "not_yet"
    assert option(ready, "spinal_cord_stimulation")["status"] == "recommended"
    assert option(mild, "spinal_cord_stimulation")["status"] == "not_yet"
    # NeuPSIG 2013 supports injections only in radiculopathy (and acute zoster): not in diabetic neuropathy.
    assert option(mild, "nerve_block")["status"] == "not_recommended"


def test_it_always_recommends_nondrug_options(run):
    result = run(make_case(pain={"etiology": "trigeminal_neuralgia"}))
    assert option(result, "psychological_therapy")["status"] == "recommended"
    assert option(result, "physical_therapy")["max_daily_mg"] is None


def test_it_orders_usable_drugs_before_later_and_unusable_ones(run):
    statuses = [o["status"] for o in run(make_case(patient={"age": 70}))["options"] if o["kind"] == "drug"]
    usable = [i for i, s in enumerate(statuses) if s in ("recommended", "caution")]
    rest = [i for i, s in enumerate(statuses) if s in ("avoid", "not_recommended", "not_yet")]
    assert max(usable) < min(rest)


def test_it_follows_nice_ng59_for_radicular_pain(run):
    result = run(make_case(pain={"etiology": "radiculopathy", "duration_months": 12}))
    assert option(result, "gabapentin")["status"] == "not_recommended"
    assert option(result, "morphine")["status"] == "not_recommended"
    assert option(result, "duloxetine")["status"] == "recommended"


def test_it_flags_suicide_risk_in_mental_health(run):
    result = run(make_case(answers={"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 2]}))
    assert result["mental_health"]["suicide_risk"] is True
    assert run(make_case())["mental_health"] == {
        "suicide_risk": False,
        "screened": False,
        "action": "Not screened: consider PHQ-9 (depression often accompanies chronic pain).",
    }
