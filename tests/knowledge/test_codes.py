"""Every ICD-10-CM code in the packaged data exists in the current ICD-10-CM, and a code shown as
the code of a condition is billable unless it is marked as a category; SNOMED CT concepts say what
was checked."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import nervepath
from nervepath.knowledge.loader import knowledge_base
from nervepath.knowledge.models import CodeSystem

with warnings.catch_warnings():
    # simple-icd-10-cm 1.5 reads its code list with a deprecated importlib.resources call.
    warnings.simplefilter("ignore", DeprecationWarning)
    import simple_icd_10_cm as cm

DATA = Path(nervepath.__file__).parent / "data"


def _walk(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("system") == "icd10cm" and "code" in node:
            yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{where}.{index}")


def icd_codes_in_data() -> list[tuple[str, dict[str, Any]]]:
    """Every mapping with ``system: icd10cm`` in any YAML file under data/, with where it is."""
    found = []
    for path in sorted(DATA.rglob("*.yaml")):
        found += list(_walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(DATA))))
    return found


ICD = icd_codes_in_data()


def test_it_finds_the_codes_of_the_knowledge_base_in_the_data() -> None:
    in_entries = {
        c.code for e in knowledge_base().values() for c in e.codes if c.system is CodeSystem.icd10cm
    }
    assert in_entries == {node["code"] for _, node in ICD if _.startswith("knowledge/")}
    assert len(in_entries) >= 30


@pytest.mark.parametrize(("where", "node"), ICD, ids=[f"{w}:{n['code']}" for w, n in ICD])
def test_each_icd10cm_code_exists_and_is_billable_unless_marked_a_category(
    where: str, node: dict[str, Any]
) -> None:
    code = node["code"]
    assert cm.is_valid_item(code), f"{where}: {code} is not in ICD-10-CM"
    if node.get("is_category"):
        assert not cm.is_leaf(code), f"{where}: {code} is billable, so it is not a category"
    else:
        assert cm.is_leaf(code), f"{where}: {code} is a category; use a billable code or mark is_category"


@pytest.mark.parametrize(("where", "node"), ICD, ids=[f"{w}:{n['code']}" for w, n in ICD])
def test_each_icd10cm_display_is_the_official_title(where: str, node: dict[str, Any]) -> None:
    assert node["display"] == cm.get_description(node["code"]), where


@pytest.mark.parametrize(
    ("entry_id", "code"),
    [
        ("multiple_sclerosis", "G35"),
        ("spinal_arthritis", "M48.06"),
        ("back_leg_and_hip_problems", "M79.60"),
        ("back_leg_and_hip_problems", "M54.50"),
        ("trigeminal_neuralgia", "B02.22"),
        ("neuropathic_pain", "G89.4"),
        ("herniated_disc", "M50.121"),
    ],
)
def test_it_no_longer_gives_a_wrong_or_non_billable_code(entry_id: str, code: str) -> None:
    assert code not in {c.code for c in knowledge_base()[entry_id].codes}


@pytest.mark.parametrize(
    ("entry_id", "code"),
    [
        ("multiple_sclerosis", "G35.D"),
        ("spinal_arthritis", "M48.061"),
        ("spinal_arthritis", "M48.062"),
        ("back_leg_and_hip_problems", "M54.16"),
        ("back_leg_and_hip_problems", "M54.17"),
        ("herniated_disc", "M50.10"),
        ("herniated_disc", "M51.16"),
        ("postherpetic_neuralgia", "B02.22"),
        ("shingles", "B02.9"),
        ("shingles", "4740000"),
    ],
)
def test_it_gives_the_specific_code(entry_id: str, code: str) -> None:
    assert code in {c.code for c in knowledge_base()[entry_id].codes}


def test_it_marks_radiculopathy_as_a_category_with_its_billable_codes_beside_it() -> None:
    codes = {c.code: c for c in knowledge_base()["back_leg_and_hip_problems"].codes}
    assert codes["M54.1"].is_category
    assert all(child in codes for child in ("M54.16", "M54.17"))


SNOMED = [(e.id, c) for e in knowledge_base().values() for c in e.codes if c.system is CodeSystem.snomed]


@pytest.mark.parametrize(("entry_id", "code"), SNOMED, ids=[f"{e}:{c.code}" for e, c in SNOMED])
def test_each_snomed_concept_records_what_was_checked(entry_id: str, code: Any) -> None:
    assert code.note, f"{entry_id}: SNOMED {code.code} has no note saying what was checked"
    assert code.code in code.note
    if not code.confirmed:
        assert "not" in code.note.lower() or "only" in code.note.lower()


def test_it_names_230572002_for_what_it_is() -> None:
    (code,) = [c for c in knowledge_base()["diabetic_neuropathy"].codes if c.code == "230572002"]
    assert code.display == "Neuropathy due to diabetes mellitus (disorder)"
    assert "polyneuropathy" not in code.display.lower()
