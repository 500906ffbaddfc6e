"""Numbered citations: a section cites source ids as it renders; the report ends with the full list."""

from __future__ import annotations

from collections.abc import Iterable

from nervepath.reports.markup import Markup, el
from nervepath.reports.words import say
from nervepath.sources import get_source


class Citations:
    """Collects the source ids a report cites, numbering each the first time it appears."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def cite(self, source_ids: Iterable[str]) -> Markup:
        """``[1, 3]`` for the given ids (numbered on first use); empty for none.

        Raises: UnknownIdentifier for an id that is not in the source registry.
        """
        numbers = [self._number(source_id) for source_id in dict.fromkeys(source_ids)]
        if not numbers:
            return Markup("")
        return el("span", "[" + ", ".join(str(n) for n in sorted(numbers)) + "]", cls="small muted")

    def _number(self, source_id: str) -> int:
        get_source(source_id)
        return self._numbers.setdefault(source_id, len(self._numbers) + 1)

    @property
    def cited(self) -> list[str]:
        """Cited source ids in number order."""
        return list(self._numbers)

    def section(self, language: str = "en") -> Markup:
        """The "Sources" list: number, citation and link of every cited source (never its internal note)."""
        items = [el("li", _citation(source_id), value=str(n)) for source_id, n in self._numbers.items()]
        if not items:
            return Markup("")
        # Citations stay as published (English titles), marked so readers and screen readers know.
        cited = el("ol", items, cls="sources", lang="en")
        return el("section", el("h2", say("Sources", language)), cited)


def _citation(source_id: str) -> str:
    source = get_source(source_id)
    return f"{source.cited()} {source.url}" if source.url else source.cited()
