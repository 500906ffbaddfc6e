"""CSV cells a spreadsheet will not run as formulas, and read back exactly as they were written.

Excel, LibreOffice Calc and Google Sheets treat a cell that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula: a diary note ``=cmd|' /C calc'!A0`` would run when the
export is opened. OWASP's advice (CSV Injection; ASVS 5.0 requirement 1.2.10) is to put a single
quote before such a cell, which spreadsheets take as "this is text" and do not show.

The quote must come off again when nervepath reads its own file (``diary import``), and a note that
really begins with a quote must survive the round trip. So the escape is one reversible rule:

* a text cell gets a quote in front when it begins with one of ``TRIGGERS``, or when it already
  looks escaped: a quote followed by a trigger or by another quote (``'=x`` is written ``''=x``);
* reading, a cell that is a quote followed by a trigger or a quote loses that first quote; any
  other cell is read as it stands (``'tis`` stays ``'tis``).

``restore(neutralise(s)) == s`` for every string ``s``. Only text is escaped: numbers (a negative
value in a numeric column) are written as they are. A reader restores every cell: a number never
begins with a quote, so restoring cannot change one.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["QUOTE", "TRIGGERS", "neutralise", "restore", "safe_row"]

TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"
_ESCAPED_NEXT = TRIGGERS | {QUOTE}


def _looks_escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == QUOTE and text[1] in _ESCAPED_NEXT


def neutralise(value: object) -> object:
    """``value`` as a CSV cell: a string that a spreadsheet would run gets a leading quote.

    Non-strings (int, float, None, ...) come back unchanged, so numeric columns keep their values.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in TRIGGERS or _looks_escaped(value):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The text ``neutralise`` was given, from the cell it wrote (a cell it did not escape is kept)."""
    return cell[1:] if _looks_escaped(cell) else cell


def safe_row(cells: Iterable[object]) -> list[object]:
    """A row for ``csv.writer.writerow`` with every text cell neutralised."""
    return [neutralise(cell) for cell in cells]
