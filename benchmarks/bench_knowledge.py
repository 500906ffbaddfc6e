"""How long loading and indexing the whole knowledge base takes on a cold start (target: under 0.5 s).

It was a timed unit test once; timing belongs here, where a loaded machine cannot fail the suite.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from nervepath.knowledge.loader import knowledge_base

TARGET_S = 0.5
ROUNDS = 5


def run() -> list[dict[str, Any]]:
    """Median wall time of a first search after the knowledge caches are cleared."""
    # The package re-exports the function `search`, which shadows the module of the same name.
    search_module = importlib.import_module("nervepath.knowledge.search")
    times = []
    for _ in range(ROUNDS):
        knowledge_base.cache_clear()
        search_module._index.cache_clear()
        start = time.perf_counter()
        search_module.search("burning")
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    return [
        {
            "name": "knowledge base cold load + first search",
            "target": TARGET_S,
            "measured": round(median, 3),
            "unit": "s",
            "ok": median < TARGET_S,
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
