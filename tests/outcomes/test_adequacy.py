"""Adequacy of a stored trial, counted from its dates and dose steps (outcomes.adequacy), by the one
definition of clinical.adequacy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nervepath.outcomes.adequacy import (
    AdequacyRule,
    adequacy,
    adequacy_rules,
    adequacy_rules_for,
    effective_weeks,
    is_adequate,
    top_daily_mg,
    weeks_at_effective_dose,
    weeks_on_trial,
)
from nervepath.outcomes.records import DoseChange, TrialRecord

START = date(2026, 3, 2)
PREGABALIN = AdequacyRule("pregabalin", trial_weeks=4, weeks_at_effective_dose=4, effective_daily_mg=300)
AMITRIPTYLINE = AdequacyRule("amitriptyline", trial_weeks=6, weeks_at_effective_dose=2, effective_daily_mg=25)
GABAPENTIN = AdequacyRule("gabapentin", trial_weeks=5, weeks_at_effective_dose=2, effective_daily_mg=1200)
PLASTER = AdequacyRule("lidocaine_plaster", trial_weeks=3, weeks_at_effective_dose=3)


def day(n: int) -> date:
    return START + timedelta(days=n)


def trial(drug: str, *steps: tuple[int, float], stop: int | None = None) -> TrialRecord:
    doses = tuple(DoseChange(day(d), mg) for d, mg in steps)
    return TrialRecord(drug, START, doses, stop_date=None if stop is None else day(stop))


# Pregabalin 75 mg (day 0), 150 mg (day 7), 300 mg (day 14), 450 mg (day 21): effective from 300 mg.
STEPPED = trial("pregabalin", (0, 75), (7, 150), (14, 300), (21, 450))


def test_it_counts_only_the_steps_at_or_above_the_effective_dose():
    assert weeks_on_trial(STEPPED, day(42)) == 6
    assert weeks_at_effective_dose(STEPPED, day(42), 300) == 4  # days 14-42: the 300 and 450 mg steps
    assert weeks_at_effective_dose(STEPPED, day(42), 450) == 3
    assert weeks_at_effective_dose(STEPPED, day(42), 150) == 5
    assert weeks_at_effective_dose(STEPPED, day(42), 75) == 6


def test_it_calls_a_stepped_trial_adequate_on_the_day_it_has_4_weeks_at_300_mg():
    assert is_adequate(STEPPED, day(42), PREGABALIN)
    assert not is_adequate(STEPPED, day(41), PREGABALIN)
    assert adequacy(STEPPED, day(41), PREGABALIN).missing == "1 more week at an effective dose"


def test_it_counts_a_step_at_exactly_the_effective_dose():
    exact = trial("pregabalin", (0, 150), (7, 300))
    assert weeks_at_effective_dose(exact, day(35), 300) == 4
    assert is_adequate(exact, day(35), PREGABALIN)
    below = trial("pregabalin", (0, 150), (7, 299))
    assert weeks_at_effective_dose(below, day(35), 300) == 0
    assert (
        adequacy(below, day(35), PREGABALIN).missing
        == "reach at least 300 mg/day; 4 more weeks at an effective dose"
    )


def test_it_does_not_count_a_step_down_below_the_effective_dose():
    # 300 mg for 2 weeks, down to 150 mg (side effects) for 2 weeks, back to 300 mg for 2 weeks.
    down_and_up = trial("pregabalin", (0, 300), (14, 150), (28, 300))
    assert weeks_at_effective_dose(down_and_up, day(42), 300) == 4
    assert is_adequate(down_and_up, day(42), PREGABALIN)
    assert not is_adequate(down_and_up, day(41), PREGABALIN)


def test_it_needs_the_full_trial_length_as_well_as_the_weeks_at_an_effective_dose():
    # The example: amitriptyline 25 mg for 2 weeks - 2 weeks at an effective dose, 2 of 6 in all.
    short = trial("amitriptyline", (0, 25), stop=14)
    found = adequacy(short, day(100), AMITRIPTYLINE)
    assert found.adequate is False
    assert found.missing == "at least 4 more weeks on the drug"
    assert is_adequate(trial("amitriptyline", (0, 10), (14, 25), stop=42), day(100), AMITRIPTYLINE)
    assert not is_adequate(trial("amitriptyline", (0, 10), (14, 25), stop=41), day(100), AMITRIPTYLINE)


def test_it_counts_the_renal_maximum_as_an_effective_dose_when_lower():
    # Gabapentin at CrCl 20: at most 700 mg/day, below the usual effective 1200 mg/day.
    renal = trial("gabapentin", (0, 300), (7, 500), (14, 700))
    assert not is_adequate(renal, day(35), GABAPENTIN)
    assert is_adequate(renal, day(35), GABAPENTIN, patient_max=700)
    assert effective_weeks(renal, day(35), GABAPENTIN, patient_max=700) == 3
    assert effective_weeks(renal, day(35), GABAPENTIN, patient_max=500) == 4
    assert adequacy(renal, day(34), GABAPENTIN, patient_max=700).missing == "at least 1 more week on the drug"
    assert (
        adequacy(renal, day(27), GABAPENTIN, patient_max=700).missing
        == "1 more week at an effective dose; at least 2 more weeks on the drug"
    )


def test_it_counts_every_week_of_a_drug_without_an_effective_dose():
    plaster = trial("lidocaine_plaster", (0, 1), (7, 3))
    assert effective_weeks(plaster, day(21), PLASTER) == 3
    assert is_adequate(plaster, day(21), PLASTER)
    assert not is_adequate(plaster, day(20), PLASTER)


def test_it_counts_to_the_stop_date_and_ignores_steps_after_the_day_counted_to():
    stopped = trial("pregabalin", (0, 300), (14, 600), stop=21)
    assert weeks_on_trial(stopped, day(100)) == 3
    assert weeks_at_effective_dose(stopped, day(100), 600) == 1
    assert top_daily_mg(stopped, day(13)) == 300
    assert top_daily_mg(stopped, day(14)) == 600
    assert top_daily_mg(stopped, day(-1)) is None


def test_it_orders_dose_steps_by_date_whatever_order_they_come_in():
    shuffled = TrialRecord("pregabalin", START, (DoseChange(day(14), 300), DoseChange(day(0), 150)))
    assert weeks_at_effective_dose(shuffled, day(42), 300) == 4


def test_it_never_counts_negative_weeks():
    assert weeks_on_trial(STEPPED, day(-7)) == 0
    assert weeks_at_effective_dose(STEPPED, day(-7), 75) == 0


@pytest.mark.parametrize(
    ("drug", "rule"),
    [
        ("gabapentin", (5, 2, 1200)),
        ("pregabalin", (4, 4, 300)),
        ("amitriptyline", (6, 2, 25)),
        ("lidocaine_plaster", (3, 3, None)),
        ("capsaicin_patch_8pct", (12, 12, None)),
    ],
)
def test_it_reads_each_rule_from_the_drug_table_as_it_stands(drug, rule):
    found = adequacy_rules()[drug]
    assert (found.trial_weeks, found.weeks_at_effective_dose, found.effective_daily_mg) == rule


def test_it_has_no_rule_for_a_drug_without_a_trial_length():
    assert "carbamazepine" not in adequacy_rules()
    assert "morphine" not in adequacy_rules()


def test_it_lowers_each_effective_dose_to_the_patients_maximum_when_lower():
    rules = adequacy_rules_for({"gabapentin": 700, "pregabalin": 600, "venlafaxine": 112.5, "tramadol": None})
    assert rules["gabapentin"].effective_daily_mg == 700
    assert rules["pregabalin"].effective_daily_mg == 300
    assert rules["venlafaxine"].effective_daily_mg == 112.5
    assert rules["tramadol"].effective_daily_mg == 200
    assert rules["duloxetine"].effective_daily_mg == 60
    assert rules["lidocaine_plaster"].effective_daily_mg is None
    renal = trial("gabapentin", (0, 300), (7, 500), (14, 700))
    assert is_adequate(renal, day(35), rules["gabapentin"])
