"""docs/case-format.md lists exactly the identifiers the code knows: a typo, a removed id or an undocumented
new one fails here (datasette's habit: the docs are tested)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from nervepath.clinical import identifiers
from nervepath.clinical.catalogue import Kind, nondrug_options
from nervepath.clinical.drugs import known_drug_ids
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.instruments.scoring import get_instrument, instrument_ids
from nervepath.reports.labels import status_words

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"


def _items(*instrument: str) -> set[str]:
    found = [{item.id for item in get_instrument(i).items} for i in instrument]
    assert all(f == found[0] for f in found), f"{instrument} do not share their items"
    return found[0]


KNOWN: dict[str, Callable[[], set[str]]] = {
    "Instruments": lambda: set(instrument_ids()),
    "DN4 items": lambda: _items("dn4"),
    "DN4-interview items": lambda: _items("dn4_interview"),
    "LANSS and S-LANSS items": lambda: _items("lanss", "s_lanss"),
    "ID Pain items": lambda: _items("id_pain"),
    "Drugs": lambda: set(known_drug_ids()),
    "Non-drug and interventional options": lambda: {n.id for n in nondrug_options()},
    "Conditions (history and comorbidity)": lambda: set(identifiers.conditions()),
    "Etiologies": lambda: set(identifiers.etiologies()),
    "Red-flag findings": lambda: set(red_flag_catalogue()),
    "Tests": lambda: set(identifiers.tests()),
    "Safety flags": lambda: {f.value for f in OptionFlag},
    "Option statuses": lambda: {s.value for s in OptionStatus},
    "Option kinds": lambda: {k.value for k in Kind},
}


def documented() -> dict[str, set[str]]:
    """vocabulary -> the backticked ids in its row of the Identifiers table."""
    section = DOC.read_text(encoding="utf-8").split("## Identifiers", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[1].strip(): set(re.findall(r"`([a-z0-9_]+)`", cells[3])) for cells in rows[1:]}


def test_it_documents_every_vocabulary_the_test_knows():
    assert set(documented()) == set(KNOWN)


@pytest.mark.parametrize("vocabulary", sorted(KNOWN))
def test_it_lists_exactly_the_identifiers_the_code_knows(vocabulary):
    listed, known = documented()[vocabulary], KNOWN[vocabulary]()
    assert sorted(listed - known) == [], f"{vocabulary}: documented but unknown to the code"
    assert sorted(known - listed) == [], f"{vocabulary}: known to the code but not in docs/case-format.md"


def test_it_has_words_for_every_option_status():
    assert set(status_words().statuses) == set(OptionStatus)


def test_it_documents_every_v2_addition_of_the_contract():
    text = DOC.read_text(encoding="utf-8")
    for key in (
        "patient.lactating",
        "patient.height_cm",
        "patient.hla_risk_ancestry",
        "medications[].weeks",
        "opioid_tolerant",
        "options[].current",
        "at_max",
        "next_step",
        "`taper`",
        "above_maximum",
        "override_reason",
        '"code": "prescribing_check"',
    ):
        assert key in text, key
