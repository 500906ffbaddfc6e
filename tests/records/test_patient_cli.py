"""`nervepath patient condition|medication|situation|assess` through the Typer app."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.records.models import ClinicalSituation, Condition, Medication
from nervepath.web.records.patients import add_patient

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str) -> dict[str, object]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture
def pid(db: None) -> str:
    return str(add_patient("Ann", "1958-04-02", "female").pk)


def test_it_records_what_assess_needs_and_assesses_the_patient(pid: str) -> None:
    ok("patient", "condition", "add", "diabetes_type_2", "--patient", pid)
    med = ok("patient", "medication", "add", "--patient", pid, "--drug", "oxycodone", "--daily-dose", "30")
    assert med["unit"] == "mg"
    situation = ok(
        *("patient", "situation", "set", "--patient", pid, "--weight-kg", "60", "--creatinine", "1.1"),
        *("--etiology", "diabetic_polyneuropathy", "--distribution-plausible", "--sensory-signs"),
        *("--red-flag", "saddle_anesthesia"),
    )
    assert (situation["weight_kg"], situation["version"]) == (60.0, 1)
    result = ok("patient", "assess", "--patient", pid)
    assert result["grading"]["level"] == "probable"  # type: ignore[index]
    assert result["urgent_referral"] is True
    assert result["mme_per_day"] == 45
    assert result["creatinine_clearance_ml_min"] is not None


def test_it_changes_and_stops_a_medication_and_removes_a_condition(pid: str) -> None:
    med = ok("patient", "medication", "add", "--patient", pid, "--drug", "metformin", "--daily-dose", "1000")
    mid = str(med["id"])
    new = ok("patient", "medication", "dose", "--medication", mid, "--daily-dose", "2000")
    assert new["daily_dose"] == 2000.0
    ok("patient", "medication", "stop", "--medication", str(new["id"]))
    assert ok("patient", "medication", "list", "--patient", pid) == {"medications": []}
    assert Medication.objects.get(pk=new["id"]).stop_date is not None
    ok("patient", "condition", "add", "hypertension", "--patient", pid)
    ok("patient", "condition", "remove", "hypertension", "--patient", pid)
    assert not Condition.objects.exists()


def test_it_clears_a_situation_field(pid: str) -> None:
    ok("patient", "situation", "set", "--patient", pid, "--etiology", "radiculopathy", "--nrs-average", "6")
    shown = ok("patient", "situation", "set", "--patient", pid, "--clear", "pain_etiology")
    assert (shown["pain_etiology"], shown["pain_nrs_average"]) == (None, 6)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("condition", "add", "diabetes", "--patient", "{pid}"), "condition: got 'diabetes'"),
        (("condition", "remove", "hiv", "--patient", "{pid}"), "condition hiv was not found"),
        (
            ("medication", "add", "--patient", "{pid}", "--drug", "x_y", "--daily-dose", "1"),
            "drug: got 'x_y'",
        ),
        (("medication", "stop", "--medication", "99"), "medication 99 was not found"),
        (("situation", "set", "--patient", "{pid}", "--etiology", "nope"), "pain.etiology: got 'nope'"),
        (("situation", "set", "--patient", "{pid}", "--clear", "shoe_size"), "situation: got 'shoe_size'"),
        (("assess", "--patient", "999"), "patient 999 was not found"),
    ],
)
def test_it_exits_2_naming_the_field(pid: str, args: tuple[str, ...], message: str) -> None:
    code, _, err = run("patient", *(a.replace("{pid}", pid) for a in args))
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err
    assert not ClinicalSituation.objects.exists()


def test_it_names_conditions_for_people_and_keeps_ids_in_json(pid: str) -> None:
    code, out, _ = run("patient", "condition", "add", "copd", "--patient", pid)
    assert code == 0
    assert "COPD (chronic obstructive pulmonary disease)" in out
    code, out, _ = run("patient", "condition", "list", "--patient", pid)
    assert "COPD (chronic obstructive pulmonary disease)" in out
    assert "copd" not in out
    assert ok("patient", "condition", "list", "--patient", pid)["conditions"][0]["condition"] == "copd"  # type: ignore[index]
