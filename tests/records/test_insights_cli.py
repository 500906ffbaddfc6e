"""`nervepath insights`: the issue's JSON shape, readable human output, bad input exit 2 naming the field."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app

runner = CliRunner()
DAY = date(2026, 1, 1)


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--home", str(home), *args], terminal_width=80)
    return result.exit_code, result.stdout, result.stderr


def patient_with_diary(home: Path, days: int = 60) -> str:
    code, out, err = run(home, "patient", "add", "--name", "Ann", "--format", "json")
    assert code == 0, err
    pid = str(json.loads(out)["id"])
    lines = ["date,pain_average,triggers"]
    for i in range(days):
        cold = i % 3 == 0
        lines.append(
            f"{DAY + timedelta(days=i)},{4 + (3 if cold else 0) + (i % 7 == 0)},{'cold' if cold else ''}"
        )
    (home / "d.csv").write_text("\n".join(lines) + "\n")
    code, _, err = run(home, "diary", "import", "--patient", pid, str(home / "d.csv"))
    assert code == 0, err
    return pid


@pytest.mark.django_db
def test_json_is_the_issue_shape(tmp_path: Path) -> None:
    pid = patient_with_diary(tmp_path)
    code, out, err = run(tmp_path, "insights", "--patient", pid, "--format", "json")
    assert code == 0, err
    body = json.loads(out)
    assert set(body) == {"patient", "days", "factors", "not_enough_data"}
    assert (body["patient"], body["days"]) == (int(pid), 60)
    cold = next(f for f in body["factors"] if (f["id"], f["lag"]) == ("cold", 0))
    assert cold["finding"]
    assert cold["kind"] == "trigger"
    assert cold["ci95"][0] <= 3 <= cold["ci95"][1]


@pytest.mark.django_db
def test_human_output_puts_findings_first_within_80_columns(tmp_path: Path) -> None:
    pid = patient_with_diary(tmp_path)
    code, out, _ = run(tmp_path, "insights", "--patient", pid)
    assert code == 0
    assert out.index("Findings:") < out.index("On days with cold")
    assert "not causes" in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--from", "2026-13-01"), "from"),
        (("--to", "yesterday"), "to"),
        (("--from", "2026-02-01", "--to", "2026-01-01"), "to"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path: Path, args: tuple[str, ...], field: str) -> None:
    pid = patient_with_diary(tmp_path, days=3)
    code, _, err = run(tmp_path, "insights", "--patient", pid, *args)
    assert code == 2
    assert err.startswith(f"error: {field}:")


@pytest.mark.django_db
def test_an_unknown_patient_exits_2(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, "insights", "--patient", "999")
    assert code == 2
    assert "999" in err
