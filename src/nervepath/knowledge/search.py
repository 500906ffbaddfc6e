"""Ranked full-text search over the knowledge base (SQLite FTS5, bm25, porter stemming).

The index is built once per process, in memory, from the loaded entries. A query is reduced to
its words (so FTS5 syntax in user text — quotes, ``*``, ``-``, ``:``, parentheses — is never
interpreted), stop words are dropped, and the words are OR-ed together with their adjacent pairs
as phrases, so an entry holding "burning feet" outranks one that only mentions "feet".

Patients' own words are indexed too: each entry's ``lay_terms`` (English and Spanish) and its Spanish
text. A word of five letters or more that no entry holds is replaced by the closest word of the
entries' titles, aliases, lay terms and keywords, so "dulaxetine" finds duloxetine and "lyrika" Lyrica.
"""

from __future__ import annotations

import difflib
import itertools
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from nervepath.errors import InvalidInput
from nervepath.knowledge.loader import knowledge_base
from nervepath.knowledge.models import Entry

# Column order of the index, and the bm25 weight of each: what a patient types is most often
# a title, an alias or a lay term, so those count most; the long text counts least.
_COLUMNS = (
    ("title", 10.0),
    ("aliases", 8.0),
    ("lay_terms", 8.0),
    ("keywords", 5.0),
    ("summary", 3.0),
    ("body", 1.0),
    ("translated", 1.0),
)
_WORD = re.compile(r"[^\W_]+")
# Words that carry no meaning for the search (English, then Spanish); a paragraph reads better
# than a 90-line list.
STOP_WORDS = frozenset(
    """a about after an and any are as at be been but by can could do does feel feeling feels for
    from get got had has have how i if in into is it its me my no not of off on or so than that
    the their them then there these they this to too up very was what when where which while who
    will with without you your
    al como con de del el en es la las lo los mi mis muy para pero por que se su sus un una y""".split()  # noqa: SIM905
)
# A typed word is only corrected when it is this long and this close (difflib ratio) to a known
# word: short words are too often another real word.
_MIN_CORRECTED = 5
_CLOSE_ENOUGH = 0.82
_lock = threading.Lock()


@dataclass(frozen=True)
class Hit:
    """One search result; ``score`` is positive, higher is more relevant."""

    id: str
    title: str
    summary: str
    category: str
    text: str
    sources: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Suggestion:
    """An entry whose title or alias is close to what was typed."""

    id: str
    title: str


def search(query: str, limit: int = 10) -> list[Hit]:
    """Entries matching any word of ``query``, most relevant first.

    Takes: free text as a person types it (any characters) and the maximum number of hits.
    Returns: up to ``limit`` hits ranked by bm25; an empty list when nothing matches. A query that is
    exactly the title or alias of one entry (once stop words are dropped: "what is nerve pain") puts
    that entry first, whatever the scores of entries that merely use the words.
    Raises: InvalidInput for a blank query or a limit below 1.
    """
    if not query.strip():
        raise InvalidInput("query", query, "a word or phrase to search for, e.g. 'burning feet'")
    if limit < 1:
        raise InvalidInput("limit", limit, "a whole number of 1 or more")
    match = _expression(spelled(words(query)))
    if not match:
        return []
    with _lock:
        rows = _index().execute(_SELECT, (match, limit)).fetchall()
    entries = knowledge_base()
    rows = _named_first(rows, _unique_names().get(" ".join(words(query))), limit)
    return [_hit(entries[entry_id], rank) for entry_id, rank in rows]


def suggest(query: str, limit: int = 5) -> list[Suggestion]:
    """Entries whose title or alias is spelled close to the query or one of its words (for typos)."""
    names = _names()
    wanted = [query.strip().lower(), *words(query)]
    found: dict[str, Suggestion] = {}
    for term in wanted:
        for name in difflib.get_close_matches(term, list(names), n=limit, cutoff=0.75):
            entry = knowledge_base()[names[name]]
            found.setdefault(entry.id, Suggestion(entry.id, entry.title))
    return list(found.values())[:limit]


def _named_first(rows: list[tuple[str, float]], named: str | None, limit: int) -> list[tuple[str, float]]:
    """``rows`` with the entry the query names moved (or added) to the top, ranked above the best."""
    if named is None:
        return rows
    top = (rows[0][1] if rows else 0.0) - 1.0  # bm25 ranks: lower is better
    return [(named, top), *(row for row in rows if row[0] != named)][:limit]


def words(query: str) -> list[str]:
    """The searchable words of a query: lower-case, stop words dropped unless nothing else is left."""
    found = [w.lower() for w in _WORD.findall(query)]
    kept = [w for w in found if w not in STOP_WORDS]
    return list(dict.fromkeys(kept or found))


def spelled(terms: list[str]) -> list[str]:
    """``terms`` with each long word that no entry holds replaced by the closest known word, if any."""
    return [_closest(term) if len(term) >= _MIN_CORRECTED and not _indexed(term) else term for term in terms]


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression for a query: each word and each adjacent pair, quoted, OR-ed."""
    return _expression(words(query))


def _expression(terms: list[str]) -> str:
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(terms)]
    return " OR ".join(f'"{term}"' for term in [*terms, *pairs])


def _indexed(term: str) -> bool:
    with _lock:
        return _index().execute(_ANY, (f'"{term}"',)).fetchone() is not None


def _closest(term: str) -> str:
    close = difflib.get_close_matches(_plain(term), _vocabulary(), n=1, cutoff=_CLOSE_ENOUGH)
    return close[0] if close else term


def _plain(text: str) -> str:
    """Lower case without accents, as the index's tokenizer sees it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _vocabulary() -> list[str]:
    found: set[str] = set()
    for entry in knowledge_base().values():
        for name in [entry.title, *entry.aliases, *entry.lay_terms, *entry.keywords]:
            found.update(w for w in _WORD.findall(_plain(name)) if len(w) >= _MIN_CORRECTED - 1)
    return sorted(found)


_TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'"
_WEIGHTS = ", ".join(str(weight) for _, weight in _COLUMNS)
_SELECT = (
    f"SELECT id, bm25(entries, 0.0, {_WEIGHTS}) AS rank FROM entries "  # noqa: S608 - constants only
    "WHERE entries MATCH ? ORDER BY rank, id LIMIT ?"
)
_ANY = "SELECT 1 FROM entries WHERE entries MATCH ? LIMIT 1"


@cache
def _index() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    columns = ", ".join(name for name, _ in _COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE entries USING fts5(id UNINDEXED, {columns}, {_TOKENIZER})")
    db.executemany(
        f"INSERT INTO entries VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",  # noqa: S608 - parameter markers only
        [_row(entry) for entry in knowledge_base().values()],
    )
    return db


def _row(entry: Entry) -> tuple[str, ...]:
    aliases = " ; ".join(entry.aliases)
    lay_terms = " ; ".join(entry.lay_terms)
    keywords = " ; ".join(entry.keywords)
    translated = "\n".join(f"{t.title}\n{t.summary}\n{t.text}" for t in entry.translations.values())
    body = f"{entry.text}\n{entry.clinician_note}"
    return (entry.id, entry.title, aliases, lay_terms, keywords, entry.summary, body, translated)


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in knowledge_base().values():
        for name in [entry.title, *entry.aliases, entry.id.replace("_", " ")]:
            names.setdefault(name.lower(), entry.id)
    return names


@cache
def _unique_names() -> dict[str, str]:
    """Titles and aliases that name one entry only ("burning feet" names two: it puts neither first)."""
    owners: dict[str, set[str]] = {}
    for entry in knowledge_base().values():
        for name in [entry.title, *entry.aliases]:
            owners.setdefault(" ".join(words(name)), set()).add(entry.id)
    return {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}


def _hit(entry: Entry, rank: float) -> Hit:
    return Hit(
        id=entry.id,
        title=entry.title,
        summary=entry.summary,
        category=entry.category.value,
        text=entry.text,
        sources=tuple(entry.sources),
        score=round(-rank, 4),
    )
