"""The page around a report: paper size, the shared stylesheet, and the HTML to PDF step (WeasyPrint).

The same HTML is the web page and the PDF: ``@page`` rules only apply when printing.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from functools import cache

from nervepath.datafiles import data_dir
from nervepath.errors import InvalidInput
from nervepath.reports.markup import Markup, el, escape
from nervepath.reports.words import say


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


def paper(value: str | Paper) -> Paper:
    """``value`` as a Paper; raises InvalidInput naming ``paper`` for anything but a4 or letter."""
    try:
        return Paper(str(value).lower())
    except ValueError:
        raise InvalidInput("paper", value, "a4 or letter") from None


@cache
def stylesheet() -> str:
    return data_dir("reports").joinpath("report.css").read_text(encoding="utf-8")


def document(title: str, body: Markup, size: Paper, lang: str = "en") -> str:
    """A complete HTML document in language ``lang`` with the stylesheet and the page size for printing."""
    css = Markup(stylesheet() + f"\n@page {{ size: {size.value}; }}\n" + _margins(lang))
    head = Markup(
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        + el("title", title)
        + el("style", css)
    )
    return f'<!DOCTYPE html>\n<html lang="{escape(lang)}">{el("head", head)}{el("body", body)}</html>\n'


def _margins(lang: str) -> str:
    """The printed page's margin texts (page numbers, the first page's footnote) in ``lang``."""
    page = say("page {page} of {pages}", lang, page='" counter(page) "', pages='" counter(pages) "')
    note = say(
        "Supports decisions; the clinician decides. Every statement cites a source (see Sources).", lang
    )
    return (
        f'@page {{ @bottom-right {{ content: "{page}"; }} }}\n'
        f'@page :first {{ @bottom-left {{ content: "{note}"; }} }}\n'
    )


def to_pdf(html: str) -> bytes:
    """Render a report's HTML to PDF bytes (fonts from the system; no network access)."""
    # Imported here, not with the module: loading WeasyPrint's libraries is a second of start-up.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logger = logging.getLogger("weasyprint")
    level = logger.level
    # Inline SVG styles (stroke, fill) are drawn, yet the HTML CSS parser logs each one as unknown;
    # keep those warnings off the CLI's stderr while still letting errors through.
    logger.setLevel(logging.ERROR)
    try:
        # Reports embed everything (inline SVG, data: images): no file or network access.
        return bytes(HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf())
    finally:
        logger.setLevel(level)
