"""The knowledge base loads, is complete, and every reference in it resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.knowledge.loader import get_entry, knowledge_base, load_entries
from nervepath.knowledge.models import Category, CodeSystem, Language
from nervepath.sources import all_sources

VALID_ENTRY = """\
id: {id}
category: {category}
title: A test entry
summary: A one-sentence summary that is long enough to pass validation.
text: >-
  Plain words for a patient, long enough to be a real paragraph of text about nerve pain and what helps.
clinician_note: A concise note for a clinician, with enough words to pass.
related: []
sources: [seed_article]
"""


def write_entry(root: Path, category: str, entry_id: str, body: str | None = None) -> Path:
    folder = root / category
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry_id}.yaml"
    path.write_text(body if body is not None else VALID_ENTRY.format(id=entry_id, category=category))
    return path


def test_it_loads_a_substantial_base_with_every_category():
    entries = knowledge_base()
    assert 60 <= len(entries) <= 100
    assert {e.category for e in entries.values()} == set(Category)


def test_it_cites_only_sources_that_exist_in_the_registry():
    known = all_sources()
    for entry in knowledge_base().values():
        assert entry.sources, entry.id
        missing = [s for s in entry.cited_sources() if s not in known]
        assert missing == [], f"{entry.id} cites unknown sources {missing}"


def test_it_links_only_to_entries_that_exist():
    entries = knowledge_base()
    for entry in entries.values():
        assert all(other in entries and other != entry.id for other in entry.related), entry.id


def test_it_gives_every_cause_a_code_or_says_why_not():
    for entry in knowledge_base().values():
        if entry.category is Category.cause and not entry.codes:
            assert "no icd-10-cm" in entry.clinician_note.lower(), entry.id


@pytest.mark.parametrize(
    ("system", "code"),
    [
        (CodeSystem.icd10cm, "E03.9"),
        (CodeSystem.icd10cm, "E10.42"),
        (CodeSystem.icd10cm, "A52.11"),
        (CodeSystem.icd10cm, "E53.8"),
        (CodeSystem.snomed, "230572002"),
        (CodeSystem.snomed, "71286001"),
    ],
)
def test_it_never_presents_an_unconfirmed_code_as_confirmed(system, code):
    found = [c for e in knowledge_base().values() for c in e.codes if c.system is system and c.code == code]
    assert found, f"{code} should be listed (as unconfirmed)"
    assert not any(c.confirmed for c in found)


def test_it_keeps_phantom_limb_codes_the_right_way_round():
    codes = {c.code: c.display for c in get_entry("phantom_limb_pain").codes}
    assert codes["G54.6"].endswith("with pain")
    assert codes["G54.7"].endswith("without pain")


def test_it_gets_an_entry_by_id():
    assert get_entry("shingles").title.startswith("Shingles")


def test_it_names_the_field_and_suggests_close_ids_for_an_unknown_id():
    with pytest.raises(UnknownIdentifier) as caught:
        get_entry("shingle", field="--id")
    assert caught.value.field == "--id"
    assert "shingles" in caught.value.known


def test_it_loads_a_valid_entry_from_another_folder(tmp_path):
    write_entry(tmp_path, "symptom", "test_entry")
    assert list(load_entries(tmp_path)) == ["test_entry"]


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        (lambda t: t.replace("sources: [seed_article]\n", ""), "sources", "required"),
        (lambda t: t.replace("[seed_article]", "[no_such_source]"), "sources.0", "source id"),
        (lambda t: t.replace("related: []", "related: [no_such_entry]"), "related.0", "another entry"),
        (lambda t: t.replace("related: []", "related: [bad_entry]"), "related.0", "another entry"),
        (lambda t: t.replace("category: symptom", "category: cause"), "category", "folder"),
        (lambda t: t.replace("id: bad_entry", "id: other_name"), "id", "file name"),
        (lambda t: t + "colour: blue\n", "colour", "Extra inputs"),
        (lambda t: t.replace("title: A test entry", "title: [unclosed"), "line", "valid YAML"),
        (lambda t: t + "codes: [{system: icd9, code: X1, display: Abc, confirmed: true, source: x}]\n",
         "codes.0.system", "icd10cm"),
    ],
)  # fmt: skip
def test_it_rejects_a_malformed_entry_naming_file_key_and_expectation(tmp_path, change, key, expected):
    body = change(VALID_ENTRY.format(id="bad_entry", category="symptom"))
    write_entry(tmp_path, "symptom", "bad_entry", body)
    with pytest.raises(DataFileError) as caught:
        load_entries(tmp_path)
    assert caught.value.file == "knowledge/symptom/bad_entry.yaml"
    assert caught.value.key.startswith(key)
    assert expected in caught.value.expected


def test_it_rejects_an_unknown_category_folder(tmp_path):
    write_entry(tmp_path, "gossip", "rumour")
    with pytest.raises(DataFileError) as caught:
        load_entries(tmp_path)
    assert caught.value.file == "knowledge/gossip"
    assert "overview" in caught.value.expected


def test_it_rejects_the_same_id_in_two_categories(tmp_path):
    write_entry(tmp_path, "cause", "twin")
    write_entry(tmp_path, "symptom", "twin")
    with pytest.raises(DataFileError, match="used twice"):
        load_entries(tmp_path)


def test_every_entry_has_its_patient_text_in_spanish() -> None:
    missing = sorted(e.id for e in knowledge_base().values() if Language.es not in e.translations)
    assert not missing, f"entries without Spanish: {missing}"
