"""The `nervepath` command: one Typer app; each command group lives in its own module.

Errors are translated here, in one place: a NervepathError becomes a message on stderr
naming the field and exit code 2 (bad input) — never a traceback. Ctrl-C ends any command, also
inside a prompt, with a fresh line and exit code 130 (128 + SIGINT), like other shell tools.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup, TyperOption

from nervepath.cli.output import fail
from nervepath.errors import NervepathError

INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C

_value_type = TyperOption.display_type_rich


def _value_type_unless_flag(option: TyperOption, ctx: Any) -> str | None:
    # Typer's rich help prints every option's type, so flags read `--help <bool>` although they take no
    # value; its plain help leaves flags and counters out, and so does ours.
    return None if option.is_flag or option.count else _value_type(option, ctx)


TyperOption.display_type_rich = _value_type_unless_flag  # type: ignore[method-assign,assignment]


class _Group(TyperGroup):
    """Translates NervepathError and Ctrl-C for every sub-command, also under CliRunner in tests."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except NervepathError as exc:
            fail(exc)
        except (KeyboardInterrupt, typer.Abort) as exc:
            # A click prompt turns Ctrl-C into Abort (keeping the KeyboardInterrupt as its context);
            # an Abort for another reason (the input ended) keeps typer's own message.
            if isinstance(exc, typer.Abort) and not isinstance(exc.__context__, KeyboardInterrupt):
                raise
            _interrupted()


app = typer.Typer(
    cls=_Group,
    name="nervepath",
    help="Neuropathic pain care: learn, screen, find the cause, treat, track, manage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


HomeOption = typer.Option(None, "--home", help="data folder of the embedded database")


@app.callback()
def _options(home: Path | None = HomeOption) -> None:
    """Neuropathic pain care: learn, screen, find the cause, treat, track, manage."""
    from nervepath.private_files import use_private_umask
    from nervepath.web.bootstrap import use_home

    use_private_umask()  # whatever a command writes (database, backup, export, key) is its owner's only
    use_home(home)  # before anything configures Django: the settings read NERVEPATH_HOME once


def _register() -> None:
    # Each command group lives in its own module and adds its commands to `app`.
    from nervepath.cli import assess, insights, instruments, learn, records, report, tokens, users, web

    for group in (learn, instruments, assess, records, report, insights, web, tokens, users):
        group.register(app)


_register()


def run() -> None:
    """Entry point of the console script."""
    try:
        app()
    except KeyboardInterrupt:  # before a command runs, while typer builds the commands
        _interrupted()


def _interrupted() -> NoReturn:
    """End on a fresh line (the terminal shows ^C where the cursor was) with exit code 130."""
    sys.stderr.write("\n")
    sys.stderr.flush()
    raise SystemExit(INTERRUPTED) from None
