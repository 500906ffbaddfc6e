"""`nervepath learn`: search the knowledge base, or show one entry with its sources.

No match is not an error: exit 0 with an empty result list and spelling suggestions.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Group
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from nervepath.cli.output import Format, FormatOption, console, emit, hanging, indented
from nervepath.errors import InvalidInput
from nervepath.knowledge.loader import get_entry, knowledge_base
from nervepath.knowledge.models import Entry
from nervepath.knowledge.search import Hit, search, suggest
from nervepath.sources import all_sources

QueryArgument = typer.Argument(
    None, metavar="QUERY", help="Words to search for, e.g. 'burning feet at night'.", show_default=False
)
IdOption = typer.Option(None, "--id", help="Show one entry by its id (as listed by a search).")
LimitOption = typer.Option(10, "--limit", help="Maximum number of results.")
# What a code or figure not seen in a primary source means for the reader (see docs/knowledge.md).
CODE_TO_CHECK = "not found in a published code list; check it before use"
FIGURE_TO_CHECK = "taken from a secondary source; check the original before relying on it"


def register(app: typer.Typer) -> None:
    """Add the `learn` command to the app."""
    app.command("learn")(learn)


def learn(
    query: str | None = QueryArgument,
    entry_id: str | None = IdOption,
    limit: int = LimitOption,
    fmt: Format = FormatOption,
) -> None:
    """Search the knowledge base (causes, symptoms, treatments, self-management), or show one entry."""
    if entry_id is not None and query:
        raise InvalidInput("--id", entry_id, "either QUERY or --id, not both")
    if entry_id is not None:
        emit(entry_json(get_entry(entry_id.strip(), field="--id")), fmt, _show_entry)
        return
    if query is None or not query.strip():
        raise InvalidInput(
            "QUERY", query or "", "a word or phrase to search for, e.g. 'burning feet', or --id ID"
        )
    if limit < 1:
        raise InvalidInput("--limit", limit, "a whole number of 1 or more")
    emit(search_json(query, search(query, limit)), fmt, _show_results)


def search_json(query: str, hits: list[Hit]) -> dict[str, Any]:
    """The JSON document of a search (contract: results with id, title, summary, sources)."""
    results = [
        {"id": h.id, "title": h.title, "summary": h.summary, "category": h.category,
         "text": h.text, "score": h.score, "sources": list(h.sources)}
        for h in hits
    ]  # fmt: skip
    data: dict[str, Any] = {"query": query, "results": results}
    if not hits:
        data["suggestions"] = [{"id": s.id, "title": s.title} for s in suggest(query)]
    return data


def entry_json(entry: Entry) -> dict[str, Any]:
    """The JSON document of one entry (contract keys first, then codes, figures and citations)."""
    return {
        "id": entry.id,
        "title": entry.title,
        "text": entry.text,
        "clinician_note": entry.clinician_note,
        "related": list(entry.related),
        "sources": list(entry.sources),
        "category": entry.category.value,
        "summary": entry.summary,
        "aliases": list(entry.aliases),
        "codes": [code.model_dump(mode="json") for code in entry.codes],
        "figures": [figure.model_dump(mode="json") for figure in entry.figures],
        "citations": _citations(entry.cited_sources()),
    }


def _citations(ids: list[str]) -> list[dict[str, str | None]]:
    sources = all_sources()
    return [{"id": i, "citation": sources[i].cited(), "url": sources[i].url} for i in ids]


def _show_results(data: dict[str, Any]) -> None:
    if not data["results"]:
        console.print(Text.assemble("No match for ", (data["query"], "bold"), "."))
        for s in data["suggestions"]:
            hint = Text.assemble("did you mean ", (s["title"], "bold"), f"?  nervepath learn --id {s['id']}")
            console.print(indented(hint))
        return
    console.print(hanging(((f"{n}.", _hit(hit)) for n, hit in enumerate(data["results"], start=1)), level=0))
    console.print(Text("Read one entry in full: nervepath learn --id ID", style="dim"))


def _hit(hit: dict[str, Any]) -> Group:
    title = Text.assemble((hit["title"], "bold"), (f"  ({hit['category']}, --id {hit['id']})", "dim"))
    count = len(hit["sources"])
    return Group(title, Text(hit["summary"]), Text(f"{count} source{'s' if count != 1 else ''}", style="dim"))


def _show_entry(data: dict[str, Any]) -> None:
    console.print(
        Panel(Markdown(data["text"]), title=f"[bold]{escape(data['title'])}[/]", subtitle=data["id"])
    )
    console.print(Panel(Markdown(data["clinician_note"]), title="For clinicians", border_style="dim"))
    numbers = {cite["id"]: n for n, cite in enumerate(data["citations"], start=1)}
    facts = [_code(code, numbers) for code in data["codes"]]
    facts += [_figure(figure, numbers) for figure in data["figures"]]
    if facts:
        console.print(indented(*facts))
    if data["related"]:
        titles = [entry.title for entry in map(knowledge_base().get, data["related"]) if entry]
        console.print(hanging([("See also:", ", ".join(titles))], level=0))
    console.print(Text("Sources", style="bold"))
    console.print(
        hanging(
            (f"[{number}]", cite["citation"] + (f" {cite['url']}" if cite["url"] else ""))
            for number, cite in enumerate(data["citations"], start=1)
        )
    )


def _code(code: dict[str, Any], numbers: dict[str, int]) -> Text:
    text = Text(f"{code['system']} {code['code']}  {code['display']}")
    text.append("" if code["confirmed"] else f"  ({CODE_TO_CHECK})", style="yellow")
    return text.append(f"  [{numbers[code['source']]}]", style="dim")


def _figure(figure: dict[str, Any], numbers: dict[str, int]) -> Text:
    text = Text.assemble(f"{figure['label']}: ", (figure["value"], "bold"))
    text.append("" if figure["confirmed"] else f" ({FIGURE_TO_CHECK})", style="yellow")
    return text.append(f"  [{numbers[figure['source']]}]", style="dim")
