"""The diary's fields as data: data/diary/fields.yaml loads, and a malformed copy fails naming the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nervepath.datafiles import data_dir, load_model
from nervepath.errors import DataFileError
from nervepath.outcomes.diary_fields import FILE, DiaryFields, Words, checked, diary_fields
from nervepath.outcomes.records import DiaryEntry

RAW = yaml.safe_load(data_dir("diary").joinpath("fields.yaml").read_text(encoding="utf-8"))


def test_it_defines_every_field_of_a_diary_day_once() -> None:
    ids = [f.id for f in diary_fields().fields]
    assert sorted(ids) == sorted(set(DiaryEntry.__dataclass_fields__) - {"events"})


def test_it_keeps_the_csv_columns_in_the_order_export_has_always_written_them() -> None:
    columns = [f.csv for f in diary_fields().csv_fields()]
    assert columns == [
        *("date", "pain_average", "pain_worst", "sleep_interference", "note"),
        *("mood", "activity", "sitting_hours", "qualities", "triggers"),
    ]


def test_it_runs_mood_from_very_low_to_very_good_in_both_languages() -> None:
    mood = diary_fields().field("mood")
    assert mood.bounds == (0, 10)
    assert mood.anchors_text() == "0 = very low, 10 = very good"
    assert mood.anchors_text("es") == "0 = muy bajo, 10 = muy bueno"
    assert mood.anchors_text("es-ES") == mood.anchors_text("es")


def test_it_describes_each_kind_with_its_range_or_limit() -> None:
    fields = diary_fields()
    said = {f.id: fields.describe(f) for f in fields.fields}
    assert said["mood"] == "Mood on the day, 0-10 (0 = very low, 10 = very good)"
    assert said["sitting_hours"] == "Hours spent sitting, 0-24"
    assert said["note"] == "Free text, at most 2000 characters"
    assert said["date"] == "The day of the entry, YYYY-MM-DD"
    assert (
        said["qualities"]
        == "What the pain felt like: at most 30 ids such as burning_pain, electric_shock_pain"
    )


def test_it_keeps_the_fhir_codes_the_bundle_has_always_used() -> None:
    codes = {f.id: (f.fhir.element, f.fhir.system, f.fhir.code, f.fhir.ids) for f in diary_fields().fields}
    assert codes == {
        "date": ("effectiveDateTime", None, None, None),
        "pain_average": ("valueInteger", "http://loinc.org", "72514-3", None),
        "pain_worst": ("component", "diary", "pain-worst", None),
        "sleep_interference": ("component", "diary", "sleep-interference", None),
        "note": ("note", None, None, None),
        "mood": ("component", "diary", "mood", None),
        "activity": ("component", "diary", "activity", None),
        "sitting_hours": ("component", "diary", "sitting-hours", None),
        "qualities": ("component", "diary", "quality", "pain-quality"),
        "triggers": ("component", "diary", "trigger", "pain-trigger"),
        "regions": ("component", "diary", "region-pain", "body-region"),
    }


def test_it_finds_fields_by_surface_element_and_id() -> None:
    fields = diary_fields()
    assert [f.id for f in fields.entered_in("api")] == [f.id for f in fields.fields if f.id != "regions"]
    assert "activity" not in [f.id for f in fields.entered_in("web")]
    assert fields.element("note").id == "note"
    assert [t.id for t in fields.terms(fields.field("mood"))] == []
    with pytest.raises(KeyError):
        fields.field("happiness")


def test_it_speaks_english_for_a_language_it_does_not_know() -> None:
    words = Words(en="Mood", es="Estado de ánimo")
    assert (words.in_language("es"), words.in_language("fr"), words.in_language("EN-gb")) == (
        "Estado de ánimo",
        "Mood",
        "Mood",
    )


def _load(tmp_path: Path, change: Any) -> DiaryFields:
    raw = yaml.safe_load(yaml.safe_dump(RAW))
    change(raw)
    file = tmp_path / "fields.yaml"
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return checked(load_model(DiaryFields, file, FILE))


def _field(raw: dict[str, Any], field_id: str) -> dict[str, Any]:
    return next(f for f in raw["fields"] if f["id"] == field_id)


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        (lambda r: _field(r, "mood").pop("anchors"), "fields.5", "anchors exactly for a score"),
        (lambda r: _field(r, "mood")["anchors"].pop(10), "fields.5", "anchors for 0 and 10"),
        (lambda r: _field(r, "note").update(anchors={0: {"en": "a", "es": "b"}}), "fields.4", "anchors"),
        (lambda r: _field(r, "note").pop("max_length"), "fields.4", "max_length exactly for a text"),
        (lambda r: _field(r, "triggers").pop("max_items"), "fields.9", "max_items exactly for an ids"),
        (lambda r: _field(r, "triggers").pop("vocabulary"), "fields.9", "a vocabulary exactly"),
        (lambda r: _field(r, "mood")["label"].pop("es"), "fields.5.label.es", "Field required"),
        (lambda r: _field(r, "mood").update(kind="stars"), "fields.5.kind", "Input should be"),
        (lambda r: _field(r, "mood")["fhir"].pop("code"), "fields.5.fhir", "a system and a code"),
        (lambda r: _field(r, "mood").update(entered_in=[]), "fields.5.entered_in", "at least 1"),
        (lambda r: _field(r, "mood").update(id="pain_worst"), "fields.5.id", "'pain_worst' is repeated"),
        (lambda r: _field(r, "mood").update(csv="note"), "fields.5.csv", "'note' is repeated"),
        (
            lambda r: _field(r, "triggers").update(vocabulary="moods"),
            "fields.9.vocabulary",
            "one of qualities",
        ),
        (
            lambda r: r["vocabularies"]["triggers"].append(r["vocabularies"]["triggers"][0]),
            "vocabularies.triggers.8.id",
            "repeated",
        ),
        (
            lambda r: _field(r, "note").update(fhir={"element": "effectiveDateTime"}),
            "fields",
            "exactly one field",
        ),
        (lambda r: _field(r, "mood").update(required=True), "fields", "required CSV columns before"),
    ],
)
def test_it_refuses_a_malformed_file_naming_the_key(
    tmp_path: Path, change: Any, key: str, expected: str
) -> None:
    with pytest.raises(DataFileError) as info:
        _load(tmp_path, change)
    assert (info.value.file, info.value.key) == (FILE, key)
    assert expected in info.value.expected


def test_it_loads_an_unchanged_copy_equal_to_the_shipped_file(tmp_path: Path) -> None:
    assert _load(tmp_path, lambda raw: None) == diary_fields()
