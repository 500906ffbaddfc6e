"""Template filters that turn stable ids into the names their data files give them, and render
knowledge entries (their markup, their language, their order on the learn page)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext_lazy
from markdown_it import MarkdownIt

from nervepath.clinical.vocabulary import Vocabulary, recorded_condition
from nervepath.clinical.vocabulary import label as _label
from nervepath.errors import UnknownIdentifier
from nervepath.instruments import get_instrument
from nervepath.instruments.scoring import band_by_id
from nervepath.instruments.texts import texts_for
from nervepath.knowledge.loader import knowledge_base
from nervepath.knowledge.models import Category, Entry, EntryText
from nervepath.reports.labels import Term, term
from nervepath.translations import translate
from nervepath.web.pages.data_words import drug_name as _drug_name
from nervepath.web.pages.data_words import unit_words
from nervepath.web.pages.templatetags.questionnaire_text import questionnaire_name

register = template.Library()


@register.filter
def instrument_name(instrument_id: str) -> SafeString:
    """The questionnaire's short name in the page's language (marked ``lang="en"`` where it stays
    in the original)."""
    return questionnaire_name(instrument_id)


@register.filter
def drug_name(drug_id: str) -> str:
    return _drug_name(drug_id)


@register.filter
def unit(name: str) -> str:
    """A drug's dose unit (``mg``, ``plasters``, ``mcg_per_h`` ...) in the page's language."""
    return unit_words(str(name))


@register.filter
def tr(text: str) -> str:
    """A text from a data file in the page's language (``data/translations``); English without one."""
    return translate(str(text), get_language())


@register.filter
def label(identifier: str, kind: str) -> str:
    """``{{ c.condition_id|label:"condition" }}``: the name of a condition, etiology or drug class
    (``nervepath.clinical.vocabulary``) in the page's language. A recorded condition row may also hold
    a red-flag finding (older rows), named as such."""
    if kind == Vocabulary.condition:
        return recorded_condition(identifier, get_language())
    return _label(Vocabulary(kind), identifier, get_language())


@register.filter
def band_name(instrument_id: str, band_id: str | None) -> str:
    """``{{ r.instrument_id|band_name:r.band }}``: the questionnaire's own words for a score band, in the
    page's language; empty when the score has no band."""
    try:
        inst = get_instrument(instrument_id)
    except UnknownIdentifier:
        return ""
    band = band_by_id(inst, band_id)
    return texts_for(inst, get_language()).band(band).label if band else ""


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key)


# Knowledge entries are written in a small Markdown subset (bold, italics, lists, paragraphs).
# Raw HTML in the text is shown as text, never passed through; images and links are not rendered.
_MARKUP = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "link", "autolink", "html_inline", "html_block"]
)


@register.filter
def entry_markup(text: str) -> SafeString:
    """An entry's text as HTML: its markup rendered, anything else escaped."""
    html: str = _MARKUP.render(text)
    # markdown-it escapes all text and raw HTML is disabled, so its output is safe to mark.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.filter
def in_language(entry: Entry, language: str | None) -> EntryText:
    """The patient text of ``entry`` in the page's language (English when it has no translation)."""
    return entry.in_language(language or "en")


@register.filter
def entry_title(entry_id: str, language: str | None) -> str:
    """The title of the entry ``entry_id`` in the page's language ("" for an unknown id)."""
    entry = knowledge_base().get(entry_id)
    return entry.in_language(language or "en").title if entry else ""


@register.filter
def entry_summary(entry_id: str, language: str | None) -> str:
    """The summary of the entry ``entry_id`` in the page's language ("" for an unknown id)."""
    entry = knowledge_base().get(entry_id)
    return entry.in_language(language or "en").summary if entry else ""


@register.filter
def grade(level: str) -> str:
    """A NeuPSIG grading level in the page's language (``possible`` -> "posible"), in the words the
    reports print (``data/reports/terms.yaml``); a dash for a level those words do not know."""
    return translate(term(Term.grade, level), get_language()) or "–"


# The learn page's heading for each kind of entry.
CATEGORY_WORDS = {
    Category.overview: pgettext_lazy("learn category", "Understanding nerve pain"),
    Category.cause: pgettext_lazy("learn category", "Causes"),
    Category.symptom: pgettext_lazy("learn category", "Symptoms"),
    Category.treatment: pgettext_lazy("learn category", "Treatments"),
    Category.management: pgettext_lazy("learn category", "Living with nerve pain"),
}


@register.filter
def learn_groups(entries: Iterable[Entry], language: str | None) -> list[dict[str, object]]:
    """The topic list of the learn page: the urgent entries first, then one group per category.

    Each group is ``{"urgent": bool, "category": heading, "entries": [(id, title, summary)]}``, titles
    in the page's language and sorted within a category.
    """
    lang = language or "en"
    items = [(e, e.in_language(lang)) for e in entries]
    groups: list[dict[str, object]] = []
    urgent = [(e.id, t.title, t.summary) for e, t in items if e.urgent]
    if urgent:
        groups.append({"urgent": True, "category": "", "entries": urgent})
    for category in Category:
        rows = sorted(
            ((e.id, t.title, t.summary) for e, t in items if e.category is category and not e.urgent),
            key=lambda r: r[1].casefold(),
        )
        if rows:
            groups.append({"urgent": False, "category": CATEGORY_WORDS[category], "entries": rows})
    return groups
