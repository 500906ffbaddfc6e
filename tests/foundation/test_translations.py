"""The catalogue of Spanish for data texts: English falls through, Spanish is looked up, files agree."""

from __future__ import annotations

from nervepath.translations import base_language, catalogue, translate, translated


def test_base_language_of_regional_and_missing_codes() -> None:
    assert base_language("es-AR") == "es"
    assert base_language("es_ES") == "es"
    assert base_language(None) == "en"
    assert base_language("") == "en"


def test_english_and_unknown_languages_get_the_text_back() -> None:
    assert translate("Gabapentin", "en") == "Gabapentin"
    assert translate("Gabapentin", "fr") == "Gabapentin"
    assert catalogue("fr") == {}


def test_spanish_comes_from_the_catalogue_and_gaps_stay_english() -> None:
    spanish = catalogue("es")
    english, text = next(iter(spanish.items()))
    assert translate(english, "es-MX") == text
    assert translated(english, "es")
    gap = "A sentence no data file will ever hold, 1234."
    assert translate(gap, "es") == gap
    assert not translated(gap, "es")
