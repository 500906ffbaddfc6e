"""Migration accounts 0004: a mood the audit log shows was entered at the command line (where --mood
asked "how low your mood was") is turned the web's way round, and no other mood is touched
(docs/decisions/0010-one-definition-of-the-diary-fields.md)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_account_events_and_two_factor_requirement")]
INVERTED = [("accounts", "0004_mood_entered_at_the_command_line")]
OPERATOR = "ann (command line)"


@pytest.fixture
def before_the_inversion(transactional_db: None) -> Any:
    """The database as it was before accounts 0004 (historical models), migrated forward afterwards."""
    MigrationExecutor(connection).migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


class Diary:
    """Days of one patient and their audit events, written with the historical models."""

    def __init__(self, apps: Any) -> None:
        self.days = apps.get_model("records", "DiaryDay").objects
        self.events = apps.get_model("accounts", "AuditEvent").objects
        self.patient = apps.get_model("records", "Patient").objects.create(display_name="Ann")

    def day(self, n: int, mood: int | None, *writers: tuple[str, timedelta]) -> int:
        """A day with ``mood``, changed by each (username, time after the row's creation) in ``writers``."""
        row = self.days.create(patient=self.patient, date=date(2026, 3, n), pain_average=5, mood=mood)
        for username, after in writers:
            self.event(username, row.created_at + after, "diaryday", str(row.pk))
        return int(row.pk)

    def event(self, username: str, at: Any, object_type: str, object_id: str = "") -> None:
        self.events.create(
            at=at,
            username=username,
            action="change",
            patient_id=self.patient.pk,
            object_type=object_type,
            object_id=object_id,
        )

    def moods(self, apps: Any) -> dict[int, int | None]:
        return dict(apps.get_model("records", "DiaryDay").objects.values_list("pk", "mood"))


def _apps(target: list[tuple[str, str]]) -> Any:
    return MigrationExecutor(connection).loader.project_state(target).apps


def test_it_inverts_only_the_mood_the_command_line_entered(
    before_the_inversion: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    diary, moment = Diary(before_the_inversion), timedelta(milliseconds=3)
    cli = diary.day(1, 2, (OPERATOR, moment), (OPERATOR, timedelta(days=1)))
    web = diary.day(2, 2, ("alice", moment))
    cli_then_web = diary.day(3, 2, (OPERATOR, moment), ("alice", timedelta(hours=2)))
    imported_then_cli = diary.day(4, 2, (OPERATOR, timedelta(days=2)))
    cli_without_mood = diary.day(5, None, (OPERATOR, moment))
    unaudited = diary.day(6, 2)

    MigrationExecutor(connection).migrate(INVERTED)

    assert diary.moods(_apps(INVERTED)) == {
        cli: 8,
        web: 2,
        cli_then_web: 2,
        imported_then_cli: 2,
        cli_without_mood: None,
        unaudited: 2,
    }
    said = capsys.readouterr().err
    assert "accounts 0004: turned the mood of 1 diary day(s) entered at the command line" in said


def test_it_leaves_a_day_alone_when_a_csv_import_came_after_it(before_the_inversion: Any) -> None:
    diary = Diary(before_the_inversion)
    cli = diary.day(1, 1, (OPERATOR, timedelta(milliseconds=3)))
    created = before_the_inversion.get_model("records", "DiaryDay").objects.get(pk=cli).created_at
    diary.event("alice", created + timedelta(hours=1), "diary_import")

    MigrationExecutor(connection).migrate(INVERTED)

    assert diary.moods(_apps(INVERTED)) == {cli: 1}


def test_it_turns_the_mood_back_when_migrated_backwards(
    before_the_inversion: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    diary = Diary(before_the_inversion)
    cli = diary.day(1, 3, (OPERATOR, timedelta(milliseconds=3)))
    MigrationExecutor(connection).migrate(INVERTED)
    assert diary.moods(_apps(INVERTED)) == {cli: 7}

    MigrationExecutor(connection).migrate(BEFORE)

    assert diary.moods(_apps(BEFORE)) == {cli: 3}


def test_it_says_nothing_when_no_mood_came_from_the_command_line(
    before_the_inversion: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    diary = Diary(before_the_inversion)
    web = diary.day(1, 4, ("alice", timedelta(milliseconds=3)))

    MigrationExecutor(connection).migrate(INVERTED)

    assert diary.moods(_apps(INVERTED)) == {web: 4}
    assert "accounts 0004" not in capsys.readouterr().err


def test_it_recognises_the_days_the_diary_command_writes_and_no_others(db: None) -> None:
    from django.apps import apps
    from typer.testing import CliRunner

    from nervepath.cli.main import app
    from nervepath.web.accounts.audit import Actor
    from nervepath.web.application.diary import DayInput, record_diary_day
    from nervepath.web.records.models import DiaryDay
    from nervepath.web.records.patients import add_patient

    migration = importlib.import_module(
        "nervepath.web.accounts.migrations.0004_mood_entered_at_the_command_line"
    )
    ann = add_patient("Ann", "1958-04-02", "female")
    args = ["diary", "add", "--patient", str(ann.pk), "--pain-average", "5", "--mood", "2"]
    assert CliRunner().invoke(app, [*args, "--date", "2026-03-01"]).exit_code == 0
    record_diary_day(Actor(None, "alice", None), ann, DayInput("2026-03-02", 5, mood=2))

    migration.invert_command_line_mood(apps, None)

    assert dict(DiaryDay.objects.values_list("date", "mood")) == {date(2026, 3, 1): 8, date(2026, 3, 2): 2}
