"""Reports: the clinician PDF for five years of daily diary entries and ten trials, under 2 s.

Measured on the pure core (``report_input`` + ``render_clinician_pdf``), which is what the CLI and
the web route run after reading the database; the best of three runs is reported.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from nervepath.outcomes.records import DiaryEntry, DoseChange, PatientInfo, TrialRecord
from nervepath.reports.careplan import render_careplan_pdf
from nervepath.reports.clinician import render_clinician_pdf
from nervepath.reports.inputs import Period, ReportInput, report_input

DAYS = 5 * 365
TRIALS = 10
DRUGS = ("pregabalin", "gabapentin", "duloxetine", "venlafaxine", "amitriptyline")
TARGET_S = 2.0


def five_years() -> ReportInput:
    first = date(2021, 1, 1)
    diary = [
        DiaryEntry(first + timedelta(days=i), 3 + i % 6, min(10, 5 + i % 6), i % 8, note=f"day {i}")
        for i in range(DAYS)
    ]
    trials = []
    for n in range(TRIALS):
        start = first + timedelta(days=30 + n * 170)
        doses = (DoseChange(start, 100.0), DoseChange(start + timedelta(days=14), 200.0))
        trials.append(
            TrialRecord(DRUGS[n % len(DRUGS)], start, doses, start + timedelta(days=120), "ineffective", id=n)
        )
    span = Period(first, first + timedelta(days=DAYS - 1))
    return report_input(PatientInfo("Benchmark Patient"), span, diary=diary, trials=trials, today=span.end)


def _best(job: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        job()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return min(times)


def run() -> list[dict[str, object]]:
    clinician = _best(lambda: render_clinician_pdf(five_years()))
    careplan = _best(lambda: render_careplan_pdf(five_years()))
    return [
        {"name": "clinician report PDF, 5 years daily + 10 trials", "target": f"< {TARGET_S} s",
         "measured": round(clinician, 3), "unit": "s", "ok": clinician < TARGET_S},
        {"name": "care plan PDF, same record", "target": f"< {TARGET_S} s",
         "measured": round(careplan, 3), "unit": "s", "ok": careplan < TARGET_S},
    ]  # fmt: skip
