"""`diary add` with every field, `diary event`, the interactive entry, and CSV export -> import."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli import diary as diary_cli
from nervepath.cli.main import app
from nervepath.web.records.models import DiaryDay, DiaryEvent, Patient, RegionPain
from nervepath.web.records.patients import add_patient

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pid(db: None) -> str:
    return str(add_patient("Ann", "1958-04-02", "female").pk)


def test_it_records_every_field_of_a_day(pid: str) -> None:
    code, _, err = run(
        *("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6"),
        *("--mood", "4", "--activity", "5", "--sitting-hours", "7.5"),
        *("--qualities", "burning_pain, tingling", "--triggers", "cold,walking"),
        *("--region", "feet=7", "--region", "hands=3"),
    )
    assert code == 0, err
    day = DiaryDay.objects.get()
    assert (day.mood, day.activity, day.sitting_hours) == (4, 5, 7.5)
    assert (day.qualities, day.triggers) == (["burning_pain", "tingling"], ["cold", "walking"])
    assert list(RegionPain.objects.values_list("region_id", "pain")) == [("feet", 7), ("hands", 3)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--region", "feet"), "region: got 'feet', expected REGION=N"),
        (("--region", "feet=11"), "regions.feet: got 11"),
        (("--mood", "12"), "mood: got 12"),
        (("--sitting-hours", "30"), "sitting_hours: got '30'"),
        (("--qualities", "Burning Pain"), "qualities: got 'Burning Pain'"),
    ],
)
def test_it_names_the_bad_field_and_writes_nothing(pid: str, extra: tuple[str, ...], message: str) -> None:
    code, _, err = run(
        "diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6", *extra
    )
    assert code == 2
    assert message in " ".join(err.split())
    assert not DiaryDay.objects.exists()
    assert not RegionPain.objects.exists()


def test_it_attaches_a_moment_to_its_day(pid: str) -> None:
    run("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6")
    args = ("diary", "event", "--patient", pid, "--date", "2026-03-01", "--kind", "flare")
    code, out, err = run(
        *args, "--time", "14:30", "--severity", "8", "--note", "after a walk", "--format", "json"
    )
    assert code == 0, err
    event = DiaryEvent.objects.get(pk=json.loads(out)["id"])
    assert (event.kind, event.severity, event.note) == ("flare", 8, "after a walk")
    assert event.at.astimezone().time() == time(14, 30)
    assert event.day.date.isoformat() == "2026-03-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--date", "2026-03-02", "--kind", "flare"),
            "date: got '2026-03-02', expected a day that has a diary",
        ),
        (("--date", "2026-03-01", "--kind", "sneeze"), "event.kind: got 'sneeze'"),
        (("--date", "2026-03-01", "--kind", "flare", "--time", "25:00"), "time: got '25:00'"),
        (("--date", "2026-03-01", "--kind", "flare", "--severity", "11"), "event.severity: got 11"),
    ],
)
def test_it_refuses_a_bad_moment(pid: str, args: tuple[str, ...], message: str) -> None:
    run("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6")
    code, _, err = run("diary", "event", "--patient", pid, *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert not DiaryEvent.objects.exists()


def test_it_asks_for_the_day_when_run_interactively(pid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diary_cli, "_interactive", lambda: True)
    code, out, err = run(
        "diary", "add", "--patient", pid, "--date", "2026-03-01", stdin="7\n9\n4\nbad night\n"
    )
    assert code == 0, err
    assert "Average pain on the day (0 = no pain, 10 = worst pain you can imagine)" in " ".join(out.split())
    day = DiaryDay.objects.get()
    assert (day.pain_average, day.pain_worst, day.sleep_interference, day.note) == (7, 9, 4, "bad night")


def test_it_refuses_to_ask_without_a_terminal(pid: str) -> None:
    code, _, err = run("diary", "add", "--patient", pid, "--date", "2026-03-01")
    assert code == 2
    assert "pain_average: got None" in err


def test_it_imports_what_it_exports(pid: str, tmp_path: Path) -> None:
    run(
        *(
            "diary",
            "add",
            "--patient",
            pid,
            "--date",
            "2026-03-01",
            "--pain-average",
            "6",
            "--pain-worst",
            "8",
        ),
        *("--mood", "4", "--sitting-hours", "7.5", "--qualities", "burning_pain,tingling", "--note", "a, b"),
    )
    run("diary", "add", "--patient", pid, "--date", "2026-03-02", "--pain-average", "5", "--triggers", "cold")
    run(
        "trial",
        "start",
        "--patient",
        pid,
        "--drug",
        "pregabalin",
        "--date",
        "2026-03-01",
        "--daily-mg",
        "150",
    )
    exported = tmp_path / "diary.csv"
    assert run("export", "--patient", pid, "--format", "csv", "--out", str(exported))[0] == 0
    bob = str(add_patient("Bob").pk)
    code, out, err = run("diary", "import", "--patient", bob, str(exported), "--format", "json")
    assert (code, json.loads(out) if code == 0 else err) == (0, {"imported": 2})
    fields = ("date", "pain_average", "pain_worst", "sleep_interference", "mood", "activity")
    fields += ("sitting_hours", "note", "qualities", "triggers")
    original = list(DiaryDay.objects.filter(patient_id=pid).values_list(*fields))
    assert list(DiaryDay.objects.filter(patient_id=bob).values_list(*fields)) == original
    code, second, _ = run("export", "--patient", bob, "--format", "csv")
    assert second.splitlines()[1:] == [
        line.rsplit(",", 1)[0] + "," for line in exported.read_text().splitlines()[1:]
    ]


def test_it_keeps_stored_values_of_columns_a_file_does_not_have(pid: str, tmp_path: Path) -> None:
    run("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6", "--mood", "4")
    (tmp_path / "d.csv").write_text("date,pain_average,qualities\n2026-03-01,5,tingling;numbness\n")
    assert run("diary", "import", "--patient", pid, str(tmp_path / "d.csv"))[0] == 0
    day = Patient.objects.get(pk=pid).diary_days.get()
    assert (day.pain_average, day.mood, day.qualities) == (5, 4, ["tingling", "numbness"])
