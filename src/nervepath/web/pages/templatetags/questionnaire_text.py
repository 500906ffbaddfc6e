"""Template tags that give a questionnaire's texts in the page's language.

The instrument's wording comes from a validated translation or stays in English; a text left in
English carries ``lang="en"`` on the page so that screen readers read it as English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from nervepath.errors import UnknownIdentifier
from nervepath.instruments import Instrument, get_instrument
from nervepath.instruments.models import Band, BandWords, Flag, Item
from nervepath.instruments.texts import BASE_LANGUAGE, InstrumentTexts
from nervepath.web.pages.questionnaires import answers_in_english, texts

register = template.Library()


@dataclass(frozen=True)
class Question:
    """One item as a page shows it; ``lang`` and ``answers_lang`` are "en" where left in English."""

    text: str
    help: str | None
    lang: str
    answers_lang: str


@register.simple_tag
def instrument_texts(inst: Instrument) -> InstrumentTexts:
    return texts(inst)


@register.simple_tag
def question(inst: Instrument, item: Item) -> Question:
    shown = texts(inst)
    return Question(
        text=shown.item_text(item),
        help=shown.item_help(item),
        lang=BASE_LANGUAGE if shown.original_wording else "",
        answers_lang=BASE_LANGUAGE if answers_in_english(inst, item) else "",
    )


@register.simple_tag
def band_words(shown: InstrumentTexts, band: Band) -> BandWords:
    return shown.band(band)


@register.simple_tag
def flag_meaning(shown: InstrumentTexts, flag: Flag) -> str:
    return shown.flag_meaning(flag)


@register.filter
def name_html(shown: InstrumentTexts) -> SafeString:
    """The short name as HTML, marked ``lang="en"`` where a page in another language keeps the original."""
    if shown.short_name_in_english:
        return format_html('<span lang="en">{}</span>', shown.short_name)
    return format_html("{}", shown.short_name)


@register.filter
def questionnaire_name(instrument_id: str) -> SafeString:
    """:func:`name_html` of the instrument ``instrument_id`` (the id itself when unknown)."""
    try:
        return name_html(texts(get_instrument(instrument_id)))
    except UnknownIdentifier:
        return format_html("{}", instrument_id)
