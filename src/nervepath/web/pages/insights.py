"""What affects my pain: the diary insights of one patient, ready for a page (patient's or clinician's).

The analysis is ``nervepath.outcomes.insights`` (associations with a 95 % CI, HAC standard errors,
Benjamini-Hochberg q-values, the treatment period as a covariate); the sentences and the forest plot
come in the page's language. The last year of the diary is analysed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nervepath.outcomes.insights import SCALES, analyse
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.reports.forest import factor_name, forest_svg
from nervepath.web.records import mappers
from nervepath.web.records.models import Patient

DAYS = 365  # the period analysed: the last year of the diary
COLUMNS = ("date", "pain_average", *SCALES, "triggers")  # what the analysis reads (triggers last)


@dataclass(frozen=True)
class InsightsSection:
    """What the page shows: finding sentences, the other sentences, the factors without enough data,
    the forest plot and the period (``days`` diary days from ``start`` to ``end``)."""

    findings: tuple[str, ...]
    others: tuple[str, ...]
    not_enough: tuple[str, ...]
    plot: SafeString
    start: date
    end: date
    days: int


def insights_section(
    patient: Patient, end: date, trials: tuple[TrialRecord, ...] | None = None
) -> InsightsSection:
    """The last ``DAYS`` days to ``end`` of the patient's diary, analysed (``trials`` when already read)."""
    start = end - timedelta(days=DAYS - 1)
    rows = patient.diary_days.filter(date__gte=start, date__lte=end).order_by("date")
    # Only the columns the analysis reads, without model rows (a year of days in one query).
    entries = [
        DiaryEntry(**dict(zip(COLUMNS, values, strict=True)) | {"triggers": tuple(values[-1] or ())})
        for values in rows.values_list(*COLUMNS)
    ]
    return section(entries, mappers.trials(patient) if trials is None else trials, start, end)


def section(
    diary: list[DiaryEntry], trials: tuple[TrialRecord, ...], start: date, end: date
) -> InsightsSection:
    """The analysis of ``diary`` from ``start`` to ``end`` (statsmodels loads at the first one)."""
    language = get_language() or "en"
    result = analyse(diary, trials, start, end)
    label = _("Difference in average pain for each factor, with its confidence interval")
    plot = forest_svg(result.factors, label=label, language=language)
    return InsightsSection(
        findings=tuple(f.sentence(language) for f in result.findings),
        others=tuple(f.sentence(language) for f in result.factors if not f.finding),
        not_enough=tuple(factor_name(f, language) for f in result.not_enough_data),
        # Our own SVG, every text in it escaped (reports/forest.py).
        plot=mark_safe(plot),  # noqa: S308  # nosec B308 B703
        start=start,
        end=end,
        days=result.days,
    )
