"""The diary service: add or update a day, future dates, CSV import all-or-nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from nervepath.errors import InvalidInput
from nervepath.web.records.diary import DayInput, import_diary_csv, list_days, record_day
from nervepath.web.records.models import DiaryDay, Patient
from nervepath.web.records.validation import today


def test_it_adds_then_updates_the_same_day(ann: Patient) -> None:
    _, created = record_day(ann, DayInput("2026-03-01", 7, pain_worst=9, note="bad night"))
    row, again = record_day(ann, DayInput("2026-03-01", 5))
    assert (created, again) == (True, False)
    assert (row.pain_average, row.pain_worst, row.note) == (5, 9, "bad night")
    assert DiaryDay.objects.count() == 1


def test_it_rejects_a_future_date_and_names_the_field(ann: Patient) -> None:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    with pytest.raises(InvalidInput, match=r"^date: got"):
        record_day(ann, DayInput(tomorrow, 3))
    assert not DiaryDay.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("pain_average", 11), ("pain_average", "x"), ("pain_worst", -1)]
)
def test_it_rejects_scores_outside_zero_to_ten(ann: Patient, field: str, value: object) -> None:
    values = {"pain_average": 5, field: value}
    with pytest.raises(InvalidInput, match=f"^{field}: got"):
        record_day(ann, DayInput("2026-03-01", **values))  # type: ignore[arg-type]


def test_it_keeps_a_note_of_the_longest_length(ann: Patient) -> None:
    note = "word " * 400  # 2,000 characters with the last space, which is stripped
    row, _ = record_day(ann, DayInput("2026-03-01", 5, note=note))
    row.refresh_from_db()
    assert row.note == note.strip()


def test_it_refuses_a_longer_note_naming_it_and_keeps_nothing(ann: Patient) -> None:
    with pytest.raises(InvalidInput, match=r"^note: got .*expected at most 2000 characters"):
        record_day(ann, DayInput("2026-03-01", 5, note="x" * 2001))
    assert not DiaryDay.objects.exists()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "diary.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_every_row_of_a_good_file(ann: Patient, tmp_path: Path) -> None:
    lines = ["date,pain_average,pain_worst,sleep_interference,note"]
    lines += [f"{date(2025, 1, 1) + timedelta(days=i)},{i % 11},,3,day {i}" for i in range(40)]
    assert import_diary_csv(ann, write(tmp_path, "\n".join(lines) + "\n")) == 40
    days = list_days(ann)
    assert len(days) == 40
    assert (days[12].pain_average, days[12].pain_worst, days[12].sleep_interference) == (1, None, 3)


def test_it_writes_nothing_when_one_row_is_bad(ann: Patient, tmp_path: Path) -> None:
    record_day(ann, DayInput("2025-01-02", 4))
    rows = [f"{date(2025, 1, 1) + timedelta(days=i)},5" for i in range(10)]
    rows[5] = "2025-01-06,11"
    with pytest.raises(InvalidInput) as caught:
        import_diary_csv(ann, write(tmp_path, "date,pain_average\n" + "\n".join(rows) + "\n"))
    assert str(caught.value) == "row 7: pain_average: got 11, expected an integer 0-10"
    assert list(DiaryDay.objects.values_list("date", "pain_average")) == [(date(2025, 1, 2), 4)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,pain,note\n", "header: got 'pain'"),
        ("date\n", "header: got 'date', expected a column named pain_average"),
        ("date,pain_average\n2025-01-01,3\n2025-01-01,4\n", "row 3: date"),
        ("date,pain_average\n01/02/2025,3\n", "row 2: date: got '01/02/2025', expected a date as YYYY-MM-DD"),
    ],
)
def test_it_names_what_is_wrong_in_a_bad_file(ann: Patient, tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_diary_csv(ann, write(tmp_path, text))
    assert not DiaryDay.objects.exists()


def test_it_updates_days_already_in_the_diary_on_import(ann: Patient, tmp_path: Path) -> None:
    record_day(ann, DayInput("2025-01-01", 9))
    import_diary_csv(ann, write(tmp_path, "date,pain_average\n2025-01-01,2\n2025-01-02,3\n"))
    assert list(DiaryDay.objects.order_by("date").values_list("pain_average", flat=True)) == [2, 3]
