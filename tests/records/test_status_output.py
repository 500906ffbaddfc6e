"""`nervepath status` for people: drugs and responses in words, one block per trial below 100 columns,
a table from 100 on, never a line wider than the terminal."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app

START = date(2026, 1, 10)


def run(home: Path, width: int, *args: str) -> str:
    result = CliRunner().invoke(app, ["--home", str(home), *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def patient_with_trials(tmp_path: Path) -> str:
    run(tmp_path, 80, "patient", "add", "--name", "Ann")
    days = [f"{START + timedelta(days=i)},{8 if i < 7 else 4}" for i in range(60)]
    (tmp_path / "d.csv").write_text("\n".join(["date,pain_average", *days]) + "\n")
    run(tmp_path, 80, "diary", "import", "--patient", "1", str(tmp_path / "d.csv"))
    for drug, day, dose in (("pregabalin", 7, "300"), ("fentanyl_patch", 22, "12")):
        start = (START + timedelta(days=day)).isoformat()
        run(
            tmp_path,
            80,
            "trial",
            "start",
            "--patient",
            "1",
            "--drug",
            drug,
            "--date",
            start,
            "--daily-mg",
            dose,
        )
    return "1"


@pytest.mark.django_db
def test_it_shows_each_trial_as_a_block_in_words_at_80_columns(
    tmp_path: Path, patient_with_trials: str
) -> None:
    lines = run(tmp_path, 80, "status", "--patient", patient_with_trials).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Trial 1: Pregabalin, 300 mg/day" in lines
    assert "Trial 2: Fentanyl transdermal patch, 12 mcg per h" in lines
    assert "    Pain: 8 -> 4 (-50 %); Response: substantial; Adequate: yes" in lines
    assert re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", "\n".join(lines)) == []
    assert len(lines) <= 8


@pytest.mark.django_db
def test_it_shows_the_trials_as_a_table_at_120_columns(tmp_path: Path, patient_with_trials: str) -> None:
    text = run(tmp_path, 120, "status", "--patient", patient_with_trials)
    assert max(len(line) for line in text.splitlines()) <= 120
    rows = [line.replace("│", " ").split() for line in text.splitlines()]
    assert ["1", "Pregabalin", "300", "mg/day", "8", "->", "4", "(-50", "%)", "substantial", "yes"] in rows
    assert "fentanyl_patch" not in text
