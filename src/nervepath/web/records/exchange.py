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
from typing import overload

from django.db import transaction

from nervepath.csvsafe import safe_row
from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.outcomes.diary_fields import diary_fields
from nervepath.outcomes.records import (
    AdherenceRecord,
    CarePlanEntry,
    ConditionRecord,
    DiaryEntry,
    MedicationRecord,
    PatientRecord,
    QuestionnaireRecord,
    TrialRecord,
)
from nervepath.web.records import models as m
from nervepath.web.records import validation as v
from nervepath.web.records.conditions import condition_id
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
    # Every value goes through the validators the other writers use: an import is an ordinary caller.
    m.Condition.objects.bulk_create(_condition(patient, c) for c in _unique_conditions(record))
    m.Medication.objects.bulk_create(_medication(patient, x) for x in record.medications)
    for response in record.questionnaires:
        _save_response(patient, response)
    m.MedicationTaken.objects.bulk_create(_adherence(patient, a) for a in _unique_adherence(record))
    m.CarePlanItem.objects.bulk_create(_care_plan_item(patient, c) for c in record.care_plan)


def _unique_conditions(record: PatientRecord) -> list[ConditionRecord]:
    seen = [c.condition_id for c in record.conditions]
    twice = sorted({c for c in seen if seen.count(c) > 1})
    if twice:
        raise InvalidInput("Condition.code", twice[0], "each condition once")
    return list(record.conditions)


def _condition(patient: m.Patient, c: ConditionRecord) -> m.Condition:
    field = f"Condition[{c.condition_id}]"
    return m.Condition(
        patient=patient,
        condition_id=condition_id("Condition.code", c.condition_id),
        onset_date=_past(f"{field}.onsetDateTime", c.onset_date),
        note=v.text(f"{field}.note", c.note, max_length=v.NOTE_MAX_LENGTH),
    )


def _medication(patient: m.Patient, x: MedicationRecord) -> m.Medication:
    drug = v.drug("MedicationStatement.medication", x.drug_id)
    field = f"MedicationStatement[{drug}]"
    start = _past(f"{field}.effectivePeriod.start", x.start_date)
    return m.Medication(
        patient=patient,
        drug_id=drug,
        daily_dose=v.positive_mg(f"{field}.dosage", x.daily_dose),
        unit=v.text(f"{field}.dosage.unit", x.unit, max_length=32, required=True),
        start_date=start,
        stop_date=_after(f"{field}.effectivePeriod.end", x.stop_date, start),
    )


def _unique_adherence(record: PatientRecord) -> list[AdherenceRecord]:
    keys = [(a.drug_id, a.date) for a in record.adherence]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        drug, day = twice[0]
        raise InvalidInput("Observation.adherence", f"{drug} {day}", "one adherence entry per drug and day")
    return list(record.adherence)


def _adherence(patient: m.Patient, a: AdherenceRecord) -> m.MedicationTaken:
    drug = v.drug("Observation.adherence.medication", a.drug_id)
    field = f"Observation[adherence {drug} {a.date}]"
    planned = _count(f"{field}.doses_planned", a.doses_planned, 1)
    return m.MedicationTaken(
        patient=patient,
        drug_id=drug,
        date=v.past_date(f"{field}.date", a.date),
        doses_planned=planned,
        doses_taken=_count(f"{field}.doses_taken", a.doses_taken, 0, planned),
    )


def _count(field: str, raw: object, low: int, high: int = 100) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise InvalidInput(field, raw, f"a whole number {low}-{high}")
    return raw


def _care_plan_item(patient: m.Patient, c: CarePlanEntry) -> m.CarePlanItem:
    field = f"CarePlan.activity[{c.item_id}]"
    return m.CarePlanItem(
        patient=patient,
        kind=v.identifier(f"{field}.kind", c.kind, 20),
        item_id=v.identifier(f"{field}.code", c.item_id, 64),
        title=v.text(f"{field}.title", c.title, max_length=300, required=True),
        status=v.choice(f"{field}.status", c.status, list(m.CarePlanStatus.values)),
        note=v.text(f"{field}.note", c.note, max_length=v.NOTE_MAX_LENGTH),
        due_date=None if c.due_date is None else v.iso_date(f"{field}.due", c.due_date),
    )


def _past(field: str, day: date | None) -> date | None:
    return None if day is None else v.past_date(field, day)


@overload
def _after(field: str, day: date, start: date | None) -> date: ...
@overload
def _after(field: str, day: date | None, start: date | None) -> date | None: ...
def _after(field: str, day: date | None, start: date | None) -> date | None:
    end = _past(field, day)
    if end is not None and start is not None and end < start:
        raise InvalidInput(field, end.isoformat(), f"a date on or after the start ({start})")
    return end


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
    drug = v.drug("MedicationStatement.medication", trial.drug)
    field = f"MedicationStatement[trial {drug} {trial.start_date}]"
    start = v.past_date(f"{field}.effectivePeriod.start", trial.start_date)
    stop = _after(f"{field}.effectivePeriod.end", trial.stop_date, start)
    reason = trial.stop_reason
    if stop is not None or reason:
        reason = v.choice(f"{field}.statusReason", reason, list(m.StopReason.values))
    row = m.Trial.objects.create(
        patient=patient,
        drug_id=drug,
        start_date=start,
        stop_date=stop,
        stop_reason=reason,
        review_date=_review(field, trial, start),
        side_effects=[v.identifier(f"{field}.side_effects", e, 64) for e in trial.side_effects],
    )
    m.DoseStep.objects.bulk_create(_dose_steps(row, field, trial, start))
    m.TrialDecision.objects.bulk_create(
        m.TrialDecision(
            trial=row,
            date=_after(f"{field}.decision.date", d.date, start),
            decision=v.choice(f"{field}.decision", d.decision, list(m.Decision.values)),
            author=v.text(f"{field}.decision.author", d.author, max_length=200),
            note=v.text(f"{field}.decision.note", d.note, max_length=v.NOTE_MAX_LENGTH),
        )
        for d in trial.decisions
    )


def _review(field: str, trial: TrialRecord, start: date) -> date | None:
    if trial.review_date is None:
        return None
    review = v.iso_date(f"{field}.review_date", trial.review_date)
    if review < start:
        raise InvalidInput(
            f"{field}.review_date", review.isoformat(), f"a date on or after the start ({start})"
        )
    return review


def _dose_steps(row: m.Trial, field: str, trial: TrialRecord, start: date) -> list[m.DoseStep]:
    days = [d.date for d in trial.doses]
    if not days or len(set(days)) != len(days):
        raise InvalidInput(f"{field}.dosage", len(days), "at least one dose, at most one per day")
    return [
        m.DoseStep(
            trial=row,
            date=_after(f"{field}.dosage[{d.date}].date", d.date, start),
            daily_mg=v.positive_mg(f"{field}.dosage[{d.date}].dose", d.daily_mg),
        )
        for d in trial.doses
    ]


# The columns `diary import` reads, in the order export writes them: one list for both, from the
# diary's data file (data/diary/fields.yaml) and the `trials` column export adds.
CSV_COLUMNS = CSV_REQUIRED + CSV_OPTIONAL + CSV_IGNORED


def diary_csv(record: PatientRecord) -> str:
    """The diary as one CSV file, one row per day (columns in ``CSV_COLUMNS``, see docs/storage.md).

    ``qualities`` and ``triggers`` are ``;``-separated ids; ``trials`` lists the trials running
    that day as ``drug daily_mg`` pairs separated by ``;``. A text cell a spreadsheet would run as a
    formula (a note beginning with ``=``) is written with a quote before it (``nervepath.csvsafe``),
    which ``diary import`` takes off again.
    """
    out = io.StringIO()
    # RFC 4180's CRLF line ends: the writer quotes a cell holding a CR or an LF only when the line end
    # has it, and a note typed in a browser's text box carries CRLF (unquoted, the file would not read).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    for entry in record.diary:
        cells = [_cell(getattr(entry, f.id)) for f in _DIARY.csv_fields()]
        writer.writerow(safe_row([*cells, _running(record.trials, entry.date)]))
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
