"""Every id of the vocabularies without a name elsewhere (conditions, etiologies, drug classes) has a
name and a Spanish name, loaded and validated with its data file; no surface munges an id into words."""

from __future__ import annotations

import pytest

from nervepath.clinical.drugs import drug_classes
from nervepath.clinical.identifiers import _Conditions, _DrugClasses, _Etiologies
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.vocabulary import Vocabulary, label, name, names, recorded_condition
from nervepath.datafiles import validate
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.translations import translated
from tests.clinical.conftest import make_case

EVERY_ID = [(kind, identifier) for kind in Vocabulary for identifier in names(kind)]


@pytest.mark.parametrize(("kind", "identifier"), EVERY_ID, ids=[f"{k}:{i}" for k, i in EVERY_ID])
def test_it_names_every_id_in_english_and_spanish(kind: Vocabulary, identifier: str) -> None:
    english = name(kind, identifier)
    assert english != identifier
    assert "_" not in english
    assert translated(english, "es"), f"no Spanish for {english!r} in translations/es/labels.yaml"
    assert label(kind, identifier, "es") != english or english.isupper()


def test_it_names_every_class_and_group_the_drug_catalogue_uses() -> None:
    assert set(names(Vocabulary.drug_class)) == set(drug_classes())


def test_it_gives_the_names_people_read() -> None:
    assert label(Vocabulary.condition, "copd", "en") == "COPD (chronic obstructive pulmonary disease)"
    assert label(Vocabulary.etiology, "hiv_neuropathy", "en") == "HIV neuropathy"
    assert label(Vocabulary.drug_class, "snri", "en") == "SNRI antidepressant"
    assert label(Vocabulary.condition, "copd", "es") == "EPOC (enfermedad pulmonar obstructiva crónica)"
    assert label(Vocabulary.drug_class, "tca", "es-AR") == "Antidepresivo tricíclico"


@pytest.mark.parametrize(
    ("model", "record"),
    [
        (_Conditions, {"id": "copd"}),
        (_Etiologies, {"id": "hiv_neuropathy", "site": "peripheral"}),
        (_DrugClasses, {"id": "snri"}),
    ],
)
def test_it_rejects_a_record_without_a_name_on_load(model: type, record: dict[str, str]) -> None:
    with pytest.raises(DataFileError) as info:
        validate(model, [record], "clinical/test.yaml")
    assert info.value.key == "0.name"


def test_it_rejects_an_unknown_id() -> None:
    with pytest.raises(UnknownIdentifier):
        name(Vocabulary.condition, "made_up_condition")


def test_it_names_an_older_condition_row_that_holds_a_red_flag_finding() -> None:
    assert recorded_condition("saddle_anesthesia", "en") == red_flag_catalogue()["saddle_anesthesia"].name
    assert recorded_condition("copd", "en") == "COPD (chronic obstructive pulmonary disease)"
    with pytest.raises(UnknownIdentifier):
        recorded_condition("made_up_condition", "en")


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (
            {"pain": {"etiology": "hiv_neuropathy"}},
            "History of a lesion or disease that causes neuropathic pain: HIV neuropathy.",
        ),
        (
            {"pain": {"etiology": "diabetic_polyneuropathy"}},
            "History of a lesion or disease that causes neuropathic pain: diabetic polyneuropathy.",
        ),
        (
            {"pain": {"etiology": "unknown"}, "conditions": ["hiv", "vitamin_b12_deficiency"]},
            "Cause not established, but a relevant condition is known: HIV infection, vitamin B12 "
            "deficiency.",
        ),
    ],
)
def test_it_names_causes_and_conditions_in_the_grading_reasons(overrides, reason, run) -> None:
    assert reason in run(make_case(**overrides))["grading"]["reasons"]
