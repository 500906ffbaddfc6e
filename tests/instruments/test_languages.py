"""An instrument's texts in Spanish: nervepath's own words for every instrument, the instrument's
wording only from a published, validated translation, and a translation that leaves anything out
fails on load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError
from nervepath.instruments import get_instrument, instrument_ids
from nervepath.instruments.models import Instrument
from nervepath.instruments.texts import language_code, texts_for
from nervepath.sources import all_sources

VALIDATED_SPANISH = {"phq9", "gad7"}


def raw_of(instrument_id: str) -> dict[str, Any]:
    text = data_dir("instruments").joinpath(f"{instrument_id}.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    assert isinstance(raw, dict)
    return raw


def load(tmp_path: Path, raw: dict[str, Any]) -> Instrument:
    file = tmp_path / f"{raw['id']}.yaml"
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_model(Instrument, file, f"instruments/{raw['id']}.yaml")


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_it_has_spanish_words_for_every_instrument(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    shown = texts_for(inst, "es")
    assert shown.language == "es"
    assert [shown.band(b).label for b in inst.bands] != [b.label for b in inst.bands] or not inst.bands
    assert shown.measures != inst.measures


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_it_shows_published_spanish_wording_only_for_phq9_and_gad7(instrument_id: str) -> None:
    shown = texts_for(get_instrument(instrument_id), "es")
    assert (shown.wording is not None) == (instrument_id in VALIDATED_SPANISH)
    assert shown.original_wording == (instrument_id not in VALIDATED_SPANISH)


@pytest.mark.parametrize("instrument_id", sorted(VALIDATED_SPANISH))
def test_it_names_a_registered_source_and_licence_for_each_translation(instrument_id: str) -> None:
    wording = get_instrument(instrument_id).languages["es"].wording
    assert wording is not None
    assert wording.source in all_sources()
    assert "permiso" in wording.licence or "permission" in wording.licence


def test_it_gives_the_published_spanish_phq9_items_and_answers() -> None:
    inst = get_instrument("phq9")
    shown = texts_for(inst, "es")
    self_harm = inst.item("self_harm")
    assert shown.item_text(inst.item("interest")) == "Poco interés o placer en hacer cosas"
    assert (
        shown.item_text(self_harm)
        == "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"
    )
    labels = [shown.option_label(self_harm, o) for o in inst.answer_set(self_harm).options_for_display()]
    assert labels == ["Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"]
    assert shown.instructions is not None
    assert shown.instructions.startswith("Durante las últimas 2 semanas")


def test_it_gives_the_phq9_safety_message_in_spanish() -> None:
    inst = get_instrument("phq9")
    shown = texts_for(inst, "es")
    message = shown.flag_meaning(inst.flags[0])
    assert "profesional sanitario" in message
    assert "not at all" not in message
    assert "Ningún día" in message
    assert shown.item_help(inst.item("self_harm")) == inst.languages["es"].help["self_harm"]


def test_it_keeps_the_english_items_but_speaks_spanish_around_them_without_a_translation() -> None:
    inst = get_instrument("dn4_interview")
    shown = texts_for(inst, "es")
    item = inst.items[0]
    assert shown.item_text(item) == item.text
    assert shown.wording_language == "en"
    assert shown.band(inst.bands[1]).label == "Dolor neuropático probable"
    assert shown.screen is not None
    assert shown.screen.positive_means.startswith("Es probable")


@pytest.mark.parametrize("language", ["en", None, "", "fr", "en-GB"])
def test_it_gives_the_data_files_english_for_english_and_unlisted_languages(language: str | None) -> None:
    inst = get_instrument("phq9")
    shown = texts_for(inst, language)
    assert shown.language == "en"
    assert not shown.original_wording
    assert shown.item_text(inst.items[0]) == inst.items[0].text
    assert shown.band(inst.bands[0]).label == inst.bands[0].label
    assert shown.flag_meaning(inst.flags[0]) == inst.flags[0].meaning
    assert shown.short_name == inst.short_name


@pytest.mark.parametrize(("given", "code"), [("es-ES", "es"), ("es_AR", "es"), ("ES", "es"), (None, "en")])
def test_it_reads_a_language_code_down_to_its_base_language(given: str | None, code: str) -> None:
    assert language_code(given) == code


def test_it_loads_the_shipped_phq9_translation(tmp_path: Path) -> None:
    assert load(tmp_path, raw_of("phq9")).languages["es"].wording is not None


def test_it_refuses_a_translation_missing_an_item(tmp_path: Path) -> None:
    raw = raw_of("phq9")
    del raw["languages"]["es"]["wording"]["items"]["mood"]
    with pytest.raises(DataFileError, match=r"languages\.es\.wording\.items .*missing \['mood'\]") as info:
        load(tmp_path, raw)
    assert info.value.file == "instruments/phq9.yaml"


def test_it_refuses_a_translation_of_an_item_the_instrument_does_not_have(tmp_path: Path) -> None:
    raw = raw_of("gad7")
    raw["languages"]["es"]["wording"]["items"]["panic"] = "Ataques de pánico"
    with pytest.raises(DataFileError, match=r"unknown \['panic'\]"):
        load(tmp_path, raw)


def test_it_refuses_a_translation_missing_an_answer_option(tmp_path: Path) -> None:
    raw = raw_of("phq9")
    del raw["languages"]["es"]["wording"]["options"]["frequency"]["nearly_every_day"]
    with pytest.raises(DataFileError, match=r"wording\.options\.frequency .*missing \['nearly_every_day'\]"):
        load(tmp_path, raw)


def test_it_refuses_an_empty_item_translation(tmp_path: Path) -> None:
    raw = raw_of("phq9")
    raw["languages"]["es"]["wording"]["items"]["mood"] = ""
    with pytest.raises(DataFileError) as info:
        load(tmp_path, raw)
    assert info.value.key == "languages.es.wording.items.mood"


def test_it_refuses_spanish_words_missing_a_band(tmp_path: Path) -> None:
    raw = raw_of("dn4")
    del raw["languages"]["es"]["bands"]["likely"]
    with pytest.raises(DataFileError, match=r"languages\.es\.bands .*missing \['likely'\]"):
        load(tmp_path, raw)


def test_it_refuses_spanish_words_without_the_safety_message(tmp_path: Path) -> None:
    raw = raw_of("phq9")
    del raw["languages"]["es"]["flags"]["suicide_risk"]
    with pytest.raises(DataFileError, match=r"languages\.es\.flags .*missing \['suicide_risk'\]"):
        load(tmp_path, raw)


def test_it_refuses_spanish_words_without_a_help_text(tmp_path: Path) -> None:
    raw = raw_of("phq9")
    del raw["languages"]["es"]["help"]
    with pytest.raises(DataFileError, match=r"languages\.es\.help .*missing \['self_harm'\]"):
        load(tmp_path, raw)


def test_it_refuses_spanish_words_without_the_screen_texts(tmp_path: Path) -> None:
    raw = raw_of("dn4")
    del raw["languages"]["es"]["screen"]
    with pytest.raises(DataFileError, match=r"languages\.es\.screen"):
        load(tmp_path, raw)


@pytest.mark.parametrize("code", ["en", "spa", "ES"])
def test_it_refuses_a_language_code_that_is_not_two_lower_case_letters_other_than_english(
    tmp_path: Path, code: str
) -> None:
    raw = raw_of("gad7")
    raw["languages"][code] = raw["languages"].pop("es")
    with pytest.raises(DataFileError, match="two-letter language code"):
        load(tmp_path, raw)


def _nrs_with_wording() -> dict[str, Any]:
    raw = raw_of("nrs")
    raw["languages"]["es"]["wording"] = {
        "version": "a test translation",
        "source": "farrar_2001_pgic",
        "licence": "test only",
        "instructions": "Instrucciones de prueba",
        "items": {"pain": "Pregunta de prueba"},
        "anchors": {"intensity": {0: "ancla baja", 10: "ancla alta"}},
    }
    return raw


def test_it_labels_a_scale_with_the_translated_anchors(tmp_path: Path) -> None:
    inst = load(tmp_path, _nrs_with_wording())
    shown = texts_for(inst, "es")
    item = inst.items[0]
    labels = [shown.option_label(item, o) for o in inst.answer_set(item).options_for_display()]
    assert labels[0] == "0 (ancla baja)"
    assert labels[5] == "5"
    assert labels[10] == "10 (ancla alta)"


def test_it_refuses_a_translation_missing_a_scale_anchor(tmp_path: Path) -> None:
    raw = _nrs_with_wording()
    del raw["languages"]["es"]["wording"]["anchors"]["intensity"][10]
    with pytest.raises(DataFileError, match=r"wording\.anchors\.intensity .*missing \[10\]"):
        load(tmp_path, raw)
