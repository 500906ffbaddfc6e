"""Learn: the searchable knowledge base; every entry shows its sources."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.knowledge.loader import get_entry, knowledge_base
from nervepath.knowledge.search import search, suggest
from nervepath.sources import all_sources
from nervepath.web.pages.first_steps import note_reading


def learn_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    hits, suggestions = [], []
    if query.strip():
        try:
            hits = search(query, limit=20)
        except InvalidInput:
            hits = []
        suggestions = [] if hits else suggest(query)
    entries = sorted(knowledge_base().values(), key=lambda e: (e.category.value, e.title))
    context = {"query": query, "hits": hits, "suggestions": suggestions, "entries": entries}
    return render(request, "pages/learn.html", context)


def entry_page(request: HttpRequest, entry_id: str) -> HttpResponse:
    try:
        entry = get_entry(entry_id)
    except UnknownIdentifier:
        raise Http404("no such entry") from None
    registry = all_sources()
    sources = [registry[s] for s in entry.cited_sources() if s in registry]
    related = [knowledge_base()[r] for r in entry.related if r in knowledge_base()]
    note_reading(request.user)
    context = {"entry": entry, "sources": sources, "related": related}
    return render(request, "pages/entry.html", context)
