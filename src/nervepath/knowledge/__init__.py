"""The curated knowledge base: typed entries loaded from ``data/knowledge``, and ranked search.

``get_entry(id)`` for one entry, ``search(query)`` for ranked hits, ``suggest(query)`` for
spelling suggestions when nothing matches.
"""

from nervepath.knowledge.loader import get_entry, knowledge_base, load_entries
from nervepath.knowledge.models import Category, Code, CodeSystem, Entry, Figure
from nervepath.knowledge.search import Hit, Suggestion, search, suggest

__all__ = [
    "Category",
    "Code",
    "CodeSystem",
    "Entry",
    "Figure",
    "Hit",
    "Suggestion",
    "get_entry",
    "knowledge_base",
    "load_entries",
    "search",
    "suggest",
]
