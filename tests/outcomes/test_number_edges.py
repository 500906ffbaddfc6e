"""Edges of a trial's outcome that a wrong comparison would move (issue 17, point 7; docs/mutation.md).

The first and the last day of a trial belong to it, a trial with no diary day on it is judged up to
its stop date or today, a drug without an adequacy rule still gets a verdict on its numbers, and a
reduction of exactly 50 % is substantial. Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nervepath.outcomes import AdequacyRule, Response, trial_outcome
from nervepath.outcomes.records import DiaryEntry, DoseChange, TrialRecord

START = date(2026, 5, 4)
PREGABALIN = AdequacyRule("pregabalin", trial_weeks=4, weeks_at_effective_dose=4, effective_daily_mg=300)


def day(n: int) -> date:
    return START + timedelta(days=n)


def baseline(pain: int) -> list[DiaryEntry]:
    """Seven diary days before the start, all at ``pain``."""
    return [DiaryEntry(day(-d), pain) for d in range(1, 8)]


def test_the_start_and_the_stop_day_both_count_towards_the_current_pain() -> None:
    # Stopped after four days (start day 0 to stop day 3): four entries, the minimum for a mean (rules.yaml).
    # Leaving out the start day or the stop day would leave three: no mean at all.
    trial = TrialRecord("pregabalin", START, (DoseChange(START, 150),), stop_date=day(3))
    on_trial = [DiaryEntry(day(d), 4) for d in range(4)]
    outcome = trial_outcome(trial, baseline(8) + on_trial, day(30), PREGABALIN)
    assert outcome.current.days_with_entries == 4
    assert outcome.current.mean == 4
    assert outcome.reduction_pct == 50
    assert outcome.response is Response.substantial  # stopped: judged on its numbers, 50 % exactly


def test_a_day_after_the_stop_date_does_not_count() -> None:
    trial = TrialRecord("pregabalin", START, (DoseChange(START, 150),), stop_date=day(3))
    entries = baseline(8) + [DiaryEntry(day(d), 4) for d in range(4)] + [DiaryEntry(day(4), 0)]
    outcome = trial_outcome(trial, entries, day(30), PREGABALIN)
    assert (outcome.current.last, outcome.current.mean) == (day(3), 4)


def test_a_running_trial_without_diary_days_is_counted_up_to_today() -> None:
    # 150 mg from day 0, 300 mg from day 7; today is day 35: 4 weeks at 300 mg, 5 weeks on the drug.
    trial = TrialRecord("pregabalin", START, (DoseChange(START, 150), DoseChange(day(7), 300)))
    outcome = trial_outcome(trial, baseline(8), day(35), PREGABALIN)
    assert outcome.weeks_at_effective_dose == 4
    assert outcome.adequate is True
    assert outcome.response is Response.insufficient_data


def test_a_stopped_trial_without_diary_days_is_counted_up_to_its_stop_date() -> None:
    # Stopped on day 21, judged on day 90: 2 weeks at 300 mg (days 7-21), not adequate.
    trial = TrialRecord(
        "pregabalin", START, (DoseChange(START, 150), DoseChange(day(7), 300)), stop_date=day(21)
    )
    outcome = trial_outcome(trial, baseline(8), day(90), PREGABALIN)
    assert outcome.weeks_at_effective_dose == 2
    assert outcome.adequate is False
    assert outcome.response is Response.insufficient_data


@pytest.mark.parametrize(("after", "response"), [(4, Response.substantial), (6, Response.none)])
def test_a_drug_without_an_adequacy_rule_is_judged_on_its_numbers(after: int, response: Response) -> None:
    # Baseline 8: 8 -> 4 is 50 % (substantial), 8 -> 6 is 25 % (none). Adequacy stays unknown.
    trial = TrialRecord("capsaicin_cream", START, (DoseChange(START, 1),))
    entries = baseline(8) + [DiaryEntry(day(d), after) for d in range(14)]
    outcome = trial_outcome(trial, entries, day(13), None)
    assert (outcome.adequate, outcome.weeks_at_effective_dose) == (None, None)
    assert outcome.response is response
