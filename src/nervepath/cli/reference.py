"""The CLI reference in docs/cli.md is generated from the commands' own help, so it cannot drift.

Run ``python -m nervepath.cli.reference > docs/cli.md``; a test fails when the file is stale.
"""

from __future__ import annotations

import click
import typer

HEADER = """# `nervepath` command reference

Generated from `--help` by `python -m nervepath.cli.reference` (`make docs`); do not edit by hand.
The stable interface (commands, flags, JSON keys) is fixed in the project's CLI contract; this page shows
every command as it is today.
"""


def render(app: typer.Typer) -> str:
    """Markdown with the plain help text of the app and of every sub-command, depth first."""
    root = typer.main.get_command(app)
    sections = [HEADER]
    for path, command in _walk(root, ["nervepath"]):
        sections.append(f"## `{' '.join(path)}`\n\n```text\n{_plain_help(command, path)}```\n")
    return "\n".join(sections)


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def _plain_help(command: click.Command, path: list[str]) -> str:
    # click's own formatter, not Typer's Rich panels: stable plain text at a fixed width.
    ctx = click.Context(command, info_name=" ".join(path), terminal_width=100, max_content_width=100)
    formatter = ctx.make_formatter()
    click.Command.format_help(command, ctx, formatter)
    return formatter.getvalue()


if __name__ == "__main__":
    from nervepath.cli.main import app

    print(render(app), end="")
