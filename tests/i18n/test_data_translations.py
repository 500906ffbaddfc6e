"""Every text the clinical and rule data files show people has Spanish, and the Spanish catalogues
hold no text that the data files no longer have.

The texts are read through the loaders (``tests/i18n/data_texts.py``), so a renamed field or a new
data entry is seen as the application sees it. A failure names the texts and the file they come from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from nervepath.datafiles import data_dir
from nervepath.translations import translate, translated
from tests.i18n.data_texts import clinical_texts, rule_texts

CATALOGUES = {
    "clinical.yaml": clinical_texts,
    "rules.yaml": rule_texts,
}


def _catalogue_keys(name: str) -> list[str]:
    path = Path(data_dir("translations", "es", name))
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_it_translates_every_person_facing_text(name: str) -> None:
    texts = CATALOGUES[name]()
    missing = [f"{where}: {text!r}" for text, where in texts.items() if not translated(text, "es")]
    assert not missing, f"No Spanish for (add to translations/es/{name}):\n" + "\n".join(missing)


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_it_keeps_no_stale_translation(name: str) -> None:
    texts = CATALOGUES[name]()
    stale = [key for key in _catalogue_keys(name) if key not in texts]
    assert not stale, f"translations/es/{name} translates texts no data file has:\n" + "\n".join(stale)


def test_it_keeps_numbers_and_units_of_the_doses() -> None:
    """A dose text keeps every number of the English (37.5 is written 37,5 in Spanish)."""
    changed = []
    for text in clinical_texts():
        numbers = [n.replace(".", ",") for n in _numbers(text)]
        if numbers and _numbers(translate(text, "es")) != numbers:
            changed.append(f"{text!r} -> {translate(text, 'es')!r}")
    assert not changed, "\n".join(changed)


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text)


def test_it_finds_a_text_in_spanish_and_leaves_english_alone() -> None:
    assert translate("Progressive weakness", "es") == "Debilidad progresiva"
    assert translate("Gabapentin", "es-ES") == "Gabapentina"
    assert translate("Gabapentin", "en") == "Gabapentin"
