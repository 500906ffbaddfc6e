"""An instrument's texts in the reader's language, for pages, reports and the command line.

``texts_for(inst, "es")`` gives nervepath's own words about the instrument in Spanish (name, what it
measures, recall period, band labels and meanings, screen texts, flag and help messages) and, only
where the data file carries a published, validated Spanish translation, the instrument's wording too
(instructions, items, answer options, scale anchors). Without one the wording stays in the original
English and ``original_wording`` says so, so that a page can mark it as English and tell the reader
why. English, or a language the file does not list, gives the English texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from nervepath.instruments.models import (
    AnswerKind,
    Band,
    BandWords,
    Flag,
    Instrument,
    Item,
    LanguageTexts,
    Option,
    Screen,
    Subscore,
    Wording,
)

BASE_LANGUAGE = "en"


def language_code(language: str | None) -> str:
    """``es-ES`` or ``es_AR`` -> ``es``; ``None`` or an empty code -> ``en``."""
    return (language or BASE_LANGUAGE).replace("_", "-").split("-")[0].lower() or BASE_LANGUAGE


def texts_for(inst: Instrument, language: str | None) -> InstrumentTexts:
    """The texts of ``inst`` for a reader of ``language`` (English when the file has no such language)."""
    code = language_code(language)
    texts = inst.languages.get(code)
    return InstrumentTexts(inst, code if texts else BASE_LANGUAGE, texts)


@dataclass(frozen=True)
class InstrumentTexts:
    """Every text of one instrument that people read, in one language.

    ``language`` is the language of nervepath's own words; ``wording_language`` that of the
    instrument's wording, which differs when no validated translation may be shown.
    """

    inst: Instrument
    language: str
    texts: LanguageTexts | None

    @property
    def wording(self) -> Wording | None:
        """The validated translation shown, if any (its ``version``, ``source`` and ``licence``)."""
        return self.texts.wording if self.texts else None

    @property
    def wording_language(self) -> str:
        return self.language if self.wording else BASE_LANGUAGE

    @property
    def original_wording(self) -> bool:
        """True when the reader's language is not English but the wording is shown in English."""
        return self.wording_language != self.language

    @property
    def short_name(self) -> str:
        return (self.texts.short_name if self.texts else None) or self.inst.short_name

    @property
    def short_name_in_english(self) -> bool:
        """True when a page in another language shows the English (original) short name."""
        own = self.texts.short_name if self.texts else None
        return self.language != BASE_LANGUAGE and own is None

    @property
    def measures(self) -> str:
        return self.texts.measures if self.texts else self.inst.measures

    @property
    def recall_period(self) -> str:
        return self.texts.recall_period if self.texts else self.inst.recall_period

    @property
    def instructions(self) -> str | None:
        """The published instructions of a validated translation; None otherwise."""
        return self.wording.instructions if self.wording else None

    @property
    def screen(self) -> Screen | None:
        return self.texts.screen if self.texts else self.inst.screen

    def item_text(self, item: Item) -> str:
        return self.wording.items[item.id] if self.wording else item.text

    def item_help(self, item: Item) -> str | None:
        if item.help is None or self.texts is None:
            return item.help
        return self.texts.help[item.id]

    def option_label(self, item: Item, option: Option) -> str:
        """The label of one answer as ``AnswerSet.options_for_display`` gives it, in the wording's
        language (yes/no labels are the application's own controls and are left to the shell)."""
        answer_set = self.inst.answer_set(item)
        if self.wording is None or answer_set.kind is AnswerKind.yes_no:
            return option.label
        if answer_set.kind is AnswerKind.choice:
            return self.wording.options[item.answers][option.code]
        anchor = self.wording.anchors.get(item.answers, {}).get(option.value)
        return f"{option.value} ({anchor})" if anchor else str(option.value)

    def band(self, band: Band) -> BandWords:
        if self.texts is None:
            return BandWords(label=band.label, meaning=band.meaning)
        return self.texts.bands[band.id]

    def flag_meaning(self, flag: Flag) -> str:
        return self.texts.flags[flag.id] if self.texts else flag.meaning

    def subscore_label(self, subscore: Subscore) -> str:
        return self.texts.subscores[subscore.id] if self.texts else subscore.label
