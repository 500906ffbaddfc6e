"""The entry points of a use case ("doors"): a page form, the API, the command line, an importer.

A door sends a use case's fields (one neutral name each, such as ``pain_average`` or ``drug``)
through its entry point as that entry point spells them, and turns what comes back into an
``Answer``; ``succeeded`` and ``refused`` say what every entry point of its kind must answer.
``names`` maps each field the door takes to the name its error gives that field (``drug`` is
``drug_id`` in the API's body, ``date`` is ``start`` on the start-trial form).
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.utils.html import escape
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.web.accounts.audit import operator
from tests.api.conftest import World

Fields = Mapping[str, Any]


class Kind(StrEnum):
    page = "page"
    api = "api"
    cli = "cli"


# What a refused input answers on each kind of entry point unless the door says otherwise.
REFUSED = {Kind.page: 400, Kind.api: 422, Kind.cli: 2}


# The ids ``Ctx.ids`` gives; any other name in a URL or command template is a use-case field.
IDS = frozenset({"alice", "trial", "version", "medication"})


@dataclass(frozen=True)
class Ctx:
    """What a door needs: the personas and their records, and a folder for files to import."""

    world: World
    folder: Path

    def ids(self) -> dict[str, Any]:
        """The ids a URL or a command names, read now: alice, her trial (and its version), her medicine."""
        alice = self.world.clinic.alice
        trial = alice.trials.get(pk=self.world.trials["alice"].pk)
        return {
            "alice": alice.pk,
            "trial": trial.pk,
            "version": trial.version,
            "medication": self.world.medications["alice"].pk,
        }


@dataclass(frozen=True)
class Answer:
    """What an entry point answered: the HTTP status or exit code, and what came with it."""

    status: int
    text: str
    data: Any = None  # the JSON document: the API's body, the command's --format json output
    page: HttpResponse | None = None
    stderr: str = ""
    cli_exception: BaseException | None = None


@dataclass(frozen=True)
class Door:
    kind: Kind
    actor: str  # the persona who acts, or "cli" for the operator at the command line
    send: Callable[[Ctx, Fields], Answer]
    names: Mapping[str, str]
    statuses: Mapping[str, int] = field(default_factory=dict)  # a field whose refusal is not REFUSED
    # An importer reads its document as strict JSON, which has no NaN or Infinity: such a value is an
    # error of the document as a whole, named so (the API's "body", the command's "FILE").
    document: str | None = None

    def takes(self, name: str) -> bool:
        return name in self.names

    def refusal(self, name: str) -> int:
        return self.statuses.get(name, REFUSED[self.kind])

    def called(self, name: str, value: Any) -> str:
        """What an error about ``value`` in the field ``name`` must name."""
        not_json = isinstance(value, float) and not math.isfinite(value)
        return self.document if self.document and not_json else self.names[name]

    def acting(self) -> tuple[int | None, str]:
        """The account and the name the audit log gives the actor."""
        if self.actor == "cli":
            return None, operator().username
        return User.objects.get(username=self.actor).pk, self.actor


def _format(template: str, ctx: Ctx, fields: Fields) -> str:
    return template.format(**ctx.ids(), **fields)


def _referenced(*templates: str) -> set[str]:
    return {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}


# Pages ------------------------------------------------------------------------------------------


def signed_in(username: str) -> Client:
    client = Client(raise_request_exception=False)  # a server error is an answer (500) to assert on
    client.force_login(User.objects.get(username=username))
    return client


def page_answer(response: HttpResponse) -> Answer:
    return Answer(response.status_code, response.content.decode(), page=response)


def form(
    persona: str,
    url: str,
    fields: Mapping[str, str],
    extra: Mapping[str, str] | None = None,
    statuses: Mapping[str, int] | None = None,
) -> Door:
    """A form posted to ``url``: ``fields`` maps each use-case field to the form's field."""

    def send(ctx: Ctx, values: Fields) -> Answer:
        data = {fields[name]: str(value) for name, value in values.items() if name in fields}
        data |= {key: _format(value, ctx, values) for key, value in (extra or {}).items()}
        return page_answer(signed_in(persona).post(_format(url, ctx, values), data))

    names = dict(fields) | {name: name for name in _referenced(url) - IDS}
    return Door(Kind.page, persona, send, names, dict(statuses or {}))


def shown_errors(response: HttpResponse) -> list[str]:
    """The error messages the page's forms hold (and its list actions' ``action_errors``)."""
    found: list[str] = []
    for name, value in _context(response):
        values = value.values() if isinstance(value, dict) else [value]
        for item in values:
            if isinstance(item, forms.BaseForm) and item.is_bound:
                found += [str(message) for messages in item.errors.values() for message in messages]
        if name == "action_errors":
            found += [str(message) for message in value]
    return found


def _context(response: HttpResponse) -> Iterator[tuple[str, Any]]:
    contexts = getattr(response, "context", None) or []
    for context in contexts if isinstance(contexts, list) else [contexts]:
        yield from context.flatten().items()


# The API ----------------------------------------------------------------------------------------


def api_answer(response: HttpResponse) -> Answer:
    text = response.content.decode()
    data = json.loads(text) if text and response["Content-Type"].startswith("application/json") else None
    return Answer(response.status_code, text, data=data)


def call(ctx: Ctx, persona: str, method: str, path: str, body: Any = None) -> Answer:
    """``method /api/v1path`` with ``persona``'s token (a JSON ``body`` unless DELETE)."""
    client = Client(
        raise_request_exception=False, headers={"authorization": f"Bearer {ctx.world.tokens[persona]}"}
    )
    url = "/api/v1" + path
    if method == "DELETE":
        return api_answer(client.delete(url))
    return api_answer(client.generic(method, url, json.dumps(body), content_type="application/json"))


def endpoint(
    persona: str, request: str, body: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
) -> Door:
    """A JSON ``request`` ("POST /patients/{alice}/diary"): ``body`` maps each use-case field to its key
    in the body, the name its error gives it unless ``names`` says otherwise; fields may sit in the path."""
    method, path = request.split(" ")
    body = body or {}

    def send(ctx: Ctx, values: Fields) -> Answer:
        document = {body[name]: value for name, value in values.items() if name in body}
        return call(ctx, persona, method, _format(path, ctx, values), document)

    taken = dict(body) | {name: name for name in _referenced(path) - IDS}
    return Door(Kind.api, persona, send, taken | dict(names or {}))


# The command line -------------------------------------------------------------------------------


def run(args: list[str], stdin: str | None = None) -> Answer:
    """Run ``nervepath ARGS --format json`` in-process on the test database."""
    result = CliRunner().invoke(app, [*args, "--format", "json"], input=stdin)
    out = result.stdout
    data = json.loads(out[out.index("{") :]) if result.exit_code == 0 and "{" in out else None
    return Answer(
        result.exit_code, out + result.stderr, data, stderr=result.stderr, cli_exception=result.exception
    )


def command(
    line: str,
    options: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    stdin: Callable[[Fields], str] | None = None,
) -> Door:
    """``nervepath LINE``: fields in ``{braces}`` of LINE, the others as ``options`` (field -> flag),
    what ``stdin`` makes of them typed in; an error names each field as it is called here unless
    ``names`` says otherwise."""
    args, options = line.split(), options or {}

    def send(ctx: Ctx, values: Fields) -> Answer:
        given = [
            part for name, flag in options.items() if name in values for part in (flag, str(values[name]))
        ]
        return run([_format(arg, ctx, values) for arg in args] + given, stdin(values) if stdin else None)

    taken = {name: name for name in [*options, *(_referenced(line) - IDS)]}
    return Door(Kind.cli, "cli", send, taken | dict(names or {}))


def custom(
    kind: Kind,
    actor: str,
    send: Callable[[Ctx, Fields], Answer],
    names: Mapping[str, str],
    statuses: Mapping[str, int] | None = None,
    document: str | None = None,
) -> Door:
    """A door whose fields do not map one to one onto its input (a questionnaire, a bundle)."""
    return Door(kind, actor, send, names, dict(statuses or {}), document)


# What every entry point must answer -------------------------------------------------------------


def succeeded(door: Door, answer: Answer) -> None:
    """Success: a page redirects (302), the API answers 2xx, a command exits 0."""
    if door.kind is Kind.page:
        assert answer.status == 302, answer.text[:2000]
    elif door.kind is Kind.api:
        assert 200 <= answer.status < 300, answer.text[:2000]
    else:
        assert answer.status == 0, answer.text[-2000:]


def refused(door: Door, name: str, value: Any, answer: Answer) -> None:
    """Refusal of ``value`` in the field ``name``: the door's 4xx or exit 2 naming the field, no traceback."""
    expected, called = door.refusal(name), door.called(name, value)
    assert answer.status == expected, answer.text[-2000:]
    if door.kind is Kind.page and expected == 400:
        assert answer.page is not None
        errors = shown_errors(answer.page)
        assert errors, "a 400 page shows why"
        assert all(escape(error) in answer.text for error in errors), errors
    elif door.kind is Kind.api:
        assert set(answer.data) == {"error"}, answer.data
        assert set(answer.data["error"]) == {"code", "message", "field"}, answer.data
        if expected == 422:
            assert names(answer.data["error"]["field"] or "", called), answer.data
    elif door.kind is Kind.cli:
        assert isinstance(answer.cli_exception, SystemExit), answer.cli_exception
        assert "Traceback" not in answer.text
        assert called in answer.stderr, answer.text[-2000:]


def names(path: str, name: str) -> bool:
    """Whether the error's field ``path`` is ``name`` or a place inside it (``Observation[...].x``)."""
    return path == name or path.startswith((f"{name}.", f"{name}["))
