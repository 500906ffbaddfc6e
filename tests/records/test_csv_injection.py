"""CSV formula injection: a text cell a spreadsheet would run is written with a quote before it, and
`diary import` reads it back as it was, so export -> import loses nothing (nervepath.csvsafe)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.csvsafe import TRIGGERS, neutralise, restore, safe_row
from nervepath.web.records.diary import DayInput, import_diary_csv, record_day
from nervepath.web.records.exchange import diary_csv
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.models import DiaryDay, Patient
from nervepath.web.records.patients import add_patient

ATTACK = "=cmd|' /C calc'!A0"
DAY = date(2026, 3, 1)
# Text as a note can hold it: no NUL (PostgreSQL cannot store it), no lone surrogates.
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
# What a cell may begin with: every trigger, a quote, a quote before a trigger, two quotes.
LEADS = st.sampled_from([*sorted(TRIGGERS), "'", "''", *(f"'{t}" for t in sorted(TRIGGERS)), "'a", ""])
TEXT = st.builds(lambda lead, rest: lead + rest, LEADS, st.text(CHARACTERS, max_size=40))


@given(TEXT)
@example(ATTACK)
@example("'tis a quote")
@example("'")
@example("''=x")
def test_it_restores_every_text_it_neutralises(text: str) -> None:
    cell = neutralise(text)
    assert isinstance(cell, str)
    assert restore(cell) == text


@given(TEXT)
def test_it_never_writes_a_text_cell_that_begins_with_a_trigger(text: str) -> None:
    cell = neutralise(text)
    assert cell == "" or cell[0] not in TRIGGERS  # type: ignore[index]


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_it_puts_a_quote_before_a_cell_that_begins_with_a_trigger(trigger: str) -> None:
    assert neutralise(trigger + "1+1") == "'" + trigger + "1+1"


@pytest.mark.parametrize("text", ["'tis", "plain", "a=b", "'", "", " =x"])
def test_it_leaves_a_cell_that_no_spreadsheet_runs_as_it_is(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


@pytest.mark.parametrize("number", [-3, -1.5, 0, 7, -0.0])
def test_it_never_changes_a_number(number: float) -> None:
    assert neutralise(number) is number
    assert safe_row([number, None, "-x"]) == [number, None, "'-x"]


def test_it_neutralises_the_note_in_the_exported_diary_but_not_its_numbers(ann: Patient) -> None:
    record_day(ann, DayInput(date=DAY, pain_average=6, mood=4, note=ATTACK))
    rows = list(csv.DictReader(io.StringIO(diary_csv(patient_record(ann)))))
    assert rows[0]["note"] == "'" + ATTACK
    assert (rows[0]["pain_average"], rows[0]["mood"]) == ("6", "4")


@pytest.fixture
def bob(db: None) -> Patient:
    return add_patient("Bob Example", date(1960, 1, 1), "male")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=TEXT.filter(lambda text: 0 < len(text.strip()) <= 2000))
@example(note=ATTACK)
@example(note="'=already quoted")
@example(note="'tis a real quote")
def test_it_reads_back_every_note_it_exported(ann: Patient, bob: Patient, note: str) -> None:
    record_day(ann, DayInput(date=DAY, pain_average=6, note=note))
    stored = DiaryDay.objects.get(patient=ann, date=DAY).note
    import_diary_csv(bob, io.StringIO(diary_csv(patient_record(ann))))
    assert DiaryDay.objects.get(patient=bob, date=DAY).note == stored


def test_it_round_trips_a_formula_note_through_the_cli(ann: Patient, bob: Patient, tmp_path: Path) -> None:
    record_day(ann, DayInput(date=DAY, pain_average=6, note=ATTACK))
    record_day(ann, DayInput(date=date(2026, 3, 2), pain_average=5, note="'tis better"))
    exported = tmp_path / "diary.csv"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["export", "--patient", str(ann.pk), "--format", "csv", "--out", str(exported)]
        ).exit_code
        == 0
    )
    assert "\n2026-03-01,6,,,'=cmd|' /C calc'!A0," in exported.read_text()
    result = runner.invoke(
        app, ["diary", "import", "--patient", str(bob.pk), str(exported), "--format", "json"]
    )
    assert (result.exit_code, json.loads(result.stdout)) == (0, {"imported": 2})
    notes = list(DiaryDay.objects.filter(patient=bob).order_by("date").values_list("note", flat=True))
    assert notes == [ATTACK, "'tis better"]
