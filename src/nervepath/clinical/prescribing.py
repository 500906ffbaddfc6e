"""Prescribing checks: a trial started, a dose changed or a medicine added, checked against the patient.

``prescribing_checks(case, drug_id, daily_mg, replacing=None)`` runs ``assess`` on the patient's case
(contracts/case-format.md) and checks the proposed drug and daily dose against what the patient takes
now (current medications and running trials):

- **block**: the dose is above the patient's ``max_daily_mg`` (mg-dosed drugs only; the renal table and
  dose-capping rules applied), the drug's status is ``avoid`` (one check per contraindication), or the
  patient already takes a drug of the same class (``data/clinical/prescribing.yaml``: gabapentinoids,
  SNRIs, tricyclics, long-acting opioids). ``replacing`` is the drug whose dose is being changed: it is
  not its own duplicate.
- **warn**: every other flag of the option (its message is the reason of the rule that set it), and the
  statuses ``not_recommended``, ``not_yet``, ``tried_ineffective`` and ``tried_intolerant``.

A case whose patient has no age cannot be assessed: then only the label maximum and the duplicates are
checked, and a warning says so. Pure: no I/O beyond the packaged data files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.clinical.assess import assess_json
from nervepath.clinical.case import parse_case
from nervepath.clinical.current_use import doses_taken
from nervepath.clinical.drugs import Drug, Role, load_drugs
from nervepath.clinical.mme import mme_per_day
from nervepath.clinical.renal import renal_max
from nervepath.clinical.rulebook import safety_flags, safety_rules
from nervepath.clinical.rules import Rule, Severity
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.datafiles import data_dir, load_model, require_known
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.sources import all_sources

PRESCRIBING_FILE = "clinical/prescribing.yaml"
MIN_OVERRIDE_REASON = 10
"""An override reason has at least this many characters (after stripping), contracts/case-format.md."""

CheckSeverity = Literal["block", "warn"]
_WARN_STATUSES = (
    OptionStatus.not_recommended,
    OptionStatus.not_yet,
    OptionStatus.tried_ineffective,
    OptionStatus.tried_intolerant,
)


@dataclass(frozen=True)
class Check:
    """One prescribing check: which rule, which flag, block or warn, in plain words, with sources;
    ``overridden`` and ``reason`` are set when a clinician went ahead despite a blocking check."""

    rule: str
    flag: str
    severity: CheckSeverity
    message: str
    sources: tuple[str, ...]
    overridden: bool = False
    reason: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == "block"

    def to_dict(self) -> dict[str, Any]:
        """The contract shape: rule, flag, severity, message, sources, overridden, reason."""
        return {
            "rule": self.rule,
            "flag": self.flag,
            "severity": self.severity,
            "message": self.message,
            "sources": list(self.sources),
            "overridden": self.overridden,
            "reason": self.reason,
        }


class DuplicateGroup(BaseModel):
    """A class of which a patient takes one drug at a time; ``id`` is a class of ``Drug.classes``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    why: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None


class _Groups(RootModel[list[DuplicateGroup]]):
    """The data file: a list of DuplicateGroup."""


@cache
def duplicate_groups() -> tuple[DuplicateGroup, ...]:
    """The duplicate-class groups, in file order; DataFileError for a repeated id or an unknown source."""
    groups = load_model(_Groups, data_dir("clinical", "prescribing.yaml"), PRESCRIBING_FILE).root
    known = all_sources()
    seen: set[str] = set()
    for index, group in enumerate(groups):
        if group.id in seen:
            raise DataFileError(
                PRESCRIBING_FILE, f"{index}.id", f"a unique group id ({group.id!r} is repeated)"
            )
        seen.add(group.id)
        require_known(PRESCRIBING_FILE, f"{index}.sources", group.sources, known)
    return tuple(groups)


def prescribing_checks(
    case: dict[str, Any], drug_id: str, daily_mg: float | None, *, replacing: str | None = None
) -> list[Check]:
    """Check ``drug_id`` at ``daily_mg`` a day (in the drug's unit) for the patient of ``case``.

    Takes: a case as ``assess`` reads it (the patient's state before the change), the proposed drug and
    daily dose (None: dose not known, no dose check), and ``replacing``: the drug whose dose is being
    changed, left out of "what the patient takes now".
    Returns: the blocking checks first, then the warnings.
    Raises: UnknownIdentifier (field ``drug_id``) for a drug nervepath does not know; InvalidInput as
    ``assess`` for a case it cannot read (a case without ``patient.age`` is not an error: see the module).
    """
    drugs = load_drugs()
    if drug_id not in drugs:
        raise UnknownIdentifier("drug_id", drug_id, sorted(drugs))
    drug = drugs[drug_id]
    taking = taken_now(case, replacing)
    checks = _duplicates(drug, [drugs[d] for d in taking if d in drugs])
    if case.get("patient", {}).get("age") is None:
        checks += _above(drug, daily_mg, drug.max_daily_mg if drug.unit == "mg" else None, [], None)
        checks.append(_not_assessed())
        return _ordered(checks)
    assessment = assess_json(case)
    option = _option(assessment, drug_id)
    if option is not None and drug.role is Role.treatment:
        crcl = assessment["creatinine_clearance_ml_min"]
        fired = _fired(option)
        checks += _above(drug, daily_mg, option["max_daily_mg"], fired, crcl)
        checks += _avoid(option, fired)
        checks += _status_warning(drug, option, fired)
        checks += _flag_warnings(drug, option, fired, crcl, {c.flag for c in checks})
    checks += _for_current(case, assessment, drug, daily_mg, [d for d in taking if d != drug_id], replacing)
    checks += _opioid_load(case, drug, daily_mg, replacing, {c.rule for c in checks})
    return _ordered(checks)


def taken_now(case: dict[str, Any], replacing: str | None = None) -> list[str]:
    """The drugs the patient of ``case`` takes now: current medications and running trials, in that
    order, each once, without ``replacing``."""
    ids = [m.get("id") for m in case.get("medications", [])]
    ids += [t.get("drug") for t in case.get("trials", []) if t.get("stopped_because") == "ongoing"]
    return [d for d in dict.fromkeys(ids) if isinstance(d, str) and d != replacing]


def with_override(checks: Sequence[Check], reason: str) -> list[Check]:
    """The checks as stored after an override: every blocking check overridden with ``reason``."""
    return [replace(c, overridden=True, reason=reason) if c.blocking else c for c in checks]


def blocked_field(checks: Iterable[Check]) -> str:
    """The field a block is about: ``daily_mg`` when only the dose is too high, else ``drug_id``."""
    blocks = [c for c in checks if c.blocking]
    return "daily_mg" if blocks and all(c.flag == OptionFlag.above_maximum for c in blocks) else "drug_id"


# --- blocking checks -------------------------------------------------------------------------------


def _duplicates(drug: Drug, taking: list[Drug]) -> list[Check]:
    checks = []
    for group in duplicate_groups():
        if group.id not in drug.classes:
            continue
        for other in taking:
            if group.id in other.classes:
                same = "the same drug" if other.id == drug.id else group.name
                text = f"The patient already takes {other.name} ({same}). {group.why}"
                checks.append(
                    Check(
                        rule=f"duplicate_{group.id}",
                        flag=OptionFlag.duplicate_class.value,
                        severity="block",
                        message=text,
                        sources=tuple(group.sources),
                    )
                )
    return checks


def _above(
    drug: Drug, daily_mg: float | None, limit: float | None, fired: list[Rule], crcl: float | None
) -> list[Check]:
    if daily_mg is None or limit is None or drug.unit != "mg" or daily_mg <= limit:
        return []
    renal = renal_max(drug.id, drug.max_daily_mg, crcl)
    capping = [r for r in fired if r.max_daily_mg is not None or r.max_factor is not None]
    sources = list(drug.sources)
    rule = "label_maximum_dose"
    why = ""
    if renal is not None and renal.adjusted:
        rule, why = f"renal_table_{drug.id}", f" (lowered for kidney function: {renal.band})"
        sources += renal.sources
    if capping:
        rule = capping[-1].id
        why = f" ({capping[-1].reason.rstrip('.')})"
        sources += [s for r in capping for s in r.sources]
    text = (
        f"{drug.name} {_mg(daily_mg)} mg a day is above the maximum for this patient, "
        f"{_mg(limit)} mg a day{why}."
    )
    return [Check(rule, OptionFlag.above_maximum.value, "block", text, _unique(sources))]


def _avoid(option: dict[str, Any], fired: list[Rule]) -> list[Check]:
    if option["status"] != OptionStatus.avoid:
        return []
    avoid = [r for r in fired if r.severity is Severity.avoid]
    first_flag = option["flags"][0] if option["flags"] else "avoid"
    if not avoid:  # an avoid set outside the rule files still blocks, in the option's own words
        text = option["why"][0] if option["why"] else "A contraindication applies to this patient."
        return [Check("contraindication", first_flag, "block", text, _unique(option["sources"]))]
    return [
        Check(
            rule=r.id,
            flag=(r.flag or first_flag),
            severity="block",
            message=r.reason,
            sources=tuple(r.sources),
        )
        for r in avoid
    ]


def _for_current(
    case: dict[str, Any],
    before: dict[str, Any],
    drug: Drug,
    daily_mg: float | None,
    others: list[str],
    replacing: str | None,
) -> list[Check]:
    """What the change does to the drugs the patient takes now: a rule about one of them that fires
    only once the proposed drug (or dose) is taken, an interaction seen from the other side. A new
    contraindication blocks; a new flag warns."""
    if not others:
        return []
    medications = [m for m in case.get("medications", []) if m.get("id") not in (drug.id, replacing)]
    after = assess_json({**case, "medications": [*medications, {"id": drug.id, "daily_mg": daily_mg}]})
    drugs = load_drugs()
    checks = []
    for other in others:
        old, new = _option(before, other), _option(after, other)
        if old is None or new is None:
            continue
        known = {r.id for r in _fired(old)}
        for r in (r for r in _fired(new) if r.id not in known):
            text = f"With {drugs[other].name}, which the patient takes: {r.reason}"
            severity: CheckSeverity = "block" if r.severity is Severity.avoid else "warn"
            flag = r.flag.value if r.flag else "drug_interaction"
            checks.append(Check(r.id, flag, severity, text, tuple(r.sources)))
    return checks


def _opioid_load(
    case: dict[str, Any], drug: Drug, daily_mg: float | None, replacing: str | None, done: set[str]
) -> list[Check]:
    """The opioid load once this opioid is taken at ``daily_mg``: the strongest MME rule about it that the
    new total reaches (CDC: >= 90 MME/day is avoided, a block here; >= 50 warns). The assessment before
    the change cannot see it, as the new dose is not taken yet."""
    if drug.drug_class != "opioid" or daily_mg is None:
        return []
    kept = [m for m in case.get("medications", []) if m.get("id") not in (drug.id, replacing)]
    after = parse_case({**case, "medications": [*kept, {"id": drug.id, "daily_mg": daily_mg}]})
    total = mme_per_day((d, mg) for d, mg, _ in doses_taken(after)).per_day
    rules = [
        r
        for r in safety_rules()
        if r.when.mme_gte is not None and r.applies(drug.id, drug.classes) and r.id not in done
    ]
    reached = [
        r for r in rules if total is not None and r.when.mme_gte is not None and total >= r.when.mme_gte
    ]
    if not reached:
        return []
    rule = max(reached, key=lambda r: r.when.mme_gte or 0)
    severity: CheckSeverity = "block" if rule.severity is Severity.avoid else "warn"
    text = f"With this dose the patient's opioids come to {total:g} MME a day. {rule.reason}"
    flag = rule.flag.value if rule.flag else OptionFlag.high_mme.value
    return [Check(rule.id, flag, severity, text, tuple(rule.sources))]


# --- warnings --------------------------------------------------------------------------------------


def _status_warning(drug: Drug, option: dict[str, Any], fired: list[Rule]) -> list[Check]:
    status = option["status"]
    if status not in _WARN_STATUSES:
        return []
    why: list[str] = option["why"]
    rules: list[str] = option["rules"]
    sources = tuple(drug.sources)
    if status in (OptionStatus.tried_ineffective, OptionStatus.tried_intolerant):
        rule = f"trial_{status.removeprefix('tried_')}"
        at = rules.index(rule) if rule in rules else None
        text = why[at] if at is not None and at < len(why) else "An earlier trial of this drug failed."
        return [Check(rule, status, "warn", text, sources)]
    if status == OptionStatus.not_recommended:
        against = [r for r in fired if r.severity is Severity.not_recommended]
        if against:
            r = against[0]
            return [Check(r.id, status, "warn", r.reason, tuple(r.sources))]
        text = why[-1] if why else "The guidelines advise against this drug for neuropathic pain."
        return [Check("guideline_not_recommended", status, "warn", text, sources)]
    text = why[-1] if why else "A later-line option, for when earlier lines have failed."
    return [Check("guideline_line", status, "warn", text, sources)]


def _flag_warnings(
    drug: Drug, option: dict[str, Any], fired: list[Rule], crcl: float | None, done: set[str]
) -> list[Check]:
    checks = []
    for flag in option["flags"]:
        if flag in done:
            continue
        done.add(flag)
        setting = [r for r in fired if r.flag == flag]
        if setting:
            r = setting[0]
            checks.append(Check(r.id, flag, "warn", r.reason, tuple(r.sources)))
        elif flag == OptionFlag.renal_dose_adjusted:
            checks.append(_renal_warning(drug, crcl))
        else:
            meaning = safety_flags()[OptionFlag(flag)].meaning
            text = meaning[0].upper() + meaning[1:] + "."
            checks.append(Check(f"flag_{flag}", flag, "warn", text, _unique(option["sources"])))
    return checks


def _renal_warning(drug: Drug, crcl: float | None) -> Check:
    renal = renal_max(drug.id, drug.max_daily_mg, crcl)
    band = renal.band if renal else "the maximum dose is lowered"
    sources = renal.sources if renal else drug.sources
    where = f" (creatinine clearance {crcl:g} mL/min)" if crcl is not None else ""
    text = f"Kidney function{where}: {band}."
    return Check(
        f"renal_table_{drug.id}", OptionFlag.renal_dose_adjusted.value, "warn", text, _unique(sources)
    )


def _not_assessed() -> Check:
    text = (
        "The patient's age is not recorded, so kidney function, contraindications and interactions "
        "could not be checked: only the label maximum and drugs of the same class were."
    )
    return Check("assessment_not_possible", "assessment_incomplete", "warn", text, ())


# --- helpers ---------------------------------------------------------------------------------------


def _option(assessment: dict[str, Any], drug_id: str) -> dict[str, Any] | None:
    return next((o for o in assessment["options"] if o["id"] == drug_id), None)


def _fired(option: dict[str, Any]) -> list[Rule]:
    by_id = {r.id: r for r in safety_rules()}
    return [by_id[r] for r in option["rules"] if r in by_id]


def _ordered(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.blocking] + [c for c in checks if not c.blocking]


def _unique(sources: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sources))


def _mg(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
