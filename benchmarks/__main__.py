"""`make bench`: run every benchmarks/bench_*.py module and print one table of targets and measurements.

Each module exposes ``run() -> list[dict]`` with rows ``{"name", "target", "measured", "unit", "ok"}``.
Benchmarks are never part of the test run: timing on a shared 2-core machine is too noisy
for a pass/fail test.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = set(argv)
    rows: list[dict[str, object]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        module = importlib.import_module(f"benchmarks.{path.stem}")
        rows.extend({"module": path.stem, **row} for row in module.run())
    print_table(rows)
    out = HERE / "results.json"
    out.write_text(
        json.dumps({"machine": machine(), "date": datetime.now(UTC).isoformat(), "rows": rows}, indent=2)
    )
    return 0 if all(row["ok"] for row in rows) else 1


def machine() -> str:
    cores = os.cpu_count()
    return f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def print_table(rows: list[dict[str, object]]) -> None:
    table = Table(title=f"nervepath benchmarks — {machine()}")
    for column in ("module", "name", "target", "measured", "unit", "ok"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                str(row[c]) if c != "ok" else ("yes" if row["ok"] else "NO")
                for c in ("module", "name", "target", "measured", "unit", "ok")
            )
        )
    Console().print(table)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
