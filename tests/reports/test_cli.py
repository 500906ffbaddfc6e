"""`nervepath report` end to end: stored records -> report_input_for -> PDF; bad input exits 2."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.records.diary import import_diary_csv
from nervepath.web.records.models import Patient
from nervepath.web.records.patients import add_patient
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.reporting import report_input_for
from nervepath.web.records.trials import change_dose, start_trial
from tests.reports.pdftext import pages

runner = CliRunner()
START = date(2026, 1, 1)


@pytest.fixture
def zoe(db: None, tmp_path: Path) -> Patient:
    patient = add_patient("Zoë Ñúñez 李", date(1960, 5, 1), "female")
    lines = ["date,pain_average,pain_worst,sleep_interference,note"]
    lines += [f"{START + timedelta(days=i)},{8 if i < 14 else 4},9,5," for i in range(60)]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_diary_csv(patient, tmp_path / "d.csv")
    trial = start_trial(patient, "duloxetine", "2026-01-15", "30")
    change_dose(trial, "2026-01-22", "60")
    record_questionnaire(patient, "phq9", [1, 1, 0, 1, 0, 1, 0, 0, 1])
    return patient


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--home", str(home), "report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_it_maps_the_stored_records_to_a_report_input(zoe):
    report = report_input_for(zoe, START, START + timedelta(days=59), today=date(2026, 3, 1))
    assert report.patient.display_name == "Zoë Ñúñez 李"
    assert [t.drug for t in report.trials] == ["duloxetine"]
    assert [s.daily_mg for s in report.trials[0].doses] == [30, 60]
    assert report.summary.baseline is not None
    assert report.summary.baseline.mean == 8
    assert report.assessment is not None
    assert report.assessment["mental_health"]["suicide_risk"] is True


def test_it_writes_the_clinician_report_from_the_database(zoe, tmp_path):
    out = tmp_path / "report.pdf"
    code, stdout, stderr = run(
        tmp_path, "--patient", str(zoe.pk), "--from", "2026-01-01", "--to", "2026-03-01", "--out", str(out)
    )
    assert code == 0, stderr
    assert "wrote the clinician report (2026-01-01 to 2026-03-01)" in stdout
    first = pages(out.read_bytes())[0]
    assert "Zoë Ñúñez" in first
    assert first.index("PHQ-9 item 9 positive") < first.index("Current situation")
    assert "BASELINE 8.0 /10 7 days before duloxetine (from 2026-01-15)" in first


def test_it_writes_the_care_plan_on_letter_paper(zoe, tmp_path):
    out = tmp_path / "plan.pdf"
    code, stdout, stderr = run(
        tmp_path, "--patient", str(zoe.pk), "--out", str(out), "--kind", "careplan", "--paper", "letter"
    )
    assert code == 0, stderr
    assert "wrote the care plan report" in stdout
    assert "Duloxetine" in " ".join(pages(out.read_bytes()))


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--paper", "legal"], "paper"),
        (["--kind", "summary"], "kind"),
        (["--from", "2026-02-30"], "from"),
        (["--from", "2026-03-01", "--to", "2026-02-01"], "to"),
    ],
)
def test_it_exits_2_naming_the_field_for_bad_input(zoe, tmp_path, args, field):
    code, _, stderr = run(tmp_path, "--patient", str(zoe.pk), "--out", str(tmp_path / "x.pdf"), *args)
    assert code == 2
    assert f"{field}:" in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "x.pdf").exists()


def test_it_exits_2_for_an_unknown_patient(db, tmp_path):
    code, _, stderr = run(tmp_path, "--patient", "999999", "--out", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "patient 999999 was not found" in stderr
