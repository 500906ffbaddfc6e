"""Treatment options for one patient: every known drug once with a status, plus non-drug and
interventional options, ordered so that what would be suggested first comes first.

Steps: each drug gets its guideline line for the etiology (NeuPSIG 2015/2025, NICE CG173, EAN 2019,
ASCO 2020), its renal maximum (label tables), the safety rules that fire (with their trace) and the
verdict of any past trial; later lines stay ``not_yet`` until every class of the earlier lines has
failed or cannot be used; localized peripheral pain unlocks topicals (NICE CG173).
"""

from __future__ import annotations

from dataclasses import replace

from nervepath.clinical.case import Case
from nervepath.clinical.catalogue import Kind, Preference, nondrug_options, preferences
from nervepath.clinical.current_use import CurrentUse, current_dose, current_use, daily_amount, taper_for
from nervepath.clinical.drugs import Drug, treatments
from nervepath.clinical.identifiers import Site
from nervepath.clinical.interventions import nondrug_option
from nervepath.clinical.option import Option
from nervepath.clinical.profile import Profile
from nervepath.clinical.renal import renal_max
from nervepath.clinical.rulebook import safety_rules
from nervepath.clinical.rules import Evaluation, Severity, evaluate
from nervepath.clinical.statuses import TRIED, UNUSABLE, USABLE, OptionFlag, OptionStatus
from nervepath.clinical.trials import TrialJudgement, Verdict, judge

IN_USE = {Verdict.titrating, Verdict.partial, Verdict.responding}
_TRIED_AS = {
    Verdict.ineffective: OptionStatus.tried_ineffective,
    Verdict.intolerant: OptionStatus.tried_intolerant,
}
LAST_LINE = 3


def build_options(case: Case, profile: Profile) -> list[Option]:
    """Every option for this patient, ordered for suggestion.

    Takes: the validated case (for trials and current medications) and its profile.
    Returns: drug options (one per known treatment), then the rest, sorted by :func:`_order_key`.
    Source: the sources named on each option and rule.
    """
    drafts = [_drug_option(drug, case, profile) for drug in treatments()]
    unlocked, first_line_failed = _unlocked_lines(drafts)
    for option in drafts:
        _lock(option, unlocked, profile, _in_use(option, case))
    _explain_preference(drafts, profile)
    others = [nondrug_option(n, profile, first_line_failed) for n in nondrug_options()]
    failed = _failed_classes(drafts)
    ranked = sorted(
        enumerate(drafts + others), key=lambda pair: _order_key(pair[1], profile, pair[0], failed)
    )
    return [option for _, option in ranked]


def preference_for(profile: Profile) -> Preference | None:
    """The guideline first choice that fits this patient: by etiology, else localized pain by age."""
    for preference in preferences():
        if preference.etiology is not None:
            if preference.etiology == profile.etiology:
                return preference
        elif _fits_localized(preference, profile):
            return preference
    return None


def _fits_localized(preference: Preference, profile: Profile) -> bool:
    localized = profile.site is Site.peripheral and bool(profile.localized)
    old_enough = preference.age_gte is None or profile.age >= preference.age_gte
    return preference.localized_peripheral and localized and old_enough


def _explain_preference(drafts: list[Option], profile: Profile) -> None:
    preferred = preference_for(profile)
    for option in drafts:
        if preferred and option.id in preferred.first and option.status in USABLE:
            option.why.insert(0, preferred.why)
            option.sources += [s for s in preferred.sources if s not in option.sources]


def _drug_option(drug: Drug, case: Case, profile: Profile) -> Option:
    renal = renal_max(drug.id, drug.max_daily_mg, profile.crcl)
    usual = renal.max_daily_mg if renal else drug.max_daily_mg
    ev = evaluate(safety_rules(), profile, drug.id, drug.classes, usual)
    option = _base_option(drug, profile, ev)
    # The kidney band's own start and titration replace the usual ones (label renal tables).
    option.start = renal.start if renal and renal.start else drug.start
    option.titration = renal.titration if renal and renal.titration else drug.titration
    if renal and renal.adjusted:
        option.flags.insert(0, OptionFlag.renal_dose_adjusted)
        option.rules.insert(0, f"renal_table_{drug.id}")
        option.why.insert(0, f"Kidney function (CrCl {profile.crcl:g} mL/min): {renal.band}.")
        option.sources += [s for s in renal.sources if s not in option.sources]
    judgement = _judge_last_trial(drug, case, ev.max_daily_mg)
    option.status = _status(drug, profile, ev, judgement, option)
    taking, daily = current_dose(case, drug.id)
    if taking:
        _mark_current(
            option, drug, current_use(drug, daily, ev.max_daily_mg, option.titration), ev.max_daily_mg
        )
    return option


def _mark_current(option: Option, drug: Drug, use: CurrentUse, patient_max: float | None) -> None:
    """Say what the patient takes now: above the maximum is flagged first; an ``avoid`` drug that must
    not be stopped abruptly says to taper."""
    # A drug that is not to be used now gets no titration step, only what to do about it.
    option.current = use if option.status in USABLE else replace(use, next_step=None)
    if use.above_max and use.daily_mg is not None and patient_max is not None:
        option.flags.insert(0, OptionFlag.above_maximum)
        option.rules.insert(0, "current_above_maximum")
        option.why.insert(
            0,
            f"The current dose ({daily_amount(use.daily_mg, drug)}) is above the maximum for this "
            f"patient ({daily_amount(patient_max, drug)}): lower it.",
        )
        if option.status is OptionStatus.recommended:
            option.status = OptionStatus.caution
    taper = taper_for(drug)
    if option.status is OptionStatus.avoid and taper is not None:
        option.flags.insert(0, OptionFlag.taper)
        option.rules.insert(0, f"taper_{taper.drug_class}")
        option.why.insert(0, f"Taper: do not stop abruptly; {taper.how}.")
        option.sources += [s for s in taper.sources if s not in option.sources]


def _base_option(drug: Drug, profile: Profile, ev: Evaluation) -> Option:
    fired_sources = [s for r in ev.fired for s in r.sources]
    return Option(
        id=drug.id,
        name=drug.name,
        kind=Kind.drug.value,
        line=drug.line_for(profile.etiology),
        status=OptionStatus.recommended,
        drug_class=drug.drug_class,
        start=drug.start,
        titration=drug.titration,
        usual_daily=drug.usual_daily,
        max_daily_mg=ev.max_daily_mg if drug.unit == "mg" else None,
        unit=drug.unit,
        adequate_trial_weeks=drug.adequate_trial_weeks,
        flags=list(ev.flags),
        rules=[r.id for r in ev.fired],
        why=[r.reason for r in ev.fired],
        sources=list(dict.fromkeys([*drug.sources, *fired_sources])),
        confirmed=drug.confirmed and all(r.confirmed for r in ev.fired),
    )


def _judge_last_trial(drug: Drug, case: Case, patient_max: float | None) -> TrialJudgement | None:
    trials = [t for t in case.trials if t.drug == drug.id]
    return judge(trials[-1], drug, patient_max) if trials else None


def _status(
    drug: Drug, profile: Profile, ev: Evaluation, judgement: TrialJudgement | None, option: Option
) -> OptionStatus:
    if judgement is not None:
        option.why.insert(0, judgement.why)
        option.rules.insert(0, f"trial_{judgement.verdict.value}")
        if judgement.verdict in _TRIED_AS:
            return _TRIED_AS[judgement.verdict]
    if drug.not_recommended or ev.severity is Severity.not_recommended:
        option.why.extend([drug.why_not_recommended] if drug.why_not_recommended else [])
        return OptionStatus.not_recommended
    if drug.peripheral_only and profile.site is Site.central:
        option.why.append("Recommended only for peripheral neuropathic pain; this pain is central.")
        return OptionStatus.not_recommended
    if ev.severity is Severity.avoid:
        _warn_current_trial(option, judgement)
        return OptionStatus.avoid
    return OptionStatus.caution if option.flags or ev.severity is not None else OptionStatus.recommended


def _warn_current_trial(option: Option, judgement: TrialJudgement | None) -> None:
    """A contraindication outranks "keep titrating": say so before the trial's own advice."""
    if judgement is not None and judgement.verdict in IN_USE:
        option.why.insert(0, "A contraindication applies to this current trial: review it before going on.")


def _in_use(option: Option, case: Case) -> bool:
    taking = any(m.id == option.id for m in case.medications)
    verdicts = {v.value for v in IN_USE}
    return taking or any(r.startswith("trial_") and r[6:] in verdicts for r in option.rules)


def _failed_classes(drafts: list[Option]) -> set[str]:
    return {o.drug_class for o in drafts if o.status in TRIED and o.drug_class}


def _line_exhausted(drafts: list[Option], line: int) -> bool:
    """True when every class of ``line`` has failed a trial or cannot be used for this patient."""
    failed = _failed_classes(drafts)
    members = [o for o in drafts if o.line == line]
    classes = {o.drug_class for o in members}
    return all(
        c in failed or all(o.status in UNUSABLE for o in members if o.drug_class == c) for c in classes
    )


def _unlocked_lines(drafts: list[Option]) -> tuple[int, bool]:
    """The highest line now open, and whether adequate first-line trials have failed."""
    unlocked = 1
    while unlocked < LAST_LINE and _line_exhausted(drafts, unlocked):
        unlocked += 1
    tried = any(o.status in TRIED and o.line == 1 for o in drafts)
    return unlocked, _line_exhausted(drafts, 1) and tried


def _lock(option: Option, unlocked: int, profile: Profile, in_use: bool) -> None:
    if option.status not in USABLE:
        return
    locked = option.line is None or (option.line > unlocked and not _topical_unlocked(option, profile))
    if in_use:
        option.why.append(
            "Currently in use." + (" A later-line option: review whether to continue." if locked else "")
        )
        option.status = OptionStatus.caution if locked else option.status
    elif option.line is None:
        option.status = OptionStatus.not_yet
        option.why.append("No guideline line for this etiology: only on specialist advice.")
    elif option.line > unlocked and not _topical_unlocked(option, profile):
        option.status = OptionStatus.not_yet
        option.why.append(f"Line {option.line}: for when earlier lines have failed or cannot be used.")


def _topical_unlocked(option: Option, profile: Profile) -> bool:
    if option.drug_class != "topical" or profile.site is not Site.peripheral or not profile.localized:
        return False
    option.why.append(
        "Localized peripheral pain: a topical suits people who wish to avoid or cannot take oral drugs."
    )
    if "nice_cg173" not in option.sources:
        option.sources.append("nice_cg173")
    return True


_GROUP: dict[OptionStatus, int] = {
    OptionStatus.recommended: 0,
    OptionStatus.caution: 0,
    OptionStatus.not_yet: 3,
    OptionStatus.tried_ineffective: 4,
    OptionStatus.tried_intolerant: 4,
    OptionStatus.avoid: 5,
    OptionStatus.not_recommended: 6,
}


def _order_key(option: Option, profile: Profile, index: int, failed: set[str]) -> tuple[int, ...]:
    group = _GROUP[option.status]
    if option.kind == Kind.nondrug.value:
        group = 1
    elif option.kind == Kind.interventional.value and group == 0:
        group = 2
    preferred = preference_for(profile)
    first = preferred.first if preferred else []
    # A guideline's first choice for this situation leads its group, ahead of the generic line.
    rank = first.index(option.id) if option.id in first else len(first)
    line = option.line if option.line is not None else 9
    return (group, rank, line, option.drug_class in failed, option.status is OptionStatus.caution, index)
