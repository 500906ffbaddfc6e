"""The instruments table in the docs is the one generated from the data files."""

from __future__ import annotations

from pathlib import Path

from nervepath.instruments.catalogue import table_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "instruments.md"


def test_it_documents_every_instrument_as_the_data_files_define_it() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- instruments-table:start -->\n") + len("<!-- instruments-table:start -->\n")
    end = text.index("<!-- instruments-table:end -->")
    assert text[start:end].strip() == table_markdown(), "run: python -m nervepath.instruments.catalogue"
