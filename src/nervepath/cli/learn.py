"""`nervepath learn`: search the knowledge base, or show one entry with its sources.

No match is not an error: exit 0 with an empty result list and spelling suggestions.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.errors import InvalidInput
from nervepath.knowledge.loader import get_entry
from nervepath.knowledge.models import Entry
from nervepath.knowledge.search import Hit, search, suggest
from nervepath.sources import all_sources

QueryArgument = typer.Argument(
    None, metavar="QUERY", help="Words to search for, e.g. 'burning feet at night'.", show_default=False
)
IdOption = typer.Option(None, "--id", help="Show one entry by its id (as listed by a search).")
LimitOption = typer.Option(10, "--limit", help="Maximum number of results.")


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
    return [{"id": i, "citation": sources[i].citation, "url": sources[i].url} for i in ids]


def _show_results(data: dict[str, Any]) -> None:
    if not data["results"]:
        console.print(f"No match for [bold]{escape(data['query'])}[/].")
        for s in data["suggestions"]:
            console.print(f"  did you mean [bold]{escape(s['title'])}[/]?  nervepath learn --id {s['id']}")
        return
    for number, hit in enumerate(data["results"], start=1):
        console.print(
            f"[bold]{number}. {escape(hit['title'])}[/]  [dim]({hit['category']}, --id {hit['id']})[/]"
        )
        console.print(f"   {escape(hit['summary'])}")
        console.print(f"   [dim]sources: {', '.join(hit['sources'])}[/]")
    console.print("[dim]Read one entry in full: nervepath learn --id ID[/]")


def _show_entry(data: dict[str, Any]) -> None:
    console.print(
        Panel(Markdown(data["text"]), title=f"[bold]{escape(data['title'])}[/]", subtitle=data["id"])
    )
    console.print(Panel(Markdown(data["clinician_note"]), title="For clinicians", border_style="dim"))
    for code in data["codes"]:
        status = "" if code["confirmed"] else "  [yellow](unconfirmed)[/]"
        console.print(f"  {code['system']} {code['code']}  {escape(code['display'])}{status}")
    for figure in data["figures"]:
        status = "" if figure["confirmed"] else " [yellow](unconfirmed)[/]"
        value = f"[bold]{escape(figure['value'])}[/]{status}"
        console.print(f"  {escape(figure['label'])}: {value}  [dim]{escape('[' + figure['source'] + ']')}[/]")
    if data["related"]:
        console.print("[bold]See also:[/] " + ", ".join(data["related"]))
    console.print("[bold]Sources[/]")
    for number, cite in enumerate(data["citations"], start=1):
        console.print(f"  [{number}] {escape(cite['citation'])}" + (f" {cite['url']}" if cite["url"] else ""))
