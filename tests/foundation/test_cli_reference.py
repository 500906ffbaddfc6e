"""docs/cli.md is generated from --help; this fails when a command changes without `make docs`."""

from pathlib import Path

from nervepath.cli.main import app
from nervepath.cli.reference import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_it_keeps_the_cli_reference_in_step_with_the_commands():
    assert DOC.read_text(encoding="utf-8") == render(app), "docs/cli.md is stale: run `make docs`"


def test_it_documents_every_command_of_the_contract():
    text = DOC.read_text(encoding="utf-8")
    for command in (
        "learn",
        "score",
        "screen",
        "assess",
        "rules",
        "patient add",
        "diary import",
        "trial stop",
        "status",
        "export",
        "import",
    ):
        assert f"## `nervepath {command}`" in text
