"""The diary's storage, CSV and command line take their fields from data/diary/fields.yaml."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import typer
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.outcomes.diary_fields import diary_fields
from nervepath.web.records.diary import CSV_OPTIONAL, CSV_REQUIRED, DayInput, record_day
from nervepath.web.records.exchange import CSV_COLUMNS, diary_csv
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.models import DiaryDay, Patient

FIELDS = diary_fields()


def _options(*path: str) -> dict[str, Any]:
    """The options of a command: first option name -> its click parameter."""
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return {param.opts[0]: param for param in command.params}


def test_it_reads_and_writes_the_csv_columns_of_the_data() -> None:
    columns = tuple(f.csv for f in FIELDS.csv_fields())
    assert columns == CSV_REQUIRED + CSV_OPTIONAL
    assert tuple(f.csv for f in FIELDS.csv_fields() if f.required) == CSV_REQUIRED
    assert (*columns, "trials") == CSV_COLUMNS


def test_it_exports_every_csv_field_in_its_column(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 6, 8, 3, 2, 4, 7.5, "a, b", ["tingling", "numbness"], ["cold"]))
    header, row = diary_csv(patient_record(ann)).splitlines()
    assert header == ",".join(CSV_COLUMNS)
    assert row == '2026-03-01,6,8,3,"a, b",2,4,7.5,tingling;numbness,cold,'


def test_it_takes_each_field_of_the_data_as_input_and_stores_each_column() -> None:
    assert [f.name for f in dataclasses.fields(DayInput)] == [
        *("date", "pain_average", "pain_worst", "sleep_interference", "mood", "activity"),
        *("sitting_hours", "note", "qualities", "triggers", "regions"),
    ]
    assert {f.name for f in dataclasses.fields(DayInput)} == {f.id for f in FIELDS.fields}
    columns = {f.name for f in DiaryDay._meta.concrete_fields}
    assert {f.id for f in FIELDS.fields if f.kind != "region_scores"} <= columns


def test_it_has_a_diary_add_option_per_field_with_the_datas_help() -> None:
    options = _options("diary", "add")
    for field in FIELDS.entered_in("cli"):
        name = "--region" if field.kind == "region_scores" else "--" + field.id.replace("_", "-")
        assert options[name].help.startswith(FIELDS.describe(field)), name
    fields = {
        "--region" if f.kind == "region_scores" else "--" + f.id.replace("_", "-") for f in FIELDS.fields
    }
    assert set(options) - fields == {"--patient", "--format"}


def test_it_says_what_0_and_10_mean_for_every_score_option() -> None:
    options = _options("diary", "add")
    assert options["--mood"].help == "Mood on the day, 0-10 (0 = very low, 10 = very good)"
    assert options["--pain-average"].help.endswith("(0 = no pain, 10 = worst pain you can imagine)")
    assert options["--note"].help == "Free text, at most 2000 characters"


def test_it_lists_every_stored_field_of_a_day(ann: Patient) -> None:
    record_day(ann, DayInput("2026-03-01", 6, mood=8))
    result = CliRunner().invoke(app, ["diary", "list", "--patient", str(ann.pk), "--format", "json"])
    (entry,) = json.loads(result.stdout)["entries"]
    assert list(entry) == [f.id for f in FIELDS.fields if f.kind != "region_scores"]
    assert entry["mood"] == 8


def test_it_names_the_csv_columns_in_the_import_help() -> None:
    command: Any = typer.main.get_command(app)
    (file,) = [p for p in command.commands["diary"].commands["import"].params if p.name == "file"]
    assert ", ".join(CSV_OPTIONAL) in file.help
    assert ",".join(CSV_REQUIRED) in file.help
