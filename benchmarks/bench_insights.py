"""How long the diary insights of one patient take for a year of daily entries (target: under 1 s),
and the false discovery proportion of the findings over many simulated diaries (target: at most 0.10).

The year has every factor the diary records (three scales, sitting hours, the triggers) and two trials;
statsmodels is imported by the warm-up call, as the first request of a running server would.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import numpy as np

from nervepath.outcomes.insights import analyse, trigger_ids
from nervepath.outcomes.records import DiaryEntry, DoseChange, TrialRecord

TARGET_S = 1.0
TARGET_FDR = 0.10
ROUNDS = 5
DIARIES = 60
START = date(2026, 1, 1)
PLANTED = {("cold", 0), ("stress", 1), ("mood", 0)}


def year(seed: int) -> tuple[list[DiaryEntry], list[TrialRecord]]:
    """365 days with AR(1) noise; cold +2 the same day, stress +1.5 the next day, mood -0.3 per point."""
    rng = np.random.default_rng(seed)
    triggers = trigger_ids()
    noise, stress_before, entries = 0.0, False, []
    for i in range(365):
        ticked = tuple(t for t in triggers if rng.random() < 0.3)
        mood = int(rng.integers(0, 11))
        noise = 0.5 * noise + rng.normal(0, 0.7)
        pain = 5.0 + noise + 2.0 * ("cold" in ticked) + 1.5 * stress_before - 0.3 * (mood - 5)
        entries.append(
            DiaryEntry(
                date=START + timedelta(days=i),
                pain_average=int(min(10, max(0, round(pain)))),
                mood=mood,
                sleep_interference=int(rng.integers(0, 11)),
                activity=int(rng.integers(0, 11)),
                sitting_hours=float(rng.integers(0, 13)),
                triggers=ticked,
            )
        )
        stress_before = "stress" in ticked
    trials = [
        TrialRecord(
            "pregabalin",
            START + timedelta(days=90),
            (DoseChange(START + timedelta(days=90), 150),),
            stop_date=START + timedelta(days=180),
        ),
        TrialRecord(
            "duloxetine", START + timedelta(days=200), (DoseChange(START + timedelta(days=200), 60),)
        ),
    ]
    return entries, trials


def run() -> list[dict[str, Any]]:
    diary, trials = year(0)
    analyse(diary, trials)  # warm-up: imports statsmodels
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        analyse(diary, trials)
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    proportions = []
    for seed in range(1, DIARIES + 1):
        findings = analyse(*year(seed)).findings
        false = sum((f.id, f.lag) not in PLANTED for f in findings)
        proportions.append(false / max(len(findings), 1))
    fdr = sum(proportions) / len(proportions)
    return [
        {
            "name": "insights of a year of daily entries",
            "target": TARGET_S,
            "measured": round(median, 3),
            "unit": "s",
            "ok": median < TARGET_S,
        },
        {
            "name": f"false discovery proportion of the findings, mean of {DIARIES} simulated years",
            "target": TARGET_FDR,
            "measured": round(fdr, 3),
            "unit": "",
            "ok": fdr <= TARGET_FDR,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
