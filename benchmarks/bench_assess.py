"""How long one `assess` call takes once the data is loaded (target: under 20 ms)."""

from __future__ import annotations

import json
import time
from importlib import resources
from typing import Any

from nervepath.clinical.assess import assess_json

TARGET_MS = 20.0
ROUNDS = 50


def run() -> list[dict[str, Any]]:
    """Median wall time of `assess_json` on each contract example, after one warm-up call."""
    rows = []
    for name in ("dpn-on-oxycodone.json", "trigeminal-neuralgia.json"):
        case = json.loads(
            resources.files("nervepath").joinpath("data", "cases", name).read_text(encoding="utf-8")
        )
        assess_json(case)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            assess_json(case)
            times.append((time.perf_counter() - start) * 1000)
        median = sorted(times)[len(times) // 2]
        rows.append(
            {
                "name": f"assess {name}",
                "target": TARGET_MS,
                "measured": round(median, 2),
                "unit": "ms",
                "ok": median < TARGET_MS,
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
