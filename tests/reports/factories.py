"""Report inputs built from plain records: a patient with a diary, trials and questionnaires."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from nervepath.clinical.assess import assess_json
from nervepath.outcomes.records import (
    CarePlanEntry,
    DiaryEntry,
    DoseChange,
    PatientInfo,
    QuestionnaireRecord,
    TrialRecord,
)
from nervepath.reports.inputs import Period, ReportInput, report_input

CASES = Path(__file__).parents[2] / "src" / "nervepath" / "data" / "cases"
START = date(2026, 1, 1)
PREGABALIN_START = START + timedelta(days=14)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def taken(offset: int) -> datetime:
    return datetime.combine(day(offset), time(9, 30))


def diary(days: int = 70, note: str = "") -> list[DiaryEntry]:
    """7/10 for two weeks before pregabalin, then 5/10, then 4/10 from day 56 (sleep 6, then 3)."""
    entries = []
    for offset in range(days):
        pain = 7 if offset < 14 else 5 if offset < 56 else 4
        sleep = 6 if offset < 14 else 3
        entries.append(
            DiaryEntry(day(offset), pain, min(10, pain + 2), sleep, note=note if offset == days - 1 else "")
        )
    return entries


def pregabalin(stop: date | None = None) -> TrialRecord:
    return TrialRecord(
        drug="pregabalin",
        start_date=PREGABALIN_START,
        doses=(DoseChange(PREGABALIN_START, 150), DoseChange(day(21), 300)),
        stop_date=stop,
        stop_reason="ineffective" if stop else "",
        review_date=day(84),
        id=1,
    )


def phq9(offset: int, item9: int = 0) -> QuestionnaireRecord:
    """A stored PHQ-9, with the score, band and flag the engine recorded for these answers."""
    answers = [1, 1, 1, 2, 1, 1, 1, 1, item9]
    flags = ("suicide_risk",) if item9 else ()
    return QuestionnaireRecord("phq9", answers, taken(offset), float(sum(answers)), "mild", flags)


def dpn_assessment() -> dict[str, Any]:
    """The assess output for the contract example: CrCl 47, gabapentin max 1400 mg, oxycodone in use."""
    return assess_json(json.loads((CASES / "dpn-on-oxycodone.json").read_text()))


def make_input(**overrides: Any) -> ReportInput:
    options: dict[str, Any] = {
        "diary": diary(),
        "trials": [pregabalin()],
        "today": day(69),
        "questionnaires": [phq9(0), phq9(60)],
        "assessment": dpn_assessment(),
        "care_plan": [
            CarePlanEntry("exercise", "exercise", "Walk most days, building up slowly"),
            CarePlanEntry("follow_up", "follow_up_visit", "Review the pregabalin trial", due_date=day(84)),
        ],
        "patient_ref": "7",
    }
    options.update(overrides)
    patient = options.pop("patient", PatientInfo("Ann Example", date(1958, 4, 2), "female"))
    span = options.pop("span", Period(START, day(69)))
    return report_input(patient, span, **options)
