from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from nervepath.datafiles import load_model
from nervepath.errors import DataFileError


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    weight: int


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Item]


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "thing.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def test_it_loads_a_valid_file(tmp_path):
    doc = load_model(Doc, write(tmp_path, "items:\n  - {id: a, weight: 2}\n"))
    assert doc.items[0].weight == 2


def test_it_names_file_key_and_expectation_for_a_wrong_type(tmp_path):
    with pytest.raises(DataFileError) as info:
        load_model(Doc, write(tmp_path, "items:\n  - {id: a, weight: heavy}\n"))
    assert info.value.file == "thing.yaml"
    assert info.value.key == "items.0.weight"
    assert "integer" in info.value.expected


def test_it_rejects_an_unknown_key(tmp_path):
    with pytest.raises(DataFileError) as info:
        load_model(Doc, write(tmp_path, "items:\n  - {id: a, weight: 1, colour: red}\n"))
    assert info.value.key == "items.0.colour"


def test_it_reports_the_line_of_a_yaml_syntax_error(tmp_path):
    with pytest.raises(DataFileError) as info:
        load_model(Doc, write(tmp_path, "items:\n  - {id: a, weight: 1\n"))
    assert info.value.key.startswith("line ")
