"""Output helpers shared by every command: JSON for machines, Rich for people, one error path.

Human output follows the terminal's width: from ``WIDE`` columns on a command may print a table,
below it one block per item. Text is wrapped by Rich at word boundaries, and wrapped lines keep
their indent (``indented``, ``bullets``), so nothing is cut in the middle of a word.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import typer
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from nervepath.errors import Conflict, InvalidInput, NervepathError, NotFound, PrescribingBlocked

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

WIDE = 100  # columns from which a table has room for its words; narrower terminals get blocks


class Format(enum.StrEnum):
    """`--format`: human output by default, one JSON document for machines."""

    human = "human"
    json = "json"


FormatOption = typer.Option(Format.human, "--format", help="human (default) or json")
OverrideOption = typer.Option(
    None,
    "--override-reason",
    help="go ahead despite a blocking prescribing check: why (at least 10 characters)",
)


def emit(data: Any, fmt: Format, human: Callable[[Any], None]) -> None:
    """Print ``data`` as one JSON document, or hand it to ``human`` to render with Rich."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        human(data)


def wide() -> bool:
    """True when the terminal is at least ``WIDE`` columns: room for a table."""
    return console.width >= WIDE


def labelled(label: str, value: str, style: str = "bold") -> Text:
    """``label: value`` with the label styled; the value is plain text, never markup."""
    return Text.assemble((f"{label}: ", style), value)


def indented(*lines: RenderableType, level: int = 1) -> Padding:
    """``lines`` two spaces further in per ``level``; a wrapped line keeps the indent."""
    body = Group(*(Text(line) if isinstance(line, str) else line for line in lines))
    return Padding(body, (0, 0, 0, 2 * level), expand=False)


def bullets(items: Iterable[RenderableType], mark: str = "-", level: int = 1) -> Padding:
    """A list whose wrapped lines hang under the text, not under the mark."""
    return hanging(((mark, item) for item in items), level)


def hanging(rows: Iterable[tuple[str, RenderableType]], level: int = 1) -> Padding:
    """``(mark, text)`` rows, for example ``("[1]", citation)``; wrapped text hangs under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, item in rows:
        grid.add_row(mark, Text(item) if isinstance(item, str) else item)
    return Padding(grid, (0, 0, 0, 2 * level), expand=False)


def exit_code_for(exc: NervepathError) -> int:
    """2 for anything the user can fix (bad input, unknown id, missing record, a change that clashes
    with what is stored, such as a second running trial of a drug); 1 otherwise."""
    return 2 if isinstance(exc, InvalidInput | NotFound | Conflict) else 1


def check_lines(checks: Iterable[Any]) -> list[Text]:
    """Prescribing checks (contract dicts) in words, one line each: what kind, then the message."""
    lines = []
    for check in checks:
        if check["severity"] == "block":
            kind = "overridden" if check["overridden"] else "blocked"
        else:
            kind = "warning"
        reason = f" (override reason: {check['reason']})" if check.get("reason") else ""
        lines.append(Text.assemble((f"{kind}: ", "bold"), f"{check['message']}{reason}"))
    return lines


def print_checks(checks: list[dict[str, Any]], console_: Console | None = None) -> None:
    """The checks a prescription was written with, after its success line (nothing when none)."""
    if checks:
        (console_ or console).print("Prescribing checks:")
        (console_ or console).print(bullets(check_lines(checks)))


def fail(exc: NervepathError) -> NoReturn:
    """Print the error on stderr, naming the field, and exit with its code."""
    if isinstance(exc, PrescribingBlocked):
        err_console.print(
            f"[bold red]error:[/] {escape(exc.field)}: blocked by a prescribing check "
            "(give --override-reason with at least 10 characters to go ahead)",
            soft_wrap=True,
        )
        err_console.print(bullets(check_lines(c.to_dict() for c in exc.checks)))
        raise SystemExit(exit_code_for(exc))
    # The message quotes what the user typed (a path, a value): printed as it is, never read as markup.
    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
    raise SystemExit(exit_code_for(exc))
