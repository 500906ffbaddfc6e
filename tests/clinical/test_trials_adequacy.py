"""One definition of an adequate trial: weeks in total and weeks at an effective dose (clinical.adequacy),
as ``assess`` applies it to a case's trials (clinical.trials)."""

from __future__ import annotations

import pytest

from nervepath.clinical.adequacy import Adequacy, Requirement, effective_dose, judge_adequacy, requirement
from nervepath.clinical.case import Trial
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.trials import Verdict, judge
from tests.clinical.conftest import make_case, option

# What the drug table says makes a trial adequate: (weeks in total, weeks at an effective dose, lowest
# effective mg/day), written out so that a changed number in drugs.yaml shows here (Dworkin 2007).
TABLE = {
    "gabapentin": (5, 2, 1200),
    "pregabalin": (4, 4, 300),
    "duloxetine": (4, 4, 60),
    "venlafaxine": (4, 4, 150),
    "amitriptyline": (6, 2, 25),
    "nortriptyline": (6, 2, 25),
    "lidocaine_plaster": (3, 3, None),
    "capsaicin_patch_8pct": (12, 12, None),
    "tramadol": (4, 4, 200),
}


def _trial(drug: str, mg: float | None, at_max: float | None, total: float | None = None, **extra) -> Trial:
    return Trial(
        drug=drug,
        max_daily_mg=mg,
        weeks_at_max_dose=at_max,
        weeks_on_trial=total,
        stopped_because=extra.get("stopped", "ineffective"),
        pain_reduction_pct=extra.get("relief"),
    )


def _judge(trial: Trial, patient_max: float | None = None):
    return judge(trial, load_drugs()[trial.drug], patient_max)


@pytest.mark.parametrize("drug", sorted(TABLE))
def test_it_reads_the_adequacy_numbers_of_the_drug_table(drug):
    found = load_drugs()[drug]
    assert (
        found.adequate_trial_weeks,
        found.weeks_at_max_for_adequate,
        found.effective_min_daily_mg,
    ) == TABLE[drug]


# --- the pure definition -------------------------------------------------------------------------


@pytest.mark.parametrize("drug", sorted(TABLE))
def test_it_calls_a_trial_adequate_at_exactly_the_required_weeks(drug):
    total, at_effective, mg = TABLE[drug]
    need = requirement(total, at_effective, mg)
    assert judge_adequacy(need, total, at_effective, mg) == Adequacy(True)


@pytest.mark.parametrize("drug", sorted(TABLE))
def test_it_calls_a_trial_a_day_short_in_total_inadequate(drug):
    total, at_effective, mg = TABLE[drug]
    found = judge_adequacy(requirement(total, at_effective, mg), total - 1 / 7, at_effective, mg)
    assert found.adequate is False
    assert found.more_weeks_on_drug == 1


@pytest.mark.parametrize("drug", sorted(TABLE))
def test_it_calls_a_trial_a_day_short_at_the_effective_dose_inadequate(drug):
    total, at_effective, mg = TABLE[drug]
    found = judge_adequacy(requirement(total, at_effective, mg), total, at_effective - 1 / 7, mg)
    assert found.adequate is False
    assert found.more_weeks_at_effective_dose == 1


@pytest.mark.parametrize("drug", [d for d, (_, _, mg) in sorted(TABLE.items()) if mg is not None])
def test_it_calls_a_trial_below_the_effective_dose_inadequate(drug):
    total, at_effective, mg = TABLE[drug]
    found = judge_adequacy(requirement(total, at_effective, mg), total, at_effective, mg - 0.5)
    assert found.adequate is False
    assert found.dose_needed_mg == mg
    assert found.missing == f"reach at least {mg:g} mg/day"


def test_it_takes_the_patients_lower_maximum_as_the_effective_dose():
    # Gabapentin at CrCl 20: the renal maximum (700 mg/day) is below the effective 1200 mg/day.
    assert effective_dose(1200, 700) == 700
    assert effective_dose(1200, 3600) == 1200
    assert effective_dose(1200, None) == 1200
    assert effective_dose(None, 700) is None
    need = requirement(5, 2, 1200, patient_max=700)
    assert need == Requirement(5, 2, 700)
    assert judge_adequacy(need, 5, 2, 700).adequate is True
    assert judge_adequacy(requirement(5, 2, 1200), 5, 2, 700).adequate is False


def test_it_counts_missing_weeks_up_to_whole_weeks():
    found = judge_adequacy(Requirement(6, 2, 25), 2, 0.9, 25)
    assert (found.more_weeks_on_drug, found.more_weeks_at_effective_dose) == (4, 2)
    assert found.missing == "2 more weeks at an effective dose; at least 4 more weeks on the drug"


def test_it_names_the_total_only_when_it_asks_for_more_than_the_effective_weeks():
    both_short = judge_adequacy(Requirement(4, 4, 60), 1, 1, 60)
    assert both_short.missing == "3 more weeks at an effective dose"
    equal = judge_adequacy(Requirement(4, 4, 60), 3, 3, 60)
    assert equal.missing == "1 more week at an effective dose"
    total_short = judge_adequacy(Requirement(6, 2, 25), 5, 2, 25)
    assert total_short.missing == "at least 1 more week on the drug"


def test_it_says_every_gap_at_once():
    found = judge_adequacy(Requirement(5, 2, 1200), 1, 0, 600)
    assert (
        found.missing
        == "reach at least 1200 mg/day; 2 more weeks at an effective dose; at least 4 more weeks on the drug"
    )


def test_it_calls_a_trial_of_unknown_dose_short_of_the_effective_dose():
    assert judge_adequacy(Requirement(4, 4, 300), 4, 4, None).dose_needed_mg == 300


def test_it_cannot_know_a_trial_adequate_without_a_trial_length():
    # Carbamazepine: an effective dose in the table, no trial length.
    assert judge_adequacy(Requirement(None, None, 200), 10, 10, 400) == Adequacy(None)
    assert judge_adequacy(Requirement(None, None, 200), 10, 10, 100).adequate is False
    assert judge_adequacy(Requirement(None, None, None), 0, 0, None) == Adequacy(None)
    assert Requirement(None, 2, 25).known is False
    assert Requirement(6, None, None).known is True


def test_it_checks_no_number_the_table_leaves_empty():
    assert judge_adequacy(Requirement(3, None, None), 3, 0, None) == Adequacy(True)
    assert judge_adequacy(Requirement(3, None, None), 2.5, 0, None) == Adequacy(False, None, 1, 0)


# --- assess: a case's trials ------------------------------------------------------------------


def test_it_calls_the_issues_amitriptyline_example_inadequate():
    # Amitriptyline 25 mg for 2 weeks, stopped as ineffective: effective dose, but 2 of 6 weeks.
    found = _judge(_trial("amitriptyline", 25, 2))
    assert found.verdict is Verdict.inadequate
    assert found.why == (
        "Stopped before an adequate trial (at least 4 more weeks on the drug): may be retried."
    )


def test_it_calls_the_same_trial_ineffective_after_6_weeks_on_the_drug():
    found = _judge(_trial("amitriptyline", 25, 2, total=6))
    assert found.verdict is Verdict.ineffective
    assert _judge(_trial("amitriptyline", 25, 2, total=5.9)).verdict is Verdict.inadequate


def test_it_takes_the_weeks_at_the_top_dose_as_a_lower_bound_of_the_total():
    assert _judge(_trial("amitriptyline", 25, 6, total=1)).verdict is Verdict.ineffective
    assert _judge(_trial("amitriptyline", 25, 6)).verdict is Verdict.ineffective


def test_it_does_not_count_weeks_at_a_dose_below_the_effective_one():
    found = _judge(_trial("gabapentin", 900, 6, total=8))
    assert found.verdict is Verdict.inadequate
    assert (
        found.why
        == "Stopped before an adequate trial (reach at least 1200 mg/day; 2 more weeks at an effective "
        "dose): may be retried."
    )


def test_it_counts_the_renal_maximum_as_an_effective_dose_when_lower():
    trial = _trial("gabapentin", 700, 2, total=5)
    assert _judge(trial, patient_max=700).verdict is Verdict.ineffective
    assert _judge(trial, patient_max=None).verdict is Verdict.inadequate
    venlafaxine = _trial("venlafaxine", 112.5, 4)
    assert _judge(venlafaxine, patient_max=112.5).verdict is Verdict.ineffective
    assert _judge(venlafaxine, patient_max=168.75).verdict is Verdict.inadequate


def test_it_judges_a_plaster_on_time_alone():
    assert _judge(_trial("lidocaine_plaster", None, 3)).verdict is Verdict.ineffective
    # No effective dose in the table: every week on the plaster counts, not only those at the most used.
    assert _judge(_trial("lidocaine_plaster", 3, 1, total=3)).verdict is Verdict.ineffective
    assert _judge(_trial("lidocaine_plaster", None, 2, total=2.9)).verdict is Verdict.inadequate


def test_it_trusts_the_clinician_where_the_sources_give_no_trial_length():
    assert _judge(_trial("carbamazepine", 400, 1)).verdict is Verdict.ineffective
    assert _judge(_trial("carbamazepine", 100, 8)).verdict is Verdict.inadequate
    assert _judge(_trial("morphine", 30, 1)).why == "Stopped as ineffective."
    ongoing = _judge(_trial("carbamazepine", 400, 1, stopped="ongoing", relief=10))
    assert (ongoing.verdict, ongoing.why) == (Verdict.titrating, "Ongoing trial: review the response.")


@pytest.mark.parametrize(
    ("relief", "verdict"),
    [(29.9, Verdict.ineffective), (30, Verdict.partial), (49.9, Verdict.partial), (50, Verdict.responding)],
)
def test_it_applies_the_immpact_bands_at_their_edges_after_an_adequate_trial(relief, verdict):
    assert _judge(_trial("pregabalin", 300, 4, stopped="ongoing", relief=relief)).verdict is verdict


def test_it_calls_a_stopped_trial_with_relief_a_response_worth_reconsidering():
    found = _judge(_trial("pregabalin", 300, 4, relief=40))
    assert found.verdict is Verdict.partial
    assert "yet the adequate trial gave 40 % less pain" in found.why
    unknown = _judge(_trial("morphine", 30, 1, relief=60))
    assert unknown.verdict is Verdict.responding
    assert "yet the trial gave 60 % less pain" in unknown.why


def test_it_keeps_titrating_a_running_trial_that_is_not_adequate_even_with_relief():
    found = _judge(_trial("duloxetine", 60, 1, stopped="ongoing", relief=40))
    assert (found.verdict, found.why) == (
        Verdict.titrating,
        "Keep titrating: 3 more weeks at an effective dose.",
    )


def test_it_says_the_issues_example_may_be_retried_in_assess(run):
    trial = {
        "drug": "amitriptyline",
        "max_daily_mg": 25,
        "weeks_at_max_dose": 2,
        "pain_reduction_pct": 10,
        "stopped_because": "ineffective",
    }
    found = option(run(make_case(trials=[trial])), "amitriptyline")
    assert found["status"] != "tried_ineffective"
    assert "trial_inadequate" in found["rules"]
    assert any("may be retried" in why for why in found["why"])
    with_total = option(run(make_case(trials=[trial | {"weeks_on_trial": 6}])), "amitriptyline")
    assert with_total["status"] == "tried_ineffective"
