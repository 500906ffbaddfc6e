"""The one rules evaluator: safety and decision rules as data, a closed vocabulary of predicates.

A rule (``data/rules/*.yaml``) names the drugs or classes it ``applies_to``, a ``when`` block whose
predicates must all hold, a ``severity`` and the ``flag`` it sets, a plain reason and its sources.
:func:`evaluate` returns the combined result for one drug *and* the trace of the rules that fired.

Predicates (each a tiny function below; unknown patient values never fire, except ``crcl_unknown``)::

    conditions_any / conditions_none   condition ids          medications_any  drug ids or classes
    age_gte / age_lt                   years                  crcl_lt          mL/min (Cockcroft-Gault)
    crcl_unknown                       true                   pregnant         true
    hla_b_1502_in                      positive|negative|unknown
    phq9_item9_gt                      item score             mme_gte          MME/day
    etiology_in / site_in              ids / peripheral|central|unknown
    polyneuropathy                     true                   red_flags_any    finding ids
    duration_months_gte / nrs_gte      months / NRS           tests_not_done   test ids
    lesion_not_confirmed               true (no test has confirmed the lesion)
    medications_none                   drug ids or classes    lactating        true
    opioid_tolerant                    true|false             alcohol_units_gte  units a week
    hla_risk_ancestry_in               yes|no|unknown         bmi_gte          kg/m2
    distal_symmetric                   true (a distal symmetric picture was recorded)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from nervepath.clinical.profile import Profile
from nervepath.clinical.statuses import OptionFlag

Hla = Literal["positive", "negative", "unknown"]
Ancestry = Literal["yes", "no", "unknown"]
_ANCESTRY = {True: "yes", False: "no", None: "unknown"}


class When(BaseModel):
    """The condition of a rule: every predicate given must hold (logical AND)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    conditions_any: list[str] | None = None
    conditions_none: list[str] | None = None
    medications_any: list[str] | None = None
    medications_none: list[str] | None = None
    age_gte: int | None = None
    age_lt: int | None = None
    crcl_lt: float | None = None
    crcl_unknown: bool | None = None
    pregnant: bool | None = None
    lactating: bool | None = None
    hla_b_1502_in: list[Hla] | None = None
    hla_risk_ancestry_in: list[Ancestry] | None = None
    opioid_tolerant: bool | None = None
    alcohol_units_gte: float | None = None
    bmi_gte: float | None = None
    distal_symmetric: bool | None = None
    phq9_item9_gt: int | None = None
    mme_gte: float | None = None
    etiology_in: list[str] | None = None
    site_in: list[str] | None = None
    polyneuropathy: bool | None = None
    red_flags_any: list[str] | None = None
    duration_months_gte: float | None = None
    nrs_gte: int | None = None
    tests_not_done: list[str] | None = None
    lesion_not_confirmed: bool | None = None


Predicate = Callable[[Profile, Any, str | None], bool]


def _ge(actual: float | None, limit: float) -> bool:
    return actual is not None and actual >= limit


def _lt(actual: float | None, limit: float) -> bool:
    return actual is not None and actual < limit


PREDICATES: dict[str, Predicate] = {
    "conditions_any": lambda p, v, d: bool(p.conditions & set(v)),
    "conditions_none": lambda p, v, d: not p.conditions & set(v),
    "medications_any": lambda p, v, d: bool(p.medication_classes(exclude=d) & set(v)),
    "medications_none": lambda p, v, d: not p.medication_classes(exclude=d) & set(v),
    "age_gte": lambda p, v, d: p.age >= v,
    "age_lt": lambda p, v, d: p.age < v,
    "crcl_lt": lambda p, v, d: _lt(p.crcl, v),
    "crcl_unknown": lambda p, v, d: (p.crcl is None) == v,
    "pregnant": lambda p, v, d: p.pregnant is v,
    "lactating": lambda p, v, d: p.lactating is v,
    "hla_b_1502_in": lambda p, v, d: (p.hla_b_1502 or "unknown") in v,
    "hla_risk_ancestry_in": lambda p, v, d: _ANCESTRY[p.hla_risk_ancestry] in v,
    "opioid_tolerant": lambda p, v, d: p.opioid_tolerant is v,
    "alcohol_units_gte": lambda p, v, d: _ge(p.alcohol_units_per_week, v),
    "bmi_gte": lambda p, v, d: _ge(p.bmi, v),
    "distal_symmetric": lambda p, v, d: p.distal_symmetric is v,
    "phq9_item9_gt": lambda p, v, d: p.phq9_item9 is not None and p.phq9_item9 > v,
    "mme_gte": lambda p, v, d: _ge(p.mme, v),
    "etiology_in": lambda p, v, d: p.etiology in v,
    "site_in": lambda p, v, d: p.site.value in v,
    "polyneuropathy": lambda p, v, d: p.polyneuropathy is v,
    "red_flags_any": lambda p, v, d: bool(p.red_flags & set(v)),
    "duration_months_gte": lambda p, v, d: _ge(p.duration_months, v),
    "nrs_gte": lambda p, v, d: _ge(p.nrs_average, v),
    "tests_not_done": lambda p, v, d: not p.tests_done & set(v),
    "lesion_not_confirmed": lambda p, v, d: (p.lesion_confirmed is not True) == v,
}


def matches(when: When, profile: Profile, drug: str | None = None) -> bool:
    """True when every predicate of ``when`` holds for ``profile`` (judging ``drug``, if any)."""
    given = when.model_dump(exclude_none=True)
    return all(PREDICATES[name](profile, value, drug) for name, value in given.items())


class Severity(StrEnum):
    avoid = "avoid"
    not_recommended = "not_recommended"
    caution = "caution"
    adjust = "adjust"
    flag = "flag"


class Rule(BaseModel):
    """One safety or decision rule about drugs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    severity: Severity
    applies_to: list[str] = Field(min_length=1)
    when: When
    flag: OptionFlag | None = None
    reason: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None
    max_daily_mg: float | None = Field(default=None, gt=0)
    max_factor: float | None = Field(default=None, gt=0, le=1)

    def applies(self, drug_id: str, classes: frozenset[str]) -> bool:
        """True when the rule is about this drug or one of its classes."""
        return drug_id in self.applies_to or bool(classes & set(self.applies_to))

    def to_dict(self) -> dict[str, Any]:
        """The ``nervepath rules`` shape: id, severity, applies_to, source(s), reason, flag."""
        data = self.model_dump(mode="json", exclude_none=True, exclude={"max_daily_mg", "max_factor"})
        data["source"] = self.sources[0]
        return data


@dataclass(frozen=True)
class Evaluation:
    """The result for one drug: strongest severity, flags, dose limit, and the trace of fired rules."""

    severity: Severity | None
    flags: tuple[OptionFlag, ...]
    max_daily_mg: float | None
    fired: tuple[Rule, ...]


_STRENGTH = [Severity.not_recommended, Severity.avoid, Severity.caution, Severity.adjust, Severity.flag]


def evaluate(
    rules: Sequence[Rule],
    profile: Profile,
    drug_id: str,
    classes: frozenset[str],
    usual_max: float | None,
) -> Evaluation:
    """Evaluate every rule about one drug for one patient.

    Takes: the rules, the patient profile, the drug (id and classes) and its usual maximum daily dose.
    Returns: an :class:`Evaluation`: the strongest severity that fired (guideline ``not_recommended``
    first, then ``avoid``), the flags in rule order, the dose limit after caps, and the fired rules.
    """
    fired = tuple(r for r in rules if r.applies(drug_id, classes) and matches(r.when, profile, drug_id))
    strongest = min((r.severity for r in fired), key=_STRENGTH.index, default=None)
    flags = tuple(dict.fromkeys(r.flag for r in fired if r.flag))
    return Evaluation(strongest, flags, _capped(usual_max, fired), fired)


def _capped(usual_max: float | None, fired: Iterable[Rule]) -> float | None:
    limit = usual_max
    for rule in fired:
        if rule.max_factor is not None and limit is not None:
            limit = round(limit * rule.max_factor, 2)
        if rule.max_daily_mg is not None:
            limit = rule.max_daily_mg if limit is None else min(limit, rule.max_daily_mg)
    return limit
