"""The record commands end to end through the Typer app (CliRunner), and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.application import diary
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
    assert "FILE:" in err


IMPORTS = {"import": ("import",), "diary import": ("diary", "import", "--patient", "{pid}")}
KINDS = {"import": "a FHIR Bundle (JSON)", "diary import": "a CSV file"}


def binary(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 64)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("command", IMPORTS)
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: Path("missing.txt"), "{kind} that exists"),
        (lambda: Path("."), "{kind}, not a folder"),
        (lambda: binary(Path("b.bin")), "{kind} in UTF-8 text (this file holds binary data)"),
    ],
)
def test_it_refuses_an_import_file_it_cannot_read_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, make: Callable[[], Path], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)  # short relative paths, shown whole in the message
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    source = make()
    code, _, err = run(tmp_path, *(a.format(pid=pid) for a in IMPORTS[command]), str(source))
    assert code == 2
    message = f"FILE: got '{source}', expected {expected.format(kind=KINDS[command])}"
    assert message in " ".join(err.split())
    assert "Traceback" not in err
    assert (Patient.objects.count(), DiaryDay.objects.count()) == (1, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "limit"), [("import", "20 MB"), ("diary import", "10 MB")])
def test_it_stops_reading_dev_zero_at_the_import_limit(tmp_path: Path, command: str, limit: str) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    started = time.monotonic()
    code, _, err = run(tmp_path, *(a.format(pid=pid) for a in IMPORTS[command]), "/dev/zero")
    assert time.monotonic() - started < 20
    assert code == 2
    expected = f"FILE: got '/dev/zero', expected {KINDS[command]} of at most {limit}, the import limit"
    assert expected in " ".join(err.split())
    assert (Patient.objects.count(), DiaryDay.objects.count()) == (1, 0)


@pytest.mark.django_db
def test_it_imports_a_bundle_of_exactly_the_limit_and_refuses_one_byte_more(
    tmp_path: Path, settings: Any
) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    bundle = tmp_path / "ann.json"
    assert run(tmp_path, "export", "--patient", pid, "--out", str(bundle))[0] == 0
    settings.NERVEPATH_MAX_IMPORT_BYTES = bundle.stat().st_size - 1
    code, _, err = run(tmp_path, "import", str(bundle))
    assert code == 2
    assert f"of at most {bundle.stat().st_size - 1} bytes, the import limit" in " ".join(err.split())
    assert Patient.objects.count() == 1
    settings.NERVEPATH_MAX_IMPORT_BYTES = bundle.stat().st_size
    new_id = ok_json(tmp_path, "import", str(bundle))["patient_id"]
    assert Patient.objects.get(pk=new_id).display_name == "Ann"


@pytest.mark.django_db
def test_it_imports_a_diary_csv_of_exactly_the_limit_and_refuses_one_byte_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    days = tmp_path / "days.csv"
    days.write_text("date,pain_average\n2026-03-01,6\n2026-03-02,5\n")
    monkeypatch.setattr(diary, "CSV_MAX_BYTES", days.stat().st_size - 1)
    code, _, err = run(tmp_path, "diary", "import", "--patient", pid, str(days))
    assert code == 2
    assert f"a CSV file of at most {days.stat().st_size - 1} bytes" in " ".join(err.split())
    assert not DiaryDay.objects.exists()
    monkeypatch.setattr(diary, "CSV_MAX_BYTES", days.stat().st_size)
    assert ok_json(tmp_path, "diary", "import", "--patient", pid, str(days)) == {"imported": 2}


@pytest.mark.django_db
def test_it_imports_a_diary_csv_from_a_pipe(tmp_path: Path) -> None:
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    pipe = tmp_path / "days.pipe"
    os.mkfifo(pipe)
    text = "date,pain_average\n2026-03-01,6\n"
    writer = threading.Thread(target=pipe.write_text, args=(text,), daemon=True)  # blocks until read
    writer.start()
    assert ok_json(tmp_path, "diary", "import", "--patient", pid, str(pipe)) == {"imported": 1}
    writer.join(timeout=10)
    assert DiaryDay.objects.get().pain_average == 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("missing/ann.json", "a file in an existing folder (missing is not one)"),
        (".", "a file path, not a folder"),
    ],
)
def test_it_refuses_an_export_path_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    pid = str(ok_json(tmp_path, "patient", "add", "--name", "Ann")["id"])
    code, _, err = run(tmp_path, "export", "--patient", pid, "--out", out)
    assert code == 2
    assert f"--out: got '{out}', expected {expected}" in " ".join(err.split())
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


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


@pytest.mark.django_db
def test_it_prints_a_bad_path_with_brackets_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(tmp_path, "import", "[bold]x[/bold].json")
    assert code == 2
    assert "'[bold]x[/bold].json'" in err
