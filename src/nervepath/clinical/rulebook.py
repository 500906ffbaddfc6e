"""Loading the rule files: safety rules (``data/rules/safety.yaml``) and work-up rules
(``data/rules/workup.yaml``), with every identifier they name checked against the catalogues, so a
typo in a rule fails on load with the file, the key and what was expected. A rule's ``flag`` is an
:class:`~nervepath.clinical.statuses.OptionFlag`, and ``data/clinical/flags.yaml`` gives each one its meaning.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from nervepath.clinical.drugs import drug_classes, known_drug_ids
from nervepath.clinical.identifiers import conditions, etiologies, tests
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.rules import Rule, When
from nervepath.clinical.statuses import OptionFlag
from nervepath.datafiles import data_dir, load_model, require_known
from nervepath.errors import DataFileError
from nervepath.sources import all_sources

SAFETY_FILE = "rules/safety.yaml"
WORKUP_FILE = "rules/workup.yaml"
FLAGS_FILE = "clinical/flags.yaml"


class Flag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: OptionFlag
    meaning: str


class WorkupRule(BaseModel):
    """One rule that suggests a first test, with the reason shown to the clinician."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    test: str
    when: When
    why: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None


class _Rules(RootModel[list[Rule]]):
    """A data file holding a list of Rule."""


class _WorkupRules(RootModel[list[WorkupRule]]):
    """A data file holding a list of WorkupRule."""


class _Flags(RootModel[list[Flag]]):
    """A data file holding a list of Flag, one for every OptionFlag."""

    @model_validator(mode="after")
    def _every_flag(self) -> _Flags:
        given = {f.id for f in self.root}
        missing = [flag.value for flag in OptionFlag if flag not in given]
        if missing:
            raise ValueError(f"a meaning for every option flag (missing: {', '.join(missing)})")
        return self


@cache
def safety_flags() -> dict[OptionFlag, Flag]:
    """Every safety flag an option may carry, with its meaning; raises DataFileError when one is missing."""
    return {f.id: f for f in load_model(_Flags, data_dir("clinical", "flags.yaml"), FLAGS_FILE).root}


@cache
def safety_rules() -> tuple[Rule, ...]:
    """Every safety rule, in file order; raises DataFileError for an unknown id anywhere in a rule (an
    unknown ``flag`` is not an OptionFlag)."""
    rules = load_model(_Rules, data_dir("rules", "safety.yaml"), SAFETY_FILE).root
    targets = known_drug_ids() | drug_classes()
    for index, rule in enumerate(rules):
        require_known(SAFETY_FILE, f"{index}.applies_to", rule.applies_to, targets)
        _check_common(SAFETY_FILE, index, rule.when, rule.sources)
    _unique(SAFETY_FILE, [r.id for r in rules])
    return tuple(rules)


@cache
def workup_rules() -> tuple[WorkupRule, ...]:
    """Every work-up rule, in file order; raises DataFileError for an unknown id anywhere in a rule."""
    rules = load_model(_WorkupRules, data_dir("rules", "workup.yaml"), WORKUP_FILE).root
    for index, rule in enumerate(rules):
        require_known(WORKUP_FILE, f"{index}.test", [rule.test], tests())
        _check_common(WORKUP_FILE, index, rule.when, rule.sources)
    _unique(WORKUP_FILE, [r.id for r in rules])
    return tuple(rules)


def _check_common(file: str, index: int, when: When, sources: list[str]) -> None:
    require_known(file, f"{index}.sources", sources, all_sources())
    medications = known_drug_ids() | drug_classes()
    lists = {
        "conditions_any": conditions(),
        "conditions_none": conditions(),
        "medications_any": medications,
        "medications_none": medications,
        "etiology_in": etiologies(),
        "red_flags_any": red_flag_catalogue(),
        "tests_not_done": tests(),
    }
    for key, known in lists.items():
        require_known(file, f"{index}.when.{key}", getattr(when, key) or [], known)


def _unique(file: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, rule_id in enumerate(ids):
        if rule_id in seen:
            raise DataFileError(file, f"{index}.id", f"a unique rule id ({rule_id!r} is repeated)")
        seen.add(rule_id)
