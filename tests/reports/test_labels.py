"""The words for option statuses and rule severities come from data/reports/statuses.yaml, which must word
every member of OptionStatus and Severity: a file that misses one fails on load, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nervepath.clinical.rules import Severity
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.datafiles import data_dir
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.reports import labels, words
from nervepath.reports.details import check_text
from nervepath.reports.words import dose_rate, unit

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


# Stored values are named by the words of their data file, in the reader's language; an unknown one is
# never shown as its id.


@pytest.mark.parametrize(
    ("kind", "stored", "language", "shown"),
    [
        (labels.Term.stop_reason, "side_effects", "en", "side effects"),
        (labels.Term.stop_reason, "side_effects", "es", "efectos secundarios"),
        (labels.Term.stop_reason, "bored_of_it", "en", "other"),
        (labels.Term.response, "too_early", "en", "too early"),
        (labels.Term.response, "insufficient_data", "es", "datos insuficientes"),
        (labels.Term.care_status, "in-progress", "en", "in progress"),
        (labels.Term.care_status, "in-progress", "es", "en curso"),
        (labels.Term.care_status, "on-hold", "en", ""),
        (labels.Term.grade, "unlikely", "es", "improbable"),
        (labels.Term.grade, None, "en", ""),
        (labels.Term.sex, "female", "es", "mujer"),
        (labels.Term.sex, "", "en", "unknown"),
    ],
)
def test_it_words_a_stored_value_by_its_vocabulary(kind, stored, language, shown) -> None:
    assert words.term(kind, stored, language) == shown


def test_it_words_every_response_or_refuses_to_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = yaml.safe_load(data_dir("reports", "terms.yaml").read_text(encoding="utf-8"))
    del raw["responses"]["too_early"]
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "terms.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    monkeypatch.setattr(labels, "data_dir", lambda *parts: tmp_path.joinpath(*parts))
    labels.terms.cache_clear()
    try:
        with pytest.raises(DataFileError) as caught:
            labels.terms()
    finally:
        labels.terms.cache_clear()
    assert caught.value.expected.endswith("words for every Response (missing: too_early)")


@pytest.mark.parametrize(
    ("test_id", "language", "shown"),
    [
        ("ecg", "en", "ECG"),
        ("renal_function", "en", "Renal function (creatinine, eGFR)"),
        ("hba1c", "es", "HbA1c"),
    ],
)
def test_it_names_a_work_up_test_from_the_catalogue(test_id: str, language: str, shown: str) -> None:
    assert words.workup_test(test_id, language) == shown


def test_it_names_a_red_flag_from_the_catalogue() -> None:
    assert words.red_flag("saddle_anesthesia", "en") == "Saddle anesthesia"
    assert words.red_flag("progressive_weakness", "es") == "Debilidad progresiva"


@pytest.mark.parametrize("name", [labels.workup_test_name, labels.red_flag_name])
def test_it_refuses_an_id_the_catalogue_does_not_have(name) -> None:
    with pytest.raises(UnknownIdentifier):
        name("made_up_thing")


def test_it_names_an_unlisted_drug_without_its_id() -> None:
    assert labels.drug_name("pregabalin") == "Pregabalin"
    assert labels.drug_name("old_drug_id") == "a medicine no longer in the catalogue"
    assert words.drug_name("old_drug_id", "es") == "un medicamento que ya no está en el catálogo"


def test_it_words_an_option_status_by_the_status_words() -> None:
    assert words.status("tried_ineffective", "en") == "Tried: not effective"
    assert words.status("recommended", "es") != "Recommended"
    assert words.status("retired_status", "en") == ""


def test_it_words_a_band_by_the_instrument_label() -> None:
    assert words.band("dn4", "likely", "en") == "neuropathic pain likely"
    assert words.band("dn4", "likely", "es") == "dolor neuropático probable"
    assert words.band("phq9", "mild", "en") == "mild"
    assert words.band("dn4", "renamed_band", "en") == ""
    assert labels.band_label("dn4", "renamed_band") == ""
    assert labels.band_label("dn4", "likely") == "Neuropathic pain likely"


@pytest.mark.parametrize(
    ("check", "language", "shown"),
    [
        ({"message": "Reduce the dose"}, "en", "Reduce the dose."),
        ({"flag": "falls"}, "en", "Check: " + labels.flag_meaning(OptionFlag.falls) + "."),
        ({"flag": "retired_flag"}, "en", "A prescribing check was made."),
        ({"flag": "retired_flag"}, "es", "Se hizo una comprobación de prescripción."),
    ],
)
def test_it_words_a_stored_check_without_its_flag_id(check: dict, language: str, shown: str) -> None:
    assert check_text(check, language) == shown


@pytest.mark.parametrize(
    ("stored", "language", "shown"),
    [
        ("mg", "en", "mg/day"),
        ("mg", "es", "mg/día"),
        ("mcg_per_h", "en", "mcg/h"),
        ("mcg_per_h", "es", "mcg/h"),
    ],
)
def test_a_dose_is_per_day_unless_its_unit_is_a_rate_already(stored: str, language: str, shown: str) -> None:
    assert dose_rate(stored, language) == shown
