"""A malformed instrument file fails on load with its file, key path and what was expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError
from nervepath.instruments.models import Instrument


def dn4_raw() -> dict[str, Any]:
    raw = yaml.safe_load(data_dir("instruments").joinpath("dn4.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def load(tmp_path: Path, raw: dict[str, Any]) -> Instrument:
    file = tmp_path / "dn4.yaml"
    file.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_model(Instrument, file, "instruments/dn4.yaml")


def test_it_loads_the_shipped_file_unchanged(tmp_path: Path) -> None:
    assert load(tmp_path, dn4_raw()).range.max == 10


def test_it_names_an_unknown_key(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["items"][0]["colour"] = "red"
    with pytest.raises(DataFileError) as info:
        load(tmp_path, raw)
    assert (info.value.file, info.value.key) == ("instruments/dn4.yaml", "items.0.colour")


def test_it_refuses_bands_with_a_gap(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["bands"][1]["min"] = 5
    with pytest.raises(DataFileError, match="without gaps") as info:
        load(tmp_path, raw)
    assert info.value.file == "instruments/dn4.yaml"


def test_it_refuses_overlapping_bands(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["bands"][1]["min"] = 3
    with pytest.raises(DataFileError, match="must start at 4"):
        load(tmp_path, raw)


def test_it_refuses_bands_that_stop_short_of_the_maximum(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["bands"][1]["max"] = 9
    with pytest.raises(DataFileError, match="must end at 10"):
        load(tmp_path, raw)


def test_it_refuses_a_declared_range_the_items_cannot_produce(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["range"]["max"] = 100
    raw["bands"][1]["max"] = 100
    with pytest.raises(DataFileError, match=r"does not match the items \(0\.\.10\)"):
        load(tmp_path, raw)


def test_it_refuses_an_item_with_an_unknown_answer_set(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["items"][2]["answers"] = "likert"
    with pytest.raises(DataFileError, match="unknown answer set 'likert'"):
        load(tmp_path, raw)


def test_it_refuses_a_subscore_naming_an_unknown_item(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["scoring"]["subscores"][0]["items"].append("stinging")
    with pytest.raises(DataFileError, match="unknown item 'stinging'"):
        load(tmp_path, raw)


def test_it_refuses_a_malformed_loinc_code(tmp_path: Path) -> None:
    raw = dn4_raw()
    raw["codes"]["loinc_total"] = "44261"
    with pytest.raises(DataFileError) as info:
        load(tmp_path, raw)
    assert info.value.key == "codes.loinc_total"


def test_it_refuses_a_choice_set_with_repeated_values(tmp_path: Path) -> None:
    raw = dn4_raw()
    options = [{"value": 1, "code": "a", "label": "A"}, {"value": 1, "code": "b", "label": "B"}]
    raw["answer_sets"]["yes_no"] = {"kind": "choice", "options": options}
    with pytest.raises(DataFileError, match="unique"):
        load(tmp_path, raw)
