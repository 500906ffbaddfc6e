"""The human CLI output names what it shows (a medicine, a diary moment, a report) in words, never by
its id."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.records.patients import add_patient

runner = CliRunner()


def human(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def pid(db: None) -> str:
    return str(add_patient("Ann", "1958-04-02", "female").pk)


def test_it_names_a_medication_by_its_catalogue_name_and_unit(pid: str) -> None:
    added = human(
        "patient",
        "medication",
        "add",
        "--patient",
        pid,
        "--drug",
        "fentanyl_patch",
        "--daily-dose",
        "12",
        "--override-reason",
        "Specialist plan, tolerant",
    )
    listed = human("patient", "medication", "list", "--patient", pid)
    for out in (added, listed):
        assert "Fentanyl" in out
        assert "12 mcg/h" in out
        assert "fentanyl_patch" not in out
        assert "mcg_per_h" not in out


@pytest.mark.parametrize(
    ("kind", "words"), [("side_effect", "a side effect"), ("dose_taken", "a dose taken")]
)
def test_it_says_which_moment_it_noted_in_words(pid: str, kind: str, words: str) -> None:
    human("diary", "add", "--patient", pid, "--date", "2026-03-01", "--pain-average", "6")
    out = human("diary", "event", "--patient", pid, "--date", "2026-03-01", "--kind", kind)
    assert out.startswith(f"noted {words} at 2026-03-01")
