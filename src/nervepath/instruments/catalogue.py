"""The instruments table of ``docs/instruments.md``, generated from the data files so that the
documented ranges and cut-offs can never drift from the ones the engine uses.

Regenerate with ``python -m nervepath.instruments.catalogue``; a test fails when the docs differ.
"""

from __future__ import annotations

from nervepath.instruments.models import Instrument
from nervepath.instruments.scoring import get_instrument, instrument_ids

HEADER = (
    "| id | name | measures | range (rule) | bands / cut-off | LOINC total | sources | licence "
    "| Spanish items |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def table_markdown() -> str:
    """One Markdown table row per instrument, under a fixed header."""
    rows = [_row(get_instrument(i)) for i in instrument_ids()]
    return "\n".join([HEADER, *rows])


def _row(inst: Instrument) -> str:
    bands = "; ".join(f"{b.min}–{b.max} `{b.id}`" for b in inst.bands) or "none: score only"
    cells = [
        f"`{inst.id}`",
        inst.short_name,
        inst.measures,
        f"{inst.range.min}–{inst.range.max} ({inst.scoring.total.value})",
        bands,
        inst.codes.loinc_total or "none confirmed",
        ", ".join(f"`{s}`" for s in inst.sources),
        inst.licence,
        _spanish_items(inst),
    ]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _spanish_items(inst: Instrument) -> str:
    texts = inst.languages.get("es")
    if texts is None or texts.wording is None:
        return "English items, with a Spanish notice"
    return f"{texts.wording.version} (`{texts.wording.source}`)"


if __name__ == "__main__":
    print(table_markdown())
