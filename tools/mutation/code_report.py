"""Kill rates of mutmut's code mutants, per module, from ``mutmut results --all true``.

Run from the repository root after ``mutmut run`` (``make mutate`` does both). A mutant counts as killed
when a test failed on it (``killed``) or it ran past its time limit (``timeout``); ``survived``,
``no tests`` (no test reaches the mutated function) and ``suspicious`` count against the rate;
``not checked`` (a run stopped early) is shown apart and left out of the rate.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {"killed", "timeout", "caught by type check"}


def results(mutmut: str) -> dict[str, str]:
    """Every mutant's status by name."""
    out = subprocess.run(  # noqa: S603 - a fixed command: this venv's own mutmut
        [mutmut, "results", "--all", "true"], check=True, capture_output=True, text=True
    ).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name.startswith("nervepath."):
            found[name] = status
    return found


def module_of(mutant: str) -> str:
    """``nervepath.clinical.mme.x_mme_per_day__mutmut_3`` -> ``nervepath.clinical.mme``."""
    return mutant.split(".x", 1)[0] if ".x" in mutant else mutant.rsplit(".", 1)[0]


def main() -> int:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    left: list[tuple[str, str]] = []
    for name, status in sorted(results(mutmut).items()):
        by_module[module_of(name)][status] += 1
        if status not in KILLED and status != "not checked":
            left.append((name, status))
    print(f"{'module':34} {'killed':>7} {'total':>6} {'rate':>7}  not checked")
    total_killed = total = 0
    for module, counts in sorted(by_module.items()):
        killed = sum(counts[s] for s in KILLED)
        counted = sum(counts.values()) - counts["not checked"]
        total_killed, total = total_killed + killed, total + counted
        print(f"{module:34} {killed:7} {counted:6} {killed / max(counted, 1):7.1%}  {counts['not checked']}")
    print(f"{'all code':34} {total_killed:7} {total:6} {total_killed / max(total, 1):7.1%}")
    if left:
        print("\nsurviving code mutants (`mutmut show <name>` prints the change):")
        for name, status in left:
            print(f"  {name}: {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
