"""The stored records of one patient as a report input (``nervepath.reports``).

``report_input_for(patient, start, end)`` gathers the diary, trials, questionnaires and care plan
through the mappers, assesses the patient with ``assessment.assess_patient`` (the stored case and
questionnaire results) and hands everything to the pure ``nervepath.reports.inputs.report_input``.
A record that lacks what assess needs (for example no age) still gets a report: its clinical
sections say "not assessed".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from nervepath.errors import InvalidInput
from nervepath.outcomes.records import CarePlanEntry, PatientInfo, QuestionnaireRecord
from nervepath.reports.inputs import PrescribingRecord, ReportInput, period, report_input
from nervepath.web.records import mappers
from nervepath.web.records.assessment import assess_patient
from nervepath.web.records.models import Patient
from nervepath.web.records.validation import today as local_today


def report_input_for(
    patient: Patient, start: date | None = None, end: date | None = None, today: date | None = None
) -> ReportInput:
    """Everything the clinician report and the care plan need for ``patient`` over [start, end].

    Missing ends default to the first diary day (or 90 days back) and today.
    Raises: InvalidInput naming ``to`` when ``end`` is before ``start``.
    """
    on = today or local_today()
    diary = mappers.diary(patient)
    return report_input(
        PatientInfo(patient.display_name, patient.birth_date, patient.sex),
        period(start, end, diary, on),
        diary=diary,
        trials=mappers.trials(patient),
        today=on,
        questionnaires=_questionnaires(patient),
        assessment=assessment_for(patient, on),
        care_plan=_care_plan(patient),
        patient_ref=str(patient.pk),
        clinician=", ".join(c.display_name for c in patient.clinicians.order_by("display_name")),
        prescribing=prescribing_records(patient),
    )


def assessment_for(patient: Patient, today: date) -> dict[str, Any] | None:
    """The ``assess`` JSON of the patient's stored case, or None when the record cannot make a case."""
    try:
        return assess_patient(patient, today)
    except InvalidInput:
        return None


def prescribing_records(patient: Patient) -> list[PrescribingRecord]:
    """The prescribing checks kept with every trial and every current medicine of ``patient``."""
    trials = patient.trials.order_by("start_date", "pk")
    current = patient.medications.filter(stop_date__isnull=True).order_by("drug_id", "pk")
    return [
        *(PrescribingRecord(t.drug_id, tuple(t.checks), t.pk) for t in trials if t.checks),
        *(PrescribingRecord(m.drug_id, tuple(m.checks), medication_id=m.pk) for m in current if m.checks),
    ]


def _questionnaires(patient: Patient) -> list[QuestionnaireRecord]:
    rows = patient.questionnaires.order_by("taken_at", "pk")
    return [
        QuestionnaireRecord(
            q.instrument_id, q.answers, timezone.localtime(q.taken_at), q.score, q.band, tuple(q.flags)
        )
        for q in rows
    ]


def _care_plan(patient: Patient) -> list[CarePlanEntry]:
    rows = patient.care_plan.order_by("due_date", "pk")
    return [CarePlanEntry(c.kind, c.item_id, c.title, c.status, c.note, c.due_date) for c in rows]
