"""The words the data files show people, in the reader's language.

The data files are written in English. ``data/translations/<language>/*.yaml`` map each English text
that people read (a drug's name, a rule's reason, a red flag's action, a report heading ...) to its
translation, like a gettext catalogue keyed by the English: when an English text changes, its old
translation no longer matches and the completeness tests name the text. A text without a translation
comes back in English, so a gap is visible, never an error for the reader.

Each area keeps its own file (``clinical.yaml``, ``rules.yaml``, ``reports.yaml`` ...); a text may be
in several files only with the same translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from nervepath.datafiles import read_yaml, yaml_files
from nervepath.errors import DataFileError

LANGUAGES = ("es",)  # languages with a catalogue besides English (the base language)


def base_language(language: str | None) -> str:
    """``es-AR`` -> ``es``; ``None`` or an empty code -> ``en``."""
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """Every English text with its translation into ``language`` (empty for English or an unknown code)."""
    if language not in LANGUAGES:
        return {}
    merged: dict[str, str] = {}
    for file in yaml_files("translations", language):
        label = f"translations/{language}/{file.name}"
        raw = read_yaml(file, label) or {}
        if not isinstance(raw, dict):
            raise DataFileError(label, "(document)", "a mapping of English text to its translation")
        for english, translated in raw.items():
            if not isinstance(english, str) or not isinstance(translated, str) or not translated.strip():
                raise DataFileError(label, str(english), "a non-empty text for every English text")
            if merged.get(english, translated) != translated:
                raise DataFileError(label, english, "the same translation as the other files give")
            merged[english] = translated
    return merged


def translate(text: str, language: str | None) -> str:
    """``text`` (English, from a data file) in ``language``; the English when there is no translation."""
    base = base_language(language)
    if base == "en" or not text:
        return text
    return catalogue(base).get(text, text)


def translated(text: str, language: str) -> bool:
    """Whether ``text`` has a translation into ``language`` (English always has its own words)."""
    base = base_language(language)
    return base == "en" or text in catalogue(base)
