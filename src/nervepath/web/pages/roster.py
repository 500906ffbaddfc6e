"""What the clinician's patient list shows beside the flags: the last diary day, the 7-day average
pain, the running treatments with their dose now, and the next review.

``summaries`` answers for one page of patients in three queries, whatever their number or the
length of their diaries: one aggregate over the diary, one over the running trials (each with its
latest dose step as a subquery), one over the care plan's follow-up visits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Max, Min, OuterRef, Q, Subquery

from nervepath.clinical.drugs import load_drugs
from nervepath.web.pages.data_words import drug_name
from nervepath.web.records.models import CarePlanItem, CarePlanStatus, DiaryDay, DoseStep, Trial

# The "7-day average": the mean of the average-pain entries dated in the last 7 days, today included.
WEEK_DAYS = 7
FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Treatment:
    name: str
    daily: float | None
    unit: str


@dataclass
class Summary:
    last_entry: date | None = None
    week_average: float | None = None
    treatments: list[Treatment] = field(default_factory=list)
    next_review: date | None = None
    today: date | None = None

    @property
    def review_overdue(self) -> bool:
        return self.next_review is not None and self.today is not None and self.next_review < self.today


def _unit(drug_id: str) -> str:
    drug = load_drugs().get(drug_id)
    return drug.unit if drug is not None else "mg"


def summaries(patient_ids: list[int], today: date) -> dict[int, Summary]:
    """patient id -> the list's columns for that patient (every id present)."""
    found = {pid: Summary(today=today) for pid in patient_ids}
    if not patient_ids:
        return found
    week = Q(date__gt=today - timedelta(days=WEEK_DAYS), date__lte=today)
    diary = (
        DiaryDay.objects.filter(patient_id__in=patient_ids, date__lte=today)
        .values("patient_id")
        .annotate(last=Max("date"), week=Avg("pain_average", filter=week))
        .order_by()
    )
    for row in diary:
        found[row["patient_id"]].last_entry = row["last"]
        found[row["patient_id"]].week_average = row["week"]
    dose = DoseStep.objects.filter(trial=OuterRef("pk"), date__lte=today).order_by("-date", "-pk")
    running = (
        Trial.objects.filter(patient_id__in=patient_ids, stop_date__isnull=True)
        .annotate(daily=Subquery(dose.values("daily_mg")[:1]))
        .order_by("patient_id", "start_date", "pk")
    )
    reviews: dict[int, list[date]] = {pid: [] for pid in patient_ids}
    for pid, drug_id, daily, review in running.values_list("patient_id", "drug_id", "daily", "review_date"):
        found[pid].treatments.append(Treatment(drug_name(drug_id), daily, _unit(drug_id)))
        if review is not None:
            reviews[pid].append(review)
    visits = (
        CarePlanItem.objects.filter(patient_id__in=patient_ids, kind=FOLLOW_UP, due_date__isnull=False)
        .exclude(status__in=[CarePlanStatus.completed, CarePlanStatus.cancelled])
        .values("patient_id")
        .annotate(due=Min("due_date"))
        .order_by()
    )
    for pid, due in visits.values_list("patient_id", "due"):
        reviews[pid].append(due)
    for pid, dates in reviews.items():
        found[pid].next_review = min(dates, default=None)
    return found
