"""Backup and restore: every table comes back row by row as it was at backup time."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.errors import InvalidInput
from nervepath.web.records import care, conditions, medications, questionnaires, situation, trials
from nervepath.web.records.backup import backup_database, held_records, restore_database
from nervepath.web.records.diary import DayInput, record_day, record_event
from nervepath.web.records.models import Patient
from nervepath.web.records.patients import add_patient

ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="the backup commands copy the embedded SQLite database")


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    with connection.cursor() as cursor:
        tables = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            tables[table] = cursor.fetchall()
    return tables


def fill(patient: Patient) -> None:
    record_day(patient, DayInput("2026-03-01", 6, mood=4, qualities=["burning_pain"]))
    record_event(patient, "2026-03-01", "flare", "14:30", 8)
    trial = trials.start_trial(patient, "pregabalin", "2026-03-01", 150)
    trials.change_dose(trial, "2026-03-08", 300)
    conditions.add_condition(patient, "diabetes_type_2")
    medications.add_medication(patient, "metformin", 2000)
    questionnaires.record_questionnaire(patient, "phq9", [1, 1, 0, 2, 0, 1, 0, 0, 0])
    care.link_patient(care.add_clinician("Dr Reyes"), patient)
    care.add_care_plan_item(patient, "follow_up", "follow_up_visit", "Review")
    situation.set_situation(patient, {"weight_kg": 60, "pain_etiology": "diabetic_polyneuropathy"})


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_it_restores_every_row_of_every_table(tmp_path: Path) -> None:
    ann = add_patient("Ann", "1958-04-02", "female")
    fill(ann)
    at_backup = every_table()
    backup_database(tmp_path / "backup.sqlite3")
    fill(add_patient("Bob"))
    record_day(ann, DayInput("2026-03-01", 2, note="changed"))
    ann.conditions.all().delete()
    changed = every_table()
    assert changed != at_backup
    kept = restore_database(tmp_path / "backup.sqlite3", force=True, keep_as=tmp_path / "old.sqlite3")
    assert every_table() == at_backup
    assert kept == tmp_path / "old.sqlite3"
    with sqlite3.connect(kept) as old:
        assert old.execute("SELECT count(*) FROM records_patient").fetchone() == (2,)
    old.close()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_overwrite_or_to_restore_a_foreign_file(tmp_path: Path) -> None:
    add_patient("Ann")
    target = backup_database(tmp_path / "b.sqlite3")
    with pytest.raises(InvalidInput, match="does not exist yet"):
        backup_database(target)
    with pytest.raises(InvalidInput, match="--force"):
        restore_database(target)
    (tmp_path / "notes.txt").write_text("not a database, but long enough to be read as one" * 40)
    with pytest.raises(InvalidInput, match="a nervepath SQLite database"):
        restore_database(tmp_path / "notes.txt", force=True, keep_as=tmp_path / "k")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as foreign:
        foreign.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
    foreign.close()
    with pytest.raises(InvalidInput, match="migrations table has no records"):
        restore_database(other, force=True, keep_as=tmp_path / "k")
    assert list(Patient.objects.values_list("display_name", flat=True)) == ["Ann"]


def nervepath(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NERVEPATH_HOME", "DJANGO_SETTINGS_MODULE"}}
    command = [str(Path(sys.executable).parent / "nervepath"), "--home", str(home), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=120)


@sqlite_only
def test_it_backs_up_and_restores_from_the_command_line(tmp_path: Path) -> None:
    home, copy = tmp_path / "home", tmp_path / "copy.sqlite3"
    assert nervepath(home, "patient", "add", "--name", "Ann").returncode == 0
    assert nervepath(home, "backup", str(copy)).returncode == 0
    assert nervepath(home, "patient", "add", "--name", "Bob").returncode == 0
    refused = nervepath(home, "restore", str(copy))
    assert (refused.returncode, "Traceback" in refused.stderr) == (2, False)
    # The two patients, and the audit events of their creation.
    assert "the database holds 2 patients and 2 other records, which restoring" in " ".join(
        refused.stderr.split()
    )
    assert "--force" in refused.stderr
    assert '"name": "Bob"' in nervepath(home, "patient", "list", "--format", "json").stdout
    assert nervepath(home, "restore", str(copy), "--force").returncode == 0
    listed = nervepath(home, "patient", "list", "--format", "json")
    assert '"name": "Bob"' not in listed.stdout
    assert '"name": "Ann"' in listed.stdout
    assert (home / "nervepath.sqlite3.before-restore").is_file()


def beside(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@sqlite_only
def test_it_writes_a_backup_that_stays_one_file_when_it_is_opened(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "backups"
    folder.mkdir()
    assert nervepath(home, "patient", "add", "--name", "Ann").returncode == 0
    assert nervepath(home, "backup", str(folder / "b.sqlite3")).returncode == 0
    assert beside(folder) == ["b.sqlite3"]
    with closing(sqlite3.connect(folder / "b.sqlite3")) as opened:
        assert opened.execute("SELECT display_name FROM records_patient").fetchall() == [("Ann",)]
        assert opened.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert beside(folder) == ["b.sqlite3"]  # a WAL-mode file would have -wal and -shm beside it now
    assert beside(folder) == ["b.sqlite3"]


@sqlite_only
def test_it_restores_into_an_empty_home_without_force_and_keeps_no_copy(tmp_path: Path) -> None:
    home, new, copy = tmp_path / "home", tmp_path / "new", tmp_path / "copy.sqlite3"
    assert nervepath(home, "patient", "add", "--name", "Ann").returncode == 0
    assert nervepath(home, "backup", str(copy)).returncode == 0
    restored = nervepath(new, "restore", str(copy), "--format", "json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout) == {"restored": str(copy), "previous": None}
    listed = nervepath(new, "patient", "list", "--format", "json")
    assert json.loads(listed.stdout) == {"patients": [{"id": 1, "name": "Ann"}]}
    assert beside(new) == ["nervepath.sqlite3"]
    with closing(sqlite3.connect(new / "nervepath.sqlite3")) as live:
        assert live.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.django_db
def test_it_counts_what_a_restore_would_replace() -> None:
    assert held_records() == {}
    ann = add_patient("Ann")
    add_patient("Bob")
    record_day(ann, DayInput("2026-03-01", 6))
    User.objects.create(username="ann")
    assert held_records() == {"patient": 2, "user account": 1, "other record": 1}


def not_sqlite(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 64)
    return path


def foreign_sqlite(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as foreign:
        foreign.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
        foreign.commit()
    return path


def empty(path: Path) -> Path:
    path.touch()
    return path


@sqlite_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: Path("missing.sqlite3"), "an existing backup file"),
        (lambda: Path("."), "a backup file, not a folder"),
        (lambda: Path("/dev/zero"), "a backup file (a regular file, not a device or a pipe)"),
        (lambda: not_sqlite(Path("b.bin")), "a nervepath SQLite database (this file is not SQLite)"),
        (lambda: empty(Path("empty.sqlite3")), "a nervepath SQLite database (this file is not SQLite)"),
        (lambda: foreign_sqlite(Path("f.sqlite3")), "a nervepath database (its migrations table has no"),
    ],
)
def test_it_refuses_to_restore_what_is_not_a_nervepath_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[], Path], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)  # short relative paths, shown whole in the message
    add_patient("Ann")
    source = make()
    before = beside(tmp_path)
    result = CliRunner().invoke(app, ["restore", str(source), "--force"])
    assert result.exit_code == 2
    assert f"FILE: got '{source}', expected {expected}" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert list(Patient.objects.values_list("display_name", flat=True)) == ["Ann"]
    assert beside(tmp_path) == before


@sqlite_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target", "flags", "expected"),
    [
        ("missing/b.sqlite3", (), "a file in an existing folder (missing is not one)"),
        (".", ("--force",), "a file path, not a folder"),
        ("/proc/nervepath-backup.sqlite3", (), "a place the backup can be written"),
        ("/dev/null", ("--force",), "a path to a regular file (not a device or a pipe)"),
        ("kept.txt", (), "a path that does not exist yet (or pass --force to replace it)"),
    ],
)
def test_it_refuses_a_backup_path_it_cannot_write_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, flags: tuple[str, ...], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kept.txt").write_text("mine")
    result = CliRunner().invoke(app, ["backup", target, *flags])
    assert result.exit_code == 2
    assert f"FILE: got '{target}', expected {expected}" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert beside(tmp_path) == ["kept.txt"]
    assert (tmp_path / "kept.txt").read_text() == "mine"


@pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL")
@pytest.mark.django_db
def test_it_prints_the_postgresql_commands_and_exits_2(tmp_path: Path) -> None:
    for command in ("backup", "restore"):
        result = CliRunner().invoke(app, [command, str(tmp_path / "x.dump")])
        assert result.exit_code == 2
        assert "pg_dump --format=custom" in result.stderr
        assert "pg_restore --clean" in " ".join(result.stderr.split())
