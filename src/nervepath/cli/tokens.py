"""`nervepath token create|revoke|list`: personal API tokens (the token is shown once, at creation)."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import database

token_app = typer.Typer(
    help="Personal API tokens for /api/v1/ (Authorization: Bearer).", no_args_is_help=True
)


@token_app.command("create")
def create(
    user: str = typer.Option(..., "--user", help="the user name the token acts as"),
    scope: str = typer.Option("read", "--scope", help="read (GET only) or write (every method)"),
    name: str = typer.Option("", "--name", help="a label, e.g. the device it is for"),
    fmt: Format = FormatOption,
) -> None:
    """Create a token and print it once; only its hash is kept."""
    database()
    from nervepath.web.accounts.tokens import issue_token_for

    row, token = issue_token_for(user, scope, name)
    data = {"id": row.pk, "user": user, "scope": row.scope, "token": token}
    emit(data, fmt, _show_created)


def _show_created(data: dict[str, Any]) -> None:
    console.print(
        f"token {data['id']} for {data['user']} ({data['scope']}); copy it now, it is not shown again:"
    )
    console.print(data["token"], soft_wrap=True)


@token_app.command("revoke")
def revoke(token_id: int = typer.Argument(..., help="the token id shown by create or list")) -> None:
    """Revoke a token: requests with it are refused from now on."""
    database()
    from nervepath.web.accounts.tokens import revoke_token

    row = revoke_token(token_id)
    console.print(f"token {row.pk} revoked")


@token_app.command("list")
def list_tokens(fmt: Format = FormatOption) -> None:
    """Every token: id, user, scope, created, last used, revoked (never the token itself)."""
    database()
    from nervepath.web.tokens.models import ApiToken

    rows = [
        {
            "id": t.pk,
            "user": t.user.get_username(),
            "prefix": t.prefix,
            "scope": t.scope,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }
        for t in ApiToken.objects.select_related("user").order_by("pk")
    ]
    emit({"tokens": rows}, fmt, _show_list)


def _show_list(data: dict[str, Any]) -> None:
    table = Table("id", "user", "prefix", "scope", "last used", "revoked")
    for t in data["tokens"]:
        table.add_row(
            str(t["id"]),
            t["user"],
            t["prefix"],
            t["scope"],
            str(t["last_used_at"] or "-"),
            str(t["revoked_at"] or "-"),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
