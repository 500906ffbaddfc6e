"""The pain chart of one patient: ORM rows mapped to the one chart renderer, returned as inline SVG."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nervepath.clinical.drugs import load_drugs
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.windows import rolling_means
from nervepath.reports.charts import PainPoint, TreatmentBand, pain_chart
from nervepath.web.records.models import Patient

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def drug_name(drug_id: str) -> str:
    drug = load_drugs().get(drug_id)
    return drug.name if drug else drug_id


def _band(trial: TrialRecord) -> TreatmentBand:
    steps = tuple((d.date, d.daily_mg) for d in trial.doses)
    return TreatmentBand(drug_name(trial.drug), trial.start_date, trial.stop_date, dose_steps=steps)


def patient_chart(
    patient: Patient, last: date, days: int, label: str, trials: Sequence[TrialRecord]
) -> SafeString:
    """Inline SVG of the last ``days`` days of average/worst pain, 7-day mean and the bands of
    ``trials`` (the page reads them once for the chart and its other panels)."""
    start = last - timedelta(days=days - 1)
    # One query for the period plus the week before it (the first 7-day means need it).
    rows = patient.diary_days.filter(date__gte=start - timedelta(days=7), date__lte=last).order_by("date")
    fields = list(rows.values_list("date", "pain_average", "pain_worst"))
    points = [PainPoint(day, average, worst) for day, average, worst in fields]
    diary = [DiaryEntry(date=day, pain_average=average) for day, average, _ in fields]
    rolling = [(w.last, w.mean) for w in rolling_means(diary) if w.mean is not None]
    bands = [_band(t) for t in trials]
    # No drawn key: the page's caption explains each line (and a screen reader can read it).
    svg = pain_chart(points, bands, start=start, end=last, rolling=rolling, legend=False).decode()
    svg = _PROLOGUE.sub("", svg, count=1)
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # noqa: S308 - SVG comes from our own renderer; the label is escaped
