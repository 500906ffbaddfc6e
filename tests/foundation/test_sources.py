import pytest

from nervepath.datafiles import validate
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.sources import SourceFile, all_sources, get_source


def test_it_loads_every_source_file_with_unique_ids():
    sources = all_sources()
    assert "seed_article" in sources
    assert sources["neupsig_2015"].kind.value == "guideline"


def test_it_rejects_an_unknown_source_id():
    with pytest.raises(UnknownIdentifier):
        get_source("made_up_2099")


def test_it_rejects_a_source_without_a_citation():
    with pytest.raises(DataFileError) as info:
        validate(SourceFile, [{"id": "x_2020", "kind": "paper", "citation": ""}], "sources/test.yaml")
    assert info.value.key == "0.citation"
