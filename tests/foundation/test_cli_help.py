"""Every `--help` as a newcomer reads it: a flag shows no value type, an option taking a value keeps it."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.cli.reference import HELP_ENV, command_paths

runner = CliRunner()
PATHS = command_paths(typer.main.get_command(app), [])


def _help(*path: str) -> str:
    result = runner.invoke(app, [*path, "--help"], env=HELP_ENV, prog_name="nervepath")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(["nervepath", *path]))
def test_it_shows_no_value_type_next_to_a_flag(path: list[str]) -> None:
    text = _help(*path)
    assert "<bool>" not in text
    assert re.search(r"--help +Show this message", text)


def test_it_keeps_the_value_type_of_options_that_take_a_value() -> None:
    assert re.search(r"--home +<path> +data folder", _help())
    text = _help("diary", "add")
    assert re.search(r"--patient +<int> +patient id", text)
    assert re.search(r"--format +<human\|json> +human \(default\) or json", text)


def test_it_shows_a_flag_of_a_command_without_a_value_type() -> None:
    assert re.search(r"--force +replace what is there", _help("restore"))
