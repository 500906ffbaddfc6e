"""Mappers between ORM rows and the plain records of ``nervepath.outcomes.records``.

Reading: ``patient_record(patient)`` gathers everything about one patient in a fixed order.
Writing the other way (a whole record into the database) lives in ``exchange.py``.
"""

from __future__ import annotations

from typing import Any

from nervepath.outcomes.diary_fields import diary_fields
from nervepath.outcomes.records import (
    AdherenceRecord,
    CarePlanEntry,
    ConditionRecord,
    DayEvent,
    DiaryEntry,
    DoseChange,
    MedicationRecord,
    PatientInfo,
    PatientRecord,
    QuestionnaireRecord,
    RegionScore,
    TrialDecisionRecord,
    TrialRecord,
)
from nervepath.web.records import models as m

_COLUMNS = tuple(f for f in diary_fields().fields if f.kind != "region_scores")


def diary_entry(day: m.DiaryDay) -> DiaryEntry:
    # Each column of data/diary/fields.yaml (ids stored as JSON lists), then the day's own rows.
    values = {f.id: getattr(day, f.id) for f in _COLUMNS}
    columns: dict[str, Any] = {name: tuple(v) if isinstance(v, list) else v for name, v in values.items()}
    return DiaryEntry(
        **columns,
        regions=tuple(RegionScore(r.region_id, r.pain) for r in day.regions.all()),
        events=tuple(DayEvent(e.at, e.kind, e.severity, e.note) for e in day.events.all()),
    )


def diary(patient: m.Patient) -> tuple[DiaryEntry, ...]:
    days = patient.diary_days.order_by("date").prefetch_related("regions", "events")
    return tuple(diary_entry(day) for day in days)


def diary_for_outcomes(patient: m.Patient) -> list[DiaryEntry]:
    """Only date and average pain: what the outcome arithmetic needs, fetched without model rows."""
    rows = patient.diary_days.order_by("date").values_list("date", "pain_average")
    return [DiaryEntry(date=day, pain_average=pain) for day, pain in rows]


def trial_record(trial: m.Trial) -> TrialRecord:
    return TrialRecord(
        id=trial.pk,
        drug=trial.drug_id,
        start_date=trial.start_date,
        doses=tuple(DoseChange(s.date, s.daily_mg) for s in trial.doses.all()),
        stop_date=trial.stop_date,
        stop_reason=trial.stop_reason,
        review_date=trial.review_date,
        side_effects=tuple(trial.side_effects),
        decisions=tuple(
            TrialDecisionRecord(d.date, d.decision, d.author, d.note) for d in trial.decisions.all()
        ),
    )


def trials(patient: m.Patient) -> tuple[TrialRecord, ...]:
    rows = patient.trials.order_by("start_date", "pk").prefetch_related("doses", "decisions")
    return tuple(trial_record(trial) for trial in rows)


def patient_record(patient: m.Patient) -> PatientRecord:
    """Everything about one patient as a PatientRecord (what export writes)."""
    return PatientRecord(
        patient=PatientInfo(patient.display_name, patient.birth_date, patient.sex),
        conditions=tuple(
            ConditionRecord(c.condition_id, c.onset_date, c.note) for c in patient.conditions.all()
        ),
        medications=tuple(
            MedicationRecord(x.drug_id, x.daily_dose, x.unit, x.start_date, x.stop_date)
            for x in patient.medications.order_by("drug_id", "start_date", "pk")
        ),
        diary=diary(patient),
        trials=trials(patient),
        questionnaires=tuple(
            QuestionnaireRecord(q.instrument_id, q.answers, q.taken_at, q.score, q.band, tuple(q.flags))
            for q in patient.questionnaires.all()
        ),
        adherence=tuple(
            AdherenceRecord(a.drug_id, a.date, a.doses_planned, a.doses_taken)
            for a in patient.adherence.all()
        ),
        care_plan=tuple(
            CarePlanEntry(c.kind, c.item_id, c.title, c.status, c.note, c.due_date)
            for c in patient.care_plan.all()
        ),
    )
