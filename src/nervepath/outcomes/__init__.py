"""Diary and trial analysis: baselines, rolling means, IMMPACT response, adequacy, trend, PGIC.

Pure functions over the plain records of :mod:`nervepath.outcomes.records`; no Django.
"""

from nervepath.outcomes.adequacy import AdequacyRule, adequacy_rules, is_adequate, weeks_at_effective_dose
from nervepath.outcomes.response import (
    Response,
    TrialOutcome,
    classify_reduction,
    reduction_pct,
    trial_outcome,
)
from nervepath.outcomes.summary import PatientSummary, patient_summary, summary_as_dict
from nervepath.outcomes.trend import Direction, Trend, least_squares, pain_trend
from nervepath.outcomes.windows import WindowMean, baseline_before, rolling_means, window_mean

__all__ = [
    "AdequacyRule",
    "Direction",
    "PatientSummary",
    "Response",
    "Trend",
    "TrialOutcome",
    "WindowMean",
    "adequacy_rules",
    "baseline_before",
    "classify_reduction",
    "is_adequate",
    "least_squares",
    "pain_trend",
    "patient_summary",
    "reduction_pct",
    "rolling_means",
    "summary_as_dict",
    "trial_outcome",
    "weeks_at_effective_dose",
    "window_mean",
]
