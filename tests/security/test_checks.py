"""The code and dependency checks that .ci/run runs before the suite: bandit (medium severity and
up, reviewed false positives in .ci/bandit-baseline.json) and the honest pip-audit summary.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
BANDIT = [
    str(Path(sys.executable).with_name("bandit")),
    "-ll",
    "-q",
    "-b",
    str(ROOT / ".ci/bandit-baseline.json"),
]


def summary_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pip_audit_summary", ROOT / ".ci/pip_audit_summary.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_finds_no_unreviewed_bandit_issue_in_src() -> None:
    # Relative paths, as in the baseline.
    command = [*BANDIT, "-r", "src"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_it_makes_bandit_fail_on_a_new_issue(tmp_path: Path) -> None:
    risky = tmp_path / "risky.py"
    risky.write_text("import subprocess\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n")
    result = subprocess.run([*BANDIT, str(risky)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "B602" in result.stdout


def test_it_fails_on_a_reported_vulnerability() -> None:
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "rich", "version": "15.0.0", "vulns": []},
        ]
    }
    code, lines = summary_module().summarise(report)
    assert code == 1
    assert lines[0] == "pip-audit: django 5.2.0: PYSEC-0000-1"
    assert lines[-1] == "pip-audit: 2 packages checked, 1 with known vulnerabilities"


def test_it_says_honestly_how_many_packages_could_not_be_checked() -> None:
    skipped = {"name": "rich", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    report = {
        "dependencies": [skipped, skipped | {"name": "typer"}, {"name": "click", "version": "8", "vulns": []}]
    }
    code, lines = summary_module().summarise(report)
    assert code == 0
    assert lines == [
        "pip-audit: 1 packages checked, 0 with known vulnerabilities",
        "pip-audit: 2 packages could not be checked (vulnerability service unreachable)",
    ]
