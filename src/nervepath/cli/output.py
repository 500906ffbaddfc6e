"""Output helpers shared by every command: JSON for machines, Rich for people, one error path."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer
from rich.console import Console

from nervepath.errors import InvalidInput, NervepathError, NotFound

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class Format(enum.StrEnum):
    """`--format`: human output by default, one JSON document for machines."""

    human = "human"
    json = "json"


FormatOption = typer.Option(Format.human, "--format", help="human (default) or json")


def emit(data: Any, fmt: Format, human: Callable[[Any], None]) -> None:
    """Print ``data`` as one JSON document, or hand it to ``human`` to render with Rich."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        human(data)


def exit_code_for(exc: NervepathError) -> int:
    """2 for anything the user can fix (bad input, unknown id, missing record); 1 otherwise."""
    return 2 if isinstance(exc, InvalidInput | NotFound) else 1


def fail(exc: NervepathError) -> NoReturn:
    """Print the error on stderr, naming the field, and exit with its code."""
    err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
    raise SystemExit(exit_code_for(exc))
