"""First tests to find or confirm the cause, each with a reason: work-up rules as data, one evaluator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nervepath.clinical.profile import Profile
from nervepath.clinical.rulebook import workup_rules
from nervepath.clinical.rules import matches


@dataclass
class WorkupItem:
    """One suggested test: the reason of the first rule that asked for it, all rules and sources."""

    test: str
    why: str
    rules: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confirmed: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The contract shape ``{"test", "why", ...}``."""
        return {
            "test": self.test,
            "why": self.why,
            "rules": self.rules,
            "sources": self.sources,
            "confirmed": self.confirmed,
        }


def workup(profile: Profile) -> list[WorkupItem]:
    """The tests to suggest for this patient, in rule order, skipping tests already done.

    Takes: the patient profile. Returns: one WorkupItem per test.
    Source: AAN 2009 (polyneuropathy labs), EAN 2019 (MRI in trigeminal neuralgia), CPIC (HLA-B*15:02),
    and the others named in data/rules/workup.yaml.
    """
    items: dict[str, WorkupItem] = {}
    for rule in workup_rules():
        if rule.test in profile.tests_done or not matches(rule.when, profile):
            continue
        item = items.setdefault(rule.test, WorkupItem(rule.test, rule.why, confirmed=rule.confirmed))
        item.rules.append(rule.id)
        item.sources.extend(s for s in rule.sources if s not in item.sources)
    return list(items.values())
