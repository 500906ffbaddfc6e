"""The words for option statuses and rule severities come from data/reports/statuses.yaml, which must word
every member of OptionStatus and Severity: a file that misses one fails on load, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nervepath.clinical.rules import Severity
from nervepath.clinical.statuses import OptionStatus
from nervepath.datafiles import data_dir
from nervepath.errors import DataFileError
from nervepath.reports import labels
from nervepath.reports.words import unit

RAW = yaml.safe_load(data_dir("reports", "statuses.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def statuses_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Where labels reads statuses.yaml from, for this test only."""
    (tmp_path / "reports").mkdir()
    monkeypatch.setattr(labels, "data_dir", lambda *parts: tmp_path.joinpath(*parts))
    labels.status_words.cache_clear()
    yield tmp_path / "reports" / "statuses.yaml"
    labels.status_words.cache_clear()


def _load(path: Path, raw: dict) -> labels.Statuses:
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return labels.status_words()


def test_it_words_every_status_and_severity(statuses_file: Path):
    words = _load(statuses_file, RAW)
    assert set(words.statuses) == set(OptionStatus)
    assert set(words.severities) == set(Severity)
    assert labels.status_label(OptionStatus.not_yet) == "Later line"
    assert labels.severity_label(Severity.adjust) == "Dose limit"


def test_it_refuses_a_file_that_leaves_a_status_without_words(statuses_file: Path):
    statuses = {k: v for k, v in RAW["statuses"].items() if k != "not_yet"}
    with pytest.raises(DataFileError) as caught:
        _load(statuses_file, {**RAW, "statuses": statuses})
    assert (caught.value.file, caught.value.key) == ("reports/statuses.yaml", "statuses")
    assert caught.value.expected.endswith("words for every OptionStatus (missing: not_yet)")


def test_it_refuses_a_file_wording_a_status_the_core_does_not_know(statuses_file: Path):
    with pytest.raises(DataFileError) as caught:
        _load(statuses_file, {**RAW, "statuses": {**RAW["statuses"], "maybe": "Maybe"}})
    assert caught.value.key.startswith("statuses.maybe")
    assert "'tried_intolerant'" in caught.value.expected


@pytest.mark.parametrize(
    ("stored", "language", "shown"),
    [("mcg_per_h", "en", "mcg/h"), ("mcg_per_h", "es", "mcg/h"), ("mg", "en", "mg"), (None, "en", "")],
)
def test_dose_units_are_shown_as_people_read_them(stored: str | None, language: str, shown: str) -> None:
    assert unit(stored, language) == shown
