"""The record commands end to end through the Typer app (CliRunner), and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.records.models import DiaryDay, Patient

runner = CliRunner()
START = date(2026, 1, 10)


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--home", str(home), *args])
    return result.exit_code, result.stdout, result.stderr


def ok_json(home: Path, *args: str) -> dict[str, object]:
    code, out, err = run(home, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.django_db
def test_it_runs_the_whole_flow_from_patient_to_status(tmp_path: Path) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann", "--birth-date", "1958-04-02")["id"])
    lines = ["date,pain_average"] + [f"{START + timedelta(days=i)},{8 if i < 7 else 4}" for i in range(60)]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n")
    assert ok_json(tmp_path, "diary", "import", "--patient", pid, str(tmp_path / "d.csv")) == {"imported": 60}
    start = (START + timedelta(days=7)).isoformat()
    tid = str(
        ok_json(
            tmp_path,
            "trial",
            "start",
            "--patient",
            pid,
            "--drug",
            "pregabalin",
            "--date",
            start,
            "--daily-mg",
            "300",
        )["id"]
    )
    ok_json(tmp_path, "trial", "decide", "--trial", tid, "--decision", "continue", "--date", start)
    status = ok_json(tmp_path, "status", "--patient", pid)
    assert status["baseline_pain"] == 8.0
    assert status["current_pain_7d"] == 4.0
    trial = status["trials"][0]  # type: ignore[index]
    assert {k: trial[k] for k in ("id", "drug", "reduction_pct", "response", "adequate")} == {
        "id": int(tid),
        "drug": "pregabalin",
        "reduction_pct": 50.0,
        "response": "substantial",
        "adequate": True,
    }
    assert ok_json(tmp_path, "patient", "list") == {"patients": [{"id": int(pid), "name": "Ann"}]}


@pytest.mark.django_db
def test_it_says_added_then_updated_for_the_same_day(tmp_path: Path) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    args = ("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average")
    assert run(tmp_path, *args, "7")[1].strip() == "added the entry for 2026-03-01"
    assert run(tmp_path, *args, "5", "--note", "better")[1].strip() == "updated the entry for 2026-03-01"
    entries = ok_json(tmp_path, "diary", "list", "--patient", pid)["entries"]
    assert [(e["date"], e["pain_average"], e["note"]) for e in entries] == [("2026-03-01", 5, "better")]  # type: ignore[union-attr]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("diary", "add", "--patient", "{pid}", "--date", "2026-03-01", "--pain-average", "11"),
            "pain_average: got 11, expected an integer 0-10",
        ),
        (
            ("diary", "add", "--patient", "{pid}", "--date", "2999-01-01", "--pain-average", "3"),
            "date: got '2999-01-01'",
        ),
        (("diary", "add", "--patient", "{pid}", "--date", "2026-03-01"), "pain_average: got None"),
        (("diary", "list", "--patient", "999"), "patient 999 was not found"),
        (
            (
                "trial",
                "start",
                "--patient",
                "{pid}",
                "--drug",
                "aspirin_x",
                "--date",
                "2026-01-01",
                "--daily-mg",
                "5",
            ),
            "drug: got 'aspirin_x'",
        ),
        (
            ("trial", "stop", "--trial", "42", "--date", "2026-01-01", "--because", "other"),
            "trial 42 was not found",
        ),
        (("patient", "add", "--name", "Bo", "--sex", "robot"), "sex: got 'robot'"),
    ],
)
def test_it_exits_2_with_the_field_named_on_bad_input(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    code, _, err = run(tmp_path, *(a.replace("{pid}", pid) for a in args))
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err
    assert not DiaryDay.objects.exists()


@pytest.mark.django_db
def test_it_exports_and_imports_a_patient(tmp_path: Path) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann", "--sex", "female")["id"])
    run(tmp_path, "diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6")
    out = tmp_path / "ann.json"
    assert run(tmp_path, "export", "--patient", pid, "--out", str(out))[0] == 0
    new_id = ok_json(tmp_path, "import", str(out))["patient_id"]
    assert Patient.objects.get(pk=new_id).diary_days.get().pain_average == 6
    code, csv_text, _ = run(tmp_path, "export", "--patient", pid, "--format", "csv")
    assert code == 0
    assert csv_text.splitlines()[1].startswith("2026-03-01,6,")
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = run(tmp_path, "import", str(tmp_path / "bad.json"))
    assert code == 2
    assert "file:" in err


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="checks the embedded SQLite database")
def test_it_creates_and_migrates_the_database_on_first_use(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    env = {k: v for k, v in os.environ.items() if k not in {"NERVEPATH_HOME", "DJANGO_SETTINGS_MODULE"}}
    command = [
        str(Path(sys.executable).parent / "nervepath"),
        "--home",
        str(home),
        "patient",
        "add",
        "--name",
        "Ann",
        "--format",
        "json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"id": 1}
    assert (home / "nervepath.sqlite3").is_file()
