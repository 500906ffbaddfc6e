"""The CLI reference in docs/cli.md is generated from the commands' own help, so it cannot drift.

Run ``make docs`` (``python -m nervepath.cli.reference > docs/cli.md``); a test fails when the file is stale.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

HEADER = """# `nervepath` command reference

Generated from `--help` by `python -m nervepath.cli.reference` (`make docs`); do not edit by hand.
The stable interface (commands, flags, JSON keys) is fixed by the project's CLI contract; this page shows
every command as it is today.
"""

# A fixed width and no colour make the generated text identical on every machine.
HELP_ENV = {"TERMINAL_WIDTH": "100", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def render(app: typer.Typer) -> str:
    """Markdown with the help text of the app and of every sub-command, depth first."""
    runner = CliRunner()
    sections = [HEADER]
    for path in command_paths(typer.main.get_command(app), []):
        result = runner.invoke(app, [*path, "--help"], env=HELP_ENV, prog_name="nervepath")
        title = " ".join(["nervepath", *path])
        sections.append(f"## `{title}`\n\n```text\n{_strip(result.output)}\n```\n")
    return "\n".join(sections)


def command_paths(command: Any, path: list[str]) -> list[list[str]]:
    """Every command path below ``command`` (the root is the empty path), sorted by name."""
    found = [path]
    children: dict[str, Any] = getattr(command, "commands", {}) or {}
    for name in sorted(children):
        found.extend(command_paths(children[name], [*path, name]))
    return found


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


if __name__ == "__main__":
    from nervepath.cli.main import app

    print(render(app), end="")
