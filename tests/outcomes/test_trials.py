"""Trial adequacy and response, with adequacy rules read from the drug table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nervepath.errors import InvalidInput
from nervepath.outcomes import AdequacyRule, Response, adequacy_rules, trial_outcome, weeks_at_effective_dose
from nervepath.outcomes.adequacy import is_adequate
from nervepath.outcomes.pgic import pgic_category
from nervepath.outcomes.records import DiaryEntry, DoseChange, TrialRecord
from nervepath.outcomes.summary import patient_summary, summary_as_dict
from nervepath.sources import all_sources

START = date(2026, 3, 1)
RULE = AdequacyRule("pregabalin", trial_weeks=4, weeks_at_effective_dose=4, effective_daily_mg=300)


def pregabalin(stop: date | None = None) -> TrialRecord:
    doses = (DoseChange(START, 150), DoseChange(START + timedelta(days=7), 300))
    return TrialRecord("pregabalin", START, doses, stop_date=stop, stop_reason="ineffective" if stop else "")


def diary(before: int, after: int, weeks_after: int = 6) -> list[DiaryEntry]:
    pre = [DiaryEntry(START - timedelta(days=d), before) for d in range(1, 8)]
    post = [DiaryEntry(START + timedelta(days=d), after) for d in range(7 * weeks_after)]
    return pre + post


def test_it_counts_weeks_at_the_effective_dose_as_documented() -> None:
    assert weeks_at_effective_dose(pregabalin(), date(2026, 4, 5), 300) == pytest.approx(4.0)
    assert is_adequate(pregabalin(), date(2026, 4, 5), RULE)
    assert not is_adequate(pregabalin(), date(2026, 4, 4), RULE)


def test_it_stops_counting_at_the_stop_date() -> None:
    trial = pregabalin(stop=START + timedelta(days=14))
    assert weeks_at_effective_dose(trial, date(2026, 12, 1), 300) == pytest.approx(1.0)


def test_it_says_too_early_for_a_running_trial_that_is_not_adequate_yet() -> None:
    outcome = trial_outcome(pregabalin(), diary(8, 2, weeks_after=2), START + timedelta(days=13), RULE)
    assert outcome.response is Response.too_early
    assert outcome.adequate is False


def test_it_judges_adequacy_where_the_diary_stops_not_today() -> None:
    # Diary entries cover two weeks of the trial (one at 300 mg); months later it is still not an
    # adequate trial, because no pain was recorded during the weeks that would make it one.
    outcome = trial_outcome(pregabalin(), diary(8, 8, weeks_after=2), START + timedelta(days=120), RULE)
    assert outcome.adequate is False
    assert outcome.response is Response.too_early
    assert outcome.weeks_at_effective_dose == pytest.approx(6 / 7)  # 300 mg from day 7, last entry day 13


def test_it_classifies_an_adequate_trial_against_its_baseline() -> None:
    outcome = trial_outcome(pregabalin(), diary(8, 5), START + timedelta(days=41), RULE)
    assert outcome.baseline.mean == 8
    assert outcome.current.mean == 5
    assert outcome.reduction_pct == pytest.approx(37.5)
    assert outcome.response is Response.moderate
    assert outcome.adequate is True


def test_it_judges_a_stopped_trial_on_its_numbers() -> None:
    outcome = trial_outcome(pregabalin(stop=START + timedelta(days=10)), diary(8, 8), date(2026, 6, 1), RULE)
    assert outcome.response is Response.none
    assert outcome.adequate is False


def test_it_reports_insufficient_data_without_a_baseline() -> None:
    post_only = [DiaryEntry(START + timedelta(days=d), 3) for d in range(60)]
    outcome = trial_outcome(pregabalin(), post_only, date(2026, 6, 1), RULE)
    assert outcome.response is Response.insufficient_data
    assert outcome.reduction_pct is None


def test_it_reads_adequacy_rules_from_the_drug_table_with_registered_sources() -> None:
    rules = adequacy_rules()
    assert rules["pregabalin"].trial_weeks == 4
    assert rules["pregabalin"].effective_daily_mg == 300
    cited = {s for rule in rules.values() for s in rule.sources}
    assert cited <= set(all_sources())


def test_it_summarises_what_was_tried_and_what_worked() -> None:
    summary = patient_summary(diary(8, 3), [pregabalin()], START + timedelta(days=41), {"pregabalin": RULE})
    data = summary_as_dict(summary)
    assert data["baseline_pain"] == 8.0
    assert data["current_pain_7d"] == 3.0
    assert data["trials"][0]["response"] == "substantial"
    assert data["worked"] == ["pregabalin"] == data["tried"]
    assert data["trend"]["direction"] == "improving"


@pytest.mark.parametrize(
    ("answer", "band"),
    [
        ("very_much_improved", "substantial"),
        ("much_improved", "moderate"),
        (3, "minimal"),
        ("much_worse", "no_improvement"),
    ],
)
def test_it_maps_pgic_answers_to_immpact_categories(answer: str | int, band: str) -> None:
    assert pgic_category(answer) == band


def test_it_rejects_an_unknown_pgic_answer() -> None:
    with pytest.raises(InvalidInput):
        pgic_category("fantastic")
