"""Prescribing checks at the command line: `trial start|dose` and `patient medication add|dose` exit 2
naming the field and listing the checks in words when one blocks, go through with --override-reason,
and print the warnings after success.

Ann is 70 (born 1955-06-01... counted on the day the test runs) with no kidney function on record, so
pregabalin and gabapentin keep their label maximum (600 and 3,600 mg a day) and carry a caution.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import Medication, Trial

pytestmark = pytest.mark.django_db

runner = CliRunner()
TODAY = date.today().isoformat()
BORN = date.today().replace(year=date.today().year - 70, month=1, day=1).isoformat()
REASON = "Specialist advice after a joint review"


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--home", str(home), *args])
    return result.exit_code, result.stdout, result.stderr


def ok_json(home: Path, *args: str) -> Any:
    code, out, err = run(home, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def ann(tmp_path: Path) -> str:
    pid = str(
        ok_json(tmp_path, "patient", "add", "--name", "Ann", "--birth-date", BORN, "--sex", "female")["id"]
    )
    start = ["trial", "start", "--patient", pid, "--drug", "pregabalin", "--date", TODAY, "--daily-mg", "150"]
    code, out, err = run(tmp_path, *start)
    assert code == 0, err
    # A caution is printed after the success line, in words.
    assert out.startswith("started trial")
    assert "Prescribing checks:" in out
    assert "warning: " in out
    return pid


def gabapentin(pid: str) -> list[str]:
    return ["trial", "start", "--patient", pid, "--drug", "gabapentin", "--date", TODAY, "--daily-mg", "300"]


def test_a_second_gabapentinoid_exits_2_naming_drug_id_and_the_check(tmp_path: Path, ann: str) -> None:
    code, out, err = run(tmp_path, *gabapentin(ann))
    assert code == 2
    assert out == ""
    assert "drug_id: blocked by a prescribing check" in err
    assert "--override-reason" in err
    assert "blocked: The patient already takes Pregabalin" in " ".join(err.split())
    assert not Trial.objects.filter(drug_id="gabapentin").exists()


def test_the_override_goes_through_and_is_kept_and_audited(tmp_path: Path, ann: str) -> None:
    done = ok_json(tmp_path, *gabapentin(ann), "--override-reason", REASON)
    (block,) = [c for c in done["checks"] if c["severity"] == "block"]
    assert (block["flag"], block["overridden"], block["reason"]) == ("duplicate_class", True, REASON)
    event = AuditEvent.objects.get(object_type="trial_override")
    assert (event.object_id, event.username.endswith("(command line)")) == (str(done["id"]), True)
    code, out, _ = run(
        tmp_path,
        "trial",
        "start",
        "--patient",
        ann,
        "--drug",
        "duloxetine",
        "--date",
        TODAY,
        "--daily-mg",
        "30",
    )
    assert code == 0
    assert "started trial" in out


def test_a_short_override_reason_exits_2_naming_it(tmp_path: Path, ann: str) -> None:
    code, _, err = run(tmp_path, *gabapentin(ann), "--override-reason", "   because ")
    assert code == 2
    assert "override_reason" in err


def test_a_dose_above_the_maximum_exits_2_naming_daily_mg(tmp_path: Path, ann: str) -> None:
    trial = Trial.objects.get(drug_id="pregabalin")
    dose = ["trial", "dose", "--trial", str(trial.pk), "--date", TODAY, "--daily-mg", "601"]
    code, _, err = run(tmp_path, *dose)
    assert code == 2
    assert "daily_mg: blocked by a prescribing check" in err
    assert "600 mg a day" in " ".join(err.split())
    assert ok_json(tmp_path, *dose, "--override-reason", REASON)["checks"][0]["overridden"] is True
    assert (
        ok_json(tmp_path, "trial", "dose", "--trial", str(trial.pk), "--date", TODAY, "--daily-mg", "600")[
            "daily_mg"
        ]
        == 600
    )


def test_medicines_are_checked_on_add_and_on_a_dose_change(tmp_path: Path, ann: str) -> None:
    add = ["patient", "medication", "add", "--patient", ann, "--drug", "gabapentin", "--daily-dose", "300"]
    code, _, err = run(tmp_path, *add)
    assert code == 2
    assert "drug_id: blocked" in err
    assert not Medication.objects.filter(drug_id="gabapentin").exists()
    row = ok_json(tmp_path, *add, "--override-reason", REASON)
    assert row["checks"][0]["reason"] == REASON
    # Still taking pregabalin: any dose of the gabapentin is blocked on the drug, the dose as well.
    code, _, err = run(
        tmp_path, "patient", "medication", "dose", "--medication", str(row["id"]), "--daily-dose", "3601"
    )
    assert code == 2
    assert "drug_id: blocked" in err
    assert "3,600 mg a day" in " ".join(err.split())
    assert Medication.objects.get(pk=row["id"]).daily_dose == 300
    duloxetine = [
        "patient",
        "medication",
        "add",
        "--patient",
        ann,
        "--drug",
        "duloxetine",
        "--daily-dose",
        "30",
    ]
    code, out, err = run(tmp_path, *duloxetine)
    assert code == 0, err
    assert out.startswith("added medication")
    added = Medication.objects.get(drug_id="duloxetine")
    code, _, err = run(
        tmp_path, "patient", "medication", "dose", "--medication", str(added.pk), "--daily-dose", "121"
    )
    assert code == 2
    assert "daily_mg: blocked" in err
    assert "120 mg a day" in " ".join(err.split())
