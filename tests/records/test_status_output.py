"""`nervepath status` for people: drugs and responses in words, one block per trial below 100 columns,
a table from 100 on, never a line wider than the terminal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Ann:
    patient: str
    trials: tuple[str, str]  # pregabalin's id, the fentanyl patch's


def created_id(home: Path, *args: str) -> str:
    return str(json.loads(run(home, 80, *args, "--format", "json"))["id"])


@pytest.fixture
def patient_with_trials(tmp_path: Path) -> Ann:
    # Ids come from the commands: on PostgreSQL a sequence is not reset between tests.
    patient = created_id(tmp_path, "patient", "add", "--name", "Ann")
    days = [f"{START + timedelta(days=i)},{8 if i < 7 else 4}" for i in range(60)]
    (tmp_path / "d.csv").write_text("\n".join(["date,pain_average", *days]) + "\n")
    run(tmp_path, 80, "diary", "import", "--patient", patient, str(tmp_path / "d.csv"))
    trials = [
        created_id(
            tmp_path,
            "trial",
            "start",
            "--patient",
            patient,
            "--drug",
            drug,
            "--date",
            (START + timedelta(days=day)).isoformat(),
            "--daily-mg",
            dose,
        )
        for drug, day, dose in (("pregabalin", 7, "300"), ("fentanyl_patch", 22, "12"))
    ]
    return Ann(patient, (trials[0], trials[1]))


@pytest.mark.django_db
def test_it_shows_each_trial_as_a_block_in_words_at_80_columns(
    tmp_path: Path, patient_with_trials: Ann
) -> None:
    lines = run(tmp_path, 80, "status", "--patient", patient_with_trials.patient).splitlines()
    pregabalin, patch = patient_with_trials.trials
    assert max(len(line) for line in lines) <= 80
    assert f"Trial {pregabalin}: Pregabalin, 300 mg/day" in lines
    assert f"Trial {patch}: Fentanyl transdermal patch, 12 mcg/h" in lines
    assert "    Pain: 8 -> 4 (-50 %); Response: substantial; Adequate: yes" in lines
    assert re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", "\n".join(lines)) == []
    assert len(lines) <= 8


@pytest.mark.django_db
def test_it_shows_the_trials_as_a_table_at_120_columns(tmp_path: Path, patient_with_trials: Ann) -> None:
    text = run(tmp_path, 120, "status", "--patient", patient_with_trials.patient)
    assert max(len(line) for line in text.splitlines()) <= 120
    rows = [line.replace("│", " ").split() for line in text.splitlines()]
    assert [
        patient_with_trials.trials[0],
        "Pregabalin",
        "300",
        "mg/day",
        "8",
        "->",
        "4",
        "(-50",
        "%)",
        "substantial",
        "yes",
    ] in rows
    assert "fentanyl_patch" not in text
