"""`diary delete` and `diary restore`, the worst pain never below the average (`diary add`, `diary import`),
and the one note limit of data/diary/fields.yaml at the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.outcomes.diary_fields import diary_fields
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.diary import DayInput, record_day
from nervepath.web.records.models import DeletedDiaryDay, DiaryDay, Patient, RegionPain
from nervepath.web.records.patients import add_patient

runner = CliRunner()
NOTE_MAX = diary_fields().field("note").max_length or 0


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture
def ann(db: None) -> Patient:
    return add_patient("Ann", "1958-04-02", "female")


def changes() -> list[tuple[str, str]]:
    return list(AuditEvent.objects.exclude(action="read").order_by("pk").values_list("action", "object_type"))


def test_delete_then_restore(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 6, pain_worst=8, note="cold day", regions=None))
    day = DiaryDay.objects.get()
    RegionPain.objects.create(day=day, region_id="hands", pain=4)
    code, out, err = run("diary", "delete", "--patient", str(ann.pk), "2026-03-01")
    assert code == 0, err
    assert "deleted the entry for 2026-03-01" in out
    assert f"nervepath diary restore --patient {ann.pk} 2026-03-01" in " ".join(out.split())
    assert not DiaryDay.objects.exists()
    code, out, err = run("diary", "restore", "--patient", str(ann.pk), "2026-03-01", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == {"date": "2026-03-01", "restored": True}
    back = DiaryDay.objects.get()
    assert (back.pk, back.pain_average, back.pain_worst, back.note) == (day.pk, 6, 8, "cold day")
    assert list(back.regions.values_list("region_id", "pain")) == [("hands", 4)]
    assert changes() == [("delete", "diaryday"), ("change", "diaryday")]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("delete", "diary day 2026-03-02 was not found"),
        ("restore", "deleted diary day 2026-03-02 was not found"),
    ],
)
def test_a_day_without_an_entry_exits_2(ann: Patient, command: str, message: str) -> None:
    record_day(ann, DayInput("2026-03-01", 6))
    code, _, err = run("diary", command, "--patient", str(ann.pk), "2026-03-02")
    assert code == 2
    assert message in err
    assert changes() == []


def test_a_deletion_older_than_the_undo_window_cannot_be_undone(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 6))
    run("diary", "delete", "--patient", str(ann.pk), "2026-03-01")
    DeletedDiaryDay.objects.update(deleted_at="2000-01-01T00:00:00Z")
    code, _, err = run("diary", "restore", "--patient", str(ann.pk), "2026-03-01")
    assert code == 2
    assert "was not found" in err


def test_a_later_deletion_clears_copies_older_than_the_undo_window(ann: Patient) -> None:
    for day in ("2026-03-01", "2026-03-02"):
        record_day(ann, DayInput(day, 6))
    run("diary", "delete", "--patient", str(ann.pk), "2026-03-01")
    DeletedDiaryDay.objects.update(deleted_at="2000-01-01T00:00:00Z")
    run("diary", "delete", "--patient", str(ann.pk), "2026-03-02")
    assert list(DeletedDiaryDay.objects.values_list("date", flat=True)) == [date(2026, 3, 2)]


def test_worst_below_average_exits_2_naming_pain_worst(ann: Patient) -> None:
    code, _, err = run(
        "diary",
        "add",
        "--patient",
        str(ann.pk),
        "--date",
        "2026-03-01",
        "--pain-average",
        "7",
        "--pain-worst",
        "2",
    )
    assert code == 2
    assert "pain_worst: got 2, expected a worst pain of at least the average pain (7)" in err
    assert not DiaryDay.objects.exists()
    assert changes() == []


def test_a_new_average_is_held_to_the_stored_worst(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 4, pain_worst=6))
    code, _, err = run(
        "diary", "add", "--patient", str(ann.pk), "--date", "2026-03-01", "--pain-average", "8"
    )
    assert code == 2
    assert "pain_worst: got 6, expected a worst pain of at least the average pain (8)" in err
    assert DiaryDay.objects.get().pain_average == 4


def test_a_note_of_the_data_files_limit_is_kept(ann: Patient) -> None:
    args = ("diary", "add", "--patient", str(ann.pk), "--date", "2026-03-01", "--pain-average", "5")
    code, _, err = run(*args, "--note", "x" * NOTE_MAX)
    assert code == 0, err
    assert len(DiaryDay.objects.get().note) == NOTE_MAX


@pytest.mark.parametrize("length", [NOTE_MAX + 1, 5000])
def test_a_longer_note_exits_2_naming_it(ann: Patient, length: int) -> None:
    args = ("diary", "add", "--patient", str(ann.pk), "--date", "2026-03-01", "--pain-average", "5")
    code, _, err = run(*args, "--note", "x" * length)
    assert code == 2
    assert "note: got" in err
    assert f"expected at most {NOTE_MAX} characters" in err
    assert not DiaryDay.objects.exists()


def test_a_moments_note_has_the_same_limit(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 5))
    args = ("diary", "event", "--patient", str(ann.pk), "--date", "2026-03-01", "--kind", "flare")
    code, _, err = run(*args, "--note", "x" * (NOTE_MAX + 1))
    assert code == 2
    assert f"expected at most {NOTE_MAX} characters" in err


def _csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "diary.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_refuses_worst_below_average_naming_the_row(ann: Patient, tmp_path: Path) -> None:
    file = _csv(tmp_path, "date,pain_average,pain_worst\n2026-03-01,5,6\n2026-03-02,7,2\n")
    code, _, err = run("diary", "import", file, "--patient", str(ann.pk))
    assert code == 2
    assert "row 3: pain_worst: got 2, expected a worst pain of at least the average pain (7)" in err
    assert not DiaryDay.objects.exists()


def test_import_holds_each_average_to_the_stored_worst(ann: Patient, tmp_path: Path) -> None:
    record_day(ann, DayInput("2026-03-02", 3, pain_worst=4))
    file = _csv(tmp_path, "date,pain_average\n2026-03-01,5\n2026-03-02,6\n")
    code, _, err = run("diary", "import", file, "--patient", str(ann.pk))
    assert code == 2
    assert "row 3: pain_worst: got 4, expected a worst pain of at least the average pain (6)" in err
    assert list(DiaryDay.objects.values_list("pain_average", flat=True)) == [3]


def test_import_refuses_a_note_over_the_limit_naming_the_row(ann: Patient, tmp_path: Path) -> None:
    file = _csv(tmp_path, f"date,pain_average,note\n2026-03-01,5,{'x' * 5000}\n")
    code, _, err = run("diary", "import", file, "--patient", str(ann.pk))
    assert code == 2
    assert "row 2: note" in err
    assert not DiaryDay.objects.exists()
