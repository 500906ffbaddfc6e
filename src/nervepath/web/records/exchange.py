"""Whole-record exchange: write a PatientRecord (from an imported FHIR Bundle) as a new patient.

Everything is written in one transaction, so a bad record leaves the database as it was. The
values are checked with the same validators as the CLI so that messages name the field.
Questionnaire responses are recorded by ``questionnaires.record_questionnaire`` like any other:
scored from their answers, whatever score and band the bundle carries.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.db import transaction

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.outcomes.diary_fields import diary_fields
from nervepath.outcomes.records import DiaryEntry, PatientRecord, QuestionnaireRecord, TrialRecord
from nervepath.web.records import models as m
from nervepath.web.records import validation as v
from nervepath.web.records.diary import (
    CSV_IGNORED,
    CSV_OPTIONAL,
    CSV_REQUIRED,
    DayInput,
    check_day,
    check_regions,
)
from nervepath.web.records.questionnaires import record_questionnaire

_DIARY = diary_fields()


def save_patient_record(record: PatientRecord) -> m.Patient:
    """Create a new patient holding everything in ``record``; returns the patient."""
    _one_unstopped_per_drug(record)
    with transaction.atomic():
        info = record.patient
        patient = m.Patient.objects.create(
            display_name=v.text("Patient.name", info.display_name, max_length=200, required=True),
            birth_date=info.birth_date,
            sex=v.choice("Patient.gender", info.sex, list(m.Sex.values)),
        )
        _save_clinical(patient, record)
        for entry in record.diary:
            _save_day(patient, entry)
        for trial in record.trials:
            _save_trial(patient, trial)
    return patient


def _one_unstopped_per_drug(record: PatientRecord) -> None:
    # The database holds one running trial and one current medication of a drug per patient; a
    # record with two (written before that rule, or by hand) is refused by name, not by the index.
    for what, drugs in (
        ("running trial", [t.drug for t in record.trials if t.stop_date is None]),
        ("current medication", [x.drug_id for x in record.medications if x.stop_date is None]),
    ):
        twice = sorted({drug for drug in drugs if drugs.count(drug) > 1})
        if twice:
            expected = f"at most one {what} of a drug (every other one with a stop date)"
            raise InvalidInput("MedicationStatement.medication", twice[0], expected)


def _save_clinical(patient: m.Patient, record: PatientRecord) -> None:
    m.Condition.objects.bulk_create(
        m.Condition(patient=patient, condition_id=c.condition_id, onset_date=c.onset_date, note=c.note)
        for c in record.conditions
    )
    m.Medication.objects.bulk_create(
        m.Medication(
            patient=patient,
            drug_id=v.drug("MedicationStatement.medication", x.drug_id),
            daily_dose=x.daily_dose,
            unit=x.unit,
            start_date=x.start_date,
            stop_date=x.stop_date,
        )
        for x in record.medications
    )
    for response in record.questionnaires:
        _save_response(patient, response)
    m.MedicationTaken.objects.bulk_create(
        m.MedicationTaken(
            patient=patient,
            drug_id=a.drug_id,
            date=a.date,
            doses_planned=a.doses_planned,
            doses_taken=a.doses_taken,
        )
        for a in record.adherence
    )
    m.CarePlanItem.objects.bulk_create(
        m.CarePlanItem(
            patient=patient,
            kind=c.kind,
            item_id=c.item_id,
            title=c.title,
            status=c.status,
            note=c.note,
            due_date=c.due_date,
        )
        for c in record.care_plan
    )


def _save_response(patient: m.Patient, response: QuestionnaireRecord) -> None:
    # Scored from its answers like any response: a score or band the bundle carries is ignored.
    where = f"QuestionnaireResponse[{response.taken_at.isoformat()}]"
    try:
        record_questionnaire(patient, response.instrument_id, response.answers, response.taken_at)
    except UnknownIdentifier as exc:
        raise UnknownIdentifier(f"{where}.{exc.field}", exc.value, exc.known) from exc
    except InvalidInput as exc:
        raise InvalidInput(f"{where}.{exc.field}", exc.value, exc.expected) from exc


def _save_day(patient: m.Patient, entry: DiaryEntry) -> None:
    # The checks of every other writer of a day (ranges, the note's length, ids), fields from the data.
    field = f"Observation[{entry.date}]."
    given = DayInput(**{f.id: getattr(entry, f.id) for f in _DIARY.fields})
    values = {name: value for name, value in check_day(given, field).items() if value is not None}
    day = m.DiaryDay.objects.create(patient=patient, **values)
    m.RegionPain.objects.bulk_create(
        m.RegionPain(day=day, region_id=region, pain=pain)
        for region, pain in check_regions(entry.regions, field).items()
    )
    m.DiaryEvent.objects.bulk_create(
        m.DiaryEvent(day=day, at=e.at, kind=e.kind, severity=e.severity, note=e.note) for e in entry.events
    )


def _save_trial(patient: m.Patient, trial: TrialRecord) -> None:
    row = m.Trial.objects.create(
        patient=patient,
        drug_id=v.drug("MedicationStatement.medication", trial.drug),
        start_date=trial.start_date,
        stop_date=trial.stop_date,
        stop_reason=trial.stop_reason,
        review_date=trial.review_date,
        side_effects=list(trial.side_effects),
    )
    m.DoseStep.objects.bulk_create(
        m.DoseStep(trial=row, date=d.date, daily_mg=d.daily_mg) for d in trial.doses
    )
    m.TrialDecision.objects.bulk_create(
        m.TrialDecision(trial=row, date=d.date, decision=d.decision, author=d.author, note=d.note)
        for d in trial.decisions
    )


# The columns `diary import` reads, in the order export writes them: one list for both, from the
# diary's data file (data/diary/fields.yaml) and the `trials` column export adds.
CSV_COLUMNS = CSV_REQUIRED + CSV_OPTIONAL + CSV_IGNORED


def diary_csv(record: PatientRecord) -> str:
    """The diary as one CSV file, one row per day (columns in ``CSV_COLUMNS``, see docs/storage.md).

    ``qualities`` and ``triggers`` are ``;``-separated ids; ``trials`` lists the trials running
    that day as ``drug daily_mg`` pairs separated by ``;``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in record.diary:
        cells = [_cell(getattr(entry, f.id)) for f in _DIARY.csv_fields()]
        writer.writerow([*cells, _running(record.trials, entry.date)])
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):  # ids
        return ";".join(value)
    return "" if value is None else value


def _running(trials: tuple[TrialRecord, ...], day: date) -> str:
    found = []
    for trial in trials:
        if trial.start_date <= day and (trial.stop_date is None or day <= trial.stop_date):
            doses = [d.daily_mg for d in trial.doses if d.date <= day]
            found.append(f"{trial.drug} {doses[-1]:g}" if doses else trial.drug)
    return ";".join(found)
