"""Option statuses and safety flags are enums from the rules to the shells: the data files may name only
known flags, and the JSON still speaks the contract's ids."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from nervepath.clinical import options as clinical_options
from nervepath.clinical import rulebook
from nervepath.clinical.assess import assess
from nervepath.clinical.case import parse_case
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.datafiles import data_dir
from nervepath.errors import DataFileError
from tests.clinical.conftest import make_case

# Every status, and flags from a rule and from the renal table: CrCl about 24 mL/min, a failed trial.
CASE = make_case(
    patient={"age": 82, "weight_kg": 60, "serum_creatinine_mg_dl": 2.2},
    conditions=["angle_closure_glaucoma", "heart_block"],
    trials=[
        {"drug": "duloxetine", "stopped_because": "side_effects"},
        {"drug": "pregabalin", "max_daily_mg": 150, "weeks_at_max_dose": 4, "pain_reduction_pct": 5},
    ],
)


@pytest.fixture
def rule_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the rule and flag files the rulebook loads, to break one of them."""
    with resources.as_file(data_dir()) as data:
        for folder in ("rules", "clinical"):
            shutil.copytree(data / folder, tmp_path / folder)
    monkeypatch.setattr(rulebook, "data_dir", lambda *parts: tmp_path.joinpath(*parts))
    rulebook.safety_rules.cache_clear()
    rulebook.safety_flags.cache_clear()
    yield tmp_path
    rulebook.safety_rules.cache_clear()
    rulebook.safety_flags.cache_clear()


def _edit(path: Path, change: Any) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(raw), sort_keys=False), encoding="utf-8")


def test_it_types_every_status_and_flag_of_an_assessment():
    found = assess(parse_case(CASE)).options
    assert {type(o.status) for o in found} == {OptionStatus}
    assert {type(f) for o in found for f in o.flags} == {OptionFlag}
    assert {o.status for o in found} == set(OptionStatus)
    assert OptionFlag.renal_dose_adjusted in next(o for o in found if o.id == "gabapentin").flags


def test_it_writes_statuses_and_flags_as_the_contract_ids(run):
    result = run(CASE)
    plain = {
        **result,
        "options": [
            {**o, "status": str(o["status"]), "flags": [str(f) for f in o["flags"]]}
            for o in result["options"]
        ],
    }
    assert {type(o["status"]) for o in plain["options"]} == {str}
    assert json.dumps(result) == json.dumps(plain)
    adapter = TypeAdapter(dict[str, Any])
    assert adapter.dump_json(result) == adapter.dump_json(plain)
    assert '"status": "tried_intolerant"' in json.dumps(result)


def test_it_ranks_every_status():
    assert set(clinical_options._GROUP) == set(OptionStatus)


def test_it_refuses_a_rule_naming_an_unknown_flag_on_load(rule_files: Path):
    safety = rule_files / "rules" / "safety.yaml"
    rules = yaml.safe_load(safety.read_text(encoding="utf-8"))
    index = next(i for i, rule in enumerate(rules) if rule.get("flag"))
    _edit(safety, lambda raw: [{**r, "flag": "qt_risk"} if i == index else r for i, r in enumerate(raw)])
    with pytest.raises(DataFileError) as caught:
        rulebook.safety_rules()
    assert (caught.value.file, caught.value.key) == ("rules/safety.yaml", f"{index}.flag")
    assert "'renal_dose_adjusted'" in caught.value.expected
    assert "'falls'" in caught.value.expected


def test_it_refuses_a_flags_file_that_leaves_a_flag_without_its_meaning(rule_files: Path):
    _edit(rule_files / "clinical" / "flags.yaml", lambda raw: [f for f in raw if f["id"] != "falls"])
    with pytest.raises(DataFileError) as caught:
        rulebook.safety_flags()
    assert caught.value.file == "clinical/flags.yaml"
    assert caught.value.expected.endswith("a meaning for every option flag (missing: falls)")


def test_it_refuses_a_flags_file_naming_a_flag_the_core_does_not_know(rule_files: Path):
    _edit(rule_files / "clinical" / "flags.yaml", lambda raw: [*raw, {"id": "qt_risk", "meaning": "QT"}])
    with pytest.raises(DataFileError) as caught:
        rulebook.safety_flags()
    assert (caught.value.file, caught.value.key) == ("clinical/flags.yaml", f"{len(OptionFlag)}.id")
