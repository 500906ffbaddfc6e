"""Loading the knowledge base: one YAML file per entry under ``data/knowledge/<category>/<id>.yaml``.

Each file is validated against :class:`~nervepath.knowledge.models.Entry`; then the base as a whole
is checked (file name = id, folder = category, every source and related id exists), so a broken
file always fails with its file name, the key and what was expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.knowledge.models import Category, Entry
from nervepath.sources import all_sources

CATEGORIES = [c.value for c in Category]


def load_entries(root: Traversable | Path | None = None) -> dict[str, Entry]:
    """Load and check every entry.

    Takes: ``root``, a folder holding one sub-folder per category (default: the packaged
    ``data/knowledge``; tests pass a temporary folder).
    Returns: entries by id: urgent entries (when to get urgent help) first, then the rest in
    category-folder order then file-name order.
    Raises: DataFileError naming the file, key and expectation for any malformed entry.
    """
    folder = root if root is not None else data_dir("knowledge")
    entries: dict[str, Entry] = {}
    for label, file in _entry_files(folder):
        entry = load_model(Entry, file, label)
        _check_placement(entry, label)
        if entry.id in entries:
            raise DataFileError(label, "id", f"a unique entry id ({entry.id!r} is used twice)")
        entries[entry.id] = entry
    _check_references(entries)
    return ordered(entries.values())


def ordered(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Entries by id with the urgent ones first; otherwise the order given is kept."""
    items = list(entries)
    return {e.id: e for e in [*(e for e in items if e.urgent), *(e for e in items if not e.urgent)]}


@cache
def knowledge_base() -> Mapping[str, Entry]:
    """The packaged knowledge base, loaded once per process."""
    return load_entries()


def get_entry(entry_id: str, field: str = "id") -> Entry:
    """One entry by id.

    Takes: the entry id and ``field``, the name the caller's user knows the id by (e.g. ``--id``).
    Returns: the entry.
    Raises: UnknownIdentifier naming ``field``, listing the closest known ids.
    """
    entries = knowledge_base()
    if entry_id in entries:
        return entries[entry_id]
    close = difflib.get_close_matches(entry_id.strip().lower(), list(entries), n=5, cutoff=0.5)
    raise UnknownIdentifier(field, entry_id, close or list(entries))


def _entry_files(folder: Traversable | Path) -> Iterator[tuple[str, Traversable | Path]]:
    for sub in sorted(folder.iterdir(), key=lambda f: f.name):
        if sub.name.startswith((".", "_")) or sub.name.endswith((".txt", ".md")):
            continue
        if not sub.is_dir():
            raise DataFileError(f"knowledge/{sub.name}", "(file)", "entries inside a category folder")
        if sub.name not in CATEGORIES:
            raise DataFileError(f"knowledge/{sub.name}", "(folder)", "one of " + ", ".join(CATEGORIES))
        files = sorted((f for f in sub.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
        yield from ((f"knowledge/{sub.name}/{f.name}", f) for f in files)


def _check_placement(entry: Entry, label: str) -> None:
    folder, name = label.split("/")[-2:]
    if name != f"{entry.id}.yaml":
        raise DataFileError(label, "id", f"the file name without .yaml ({name[:-5]!r}), got {entry.id!r}")
    if entry.category.value != folder:
        raise DataFileError(label, "category", f"{folder!r}, the folder it lives in")


def _check_references(entries: Mapping[str, Entry]) -> None:
    known_sources = all_sources()
    for entry in entries.values():
        label = f"knowledge/{entry.category.value}/{entry.id}.yaml"
        for index, source in enumerate(entry.sources):
            if source not in known_sources:
                raise DataFileError(label, f"sources.{index}", f"a source id of the registry, got {source!r}")
        for key, source in _nested_sources(entry):
            if source not in known_sources:
                raise DataFileError(label, key, f"a source id of the registry, got {source!r}")
        for index, other in enumerate(entry.related):
            if other not in entries or other == entry.id:
                raise DataFileError(label, f"related.{index}", f"the id of another entry, got {other!r}")


def _nested_sources(entry: Entry) -> Iterator[tuple[str, str]]:
    yield from ((f"codes.{i}.source", code.source) for i, code in enumerate(entry.codes))
    yield from ((f"figures.{i}.source", fig.source) for i, fig in enumerate(entry.figures))
