"""Backup and restore: every table comes back row by row as it was at backup time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.errors import InvalidInput
from nervepath.web.records import care, conditions, medications, questionnaires, situation, trials
from nervepath.web.records.backup import backup_database, restore_database
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
    assert (refused.returncode, "force" in refused.stderr, "Traceback" in refused.stderr) == (2, True, False)
    assert nervepath(home, "restore", str(copy), "--force").returncode == 0
    listed = nervepath(home, "patient", "list", "--format", "json")
    assert '"name": "Bob"' not in listed.stdout
    assert '"name": "Ann"' in listed.stdout
    assert (home / "nervepath.sqlite3.before-restore").is_file()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL")
@pytest.mark.django_db
def test_it_prints_the_postgresql_commands_and_exits_2(tmp_path: Path) -> None:
    for command in ("backup", "restore"):
        result = CliRunner().invoke(app, [command, str(tmp_path / "x.dump")])
        assert result.exit_code == 2
        assert "pg_dump --format=custom" in result.stderr
        assert "pg_restore --clean" in " ".join(result.stderr.split())
