"""The `demo`, `remind` and `serve` commands (serve up to the point where it would start the server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app


def test_it_refuses_a_bad_patient_count_naming_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "demo", "--patients", "0"])
    assert result.exit_code == 2
    assert "--patients" in result.output


def test_it_refuses_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output


@pytest.mark.django_db
def test_it_runs_remind_with_json_output() -> None:
    result = CliRunner().invoke(app, ["remind", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"sent": []' in result.output
