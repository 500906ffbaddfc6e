"""A small HTML builder: every piece of text is escaped with :func:`html.escape` unless it is ``Markup``.

Reports are built from functions that return ``Markup``; there is no template language, so nothing
can be interpolated unescaped by accident. ``el("td", name)`` escapes ``name``; ``el("div", chart_svg)``
keeps already-built markup as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence


class Markup(str):
    """A string that is already HTML: inserted as it is, never escaped again."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as text that is safe anywhere in HTML (``Markup`` passes through unchanged)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable[object]) -> Markup:
    """Concatenate pieces, escaping the ones that are plain text; ``None`` is skipped."""
    return Markup("".join(escape(part) for part in parts if part is not None))


def el(tag: str, *children: object, cls: str | None = None, **attrs: str) -> Markup:
    """One element: ``el("p", "a < b", cls="note")`` -> ``<p class="note">a &lt; b</p>``.

    Children may be text, Markup, None (left out) or lists of those.
    """
    pairs = ({"class": cls} if cls else {}) | {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    opening = "".join(f' {name}="{escape(value)}"' for name, value in pairs.items())
    return Markup(f"<{tag}{opening}>{join(_flatten(children))}</{tag}>")


def _flatten(children: Iterable[object]) -> list[object]:
    flat: list[object] = []
    for child in children:
        if isinstance(child, list | tuple):
            flat.extend(_flatten(child))
        else:
            flat.append(child)
    return flat


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str | None = None) -> Markup:
    """A table with a header row; each cell is text or Markup."""
    head = el("thead", el("tr", [el("th", h, scope="col") for h in headers]))
    body = el("tbody", [el("tr", [el("td", cell) for cell in row]) for row in rows])
    return el("table", head, body, cls=cls)


def bullets(items: Iterable[object], cls: str | None = None) -> Markup:
    """An unordered list; an empty list gives nothing."""
    entries = [el("li", item) for item in items]
    return el("ul", entries, cls=cls) if entries else Markup("")
