"""Reads ``pip-audit --format json`` on stdin; fails on any known vulnerability and says honestly
how many packages could not be checked (in a sandbox without the vulnerability service, all).
"""

from __future__ import annotations

import json
import sys


def summarise(report: dict[str, object]) -> tuple[int, list[str]]:
    """(exit code, lines to print) for one pip-audit JSON report."""
    dependencies: list[dict[str, object]] = report.get("dependencies", [])  # type: ignore[assignment]
    found = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    lines = [
        f"pip-audit: {d['name']} {d.get('version', '')}: " + ", ".join(str(v["id"]) for v in d["vulns"])  # type: ignore[attr-defined]
        for d in found
    ]
    checked = len(dependencies) - len(skipped)
    lines.append(f"pip-audit: {checked} packages checked, {len(found)} with known vulnerabilities")
    if skipped:
        lines.append(
            f"pip-audit: {len(skipped)} packages could not be checked (vulnerability service unreachable)"
        )
    return (1 if found else 0), lines


if __name__ == "__main__":
    code, lines = summarise(json.load(sys.stdin))
    print("\n".join(lines))
    sys.exit(code)
