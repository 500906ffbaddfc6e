"""The patient profile that rules are evaluated against: the case, flattened, with derived values.

Built once per assessment from a validated :class:`~nervepath.clinical.case.Case` plus the derived
creatinine clearance, MME/day and PHQ-9 item 9. Unknown stays ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

from nervepath.clinical.case import Case
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.identifiers import Site, etiologies
from nervepath.clinical.renal import body_mass_index


@dataclass(frozen=True)
class Profile:
    """What the rules may ask about one patient."""

    age: int
    sex: str | None
    pregnant: bool | None
    lactating: bool | None
    hla_b_1502: str | None
    hla_risk_ancestry: bool | None
    bmi: float | None
    crcl: float | None
    mme: float | None
    opioid_tolerant: bool
    alcohol_units_per_week: float | None
    phq9_item9: int | None
    conditions: frozenset[str]
    medications: frozenset[str]
    etiology: str | None
    site: Site
    polyneuropathy: bool
    red_flags: frozenset[str]
    tests_done: frozenset[str]
    duration_months: float | None
    nrs_average: int | None
    lesion_confirmed: bool | None
    localized: bool | None
    distal_symmetric: bool | None

    def medication_classes(self, exclude: str | None = None) -> frozenset[str]:
        """Ids and classes of current medications (and drugs on a running trial), leaving out
        ``exclude`` (the drug being judged)."""
        drugs = load_drugs()
        found = {m for m in self.medications if m != exclude}
        return frozenset(found.union(*(drugs[m].classes for m in found)))


def build_profile(
    case: Case,
    crcl: float | None,
    mme: float | None,
    phq9_item9: int | None,
    opioid_tolerant: bool = False,
) -> Profile:
    """Flatten a case and its derived values into a :class:`Profile`.

    ``medications`` holds what the patient takes now: current medications and the drugs of running
    trials, so an interaction rule sees a drug on trial as much as one on the medication list.
    """
    etiology = etiologies().get(case.pain.etiology or "unknown")
    p = case.patient
    running = {t.drug for t in case.trials if t.stopped_because == "ongoing"}
    return Profile(
        age=p.age,
        sex=p.sex,
        pregnant=p.pregnant,
        lactating=p.lactating,
        hla_b_1502=p.hla_b_1502,
        hla_risk_ancestry=p.hla_risk_ancestry,
        bmi=body_mass_index(p.weight_kg, p.height_cm),
        crcl=crcl,
        mme=mme,
        opioid_tolerant=opioid_tolerant,
        alcohol_units_per_week=case.alcohol_units_per_week,
        phq9_item9=phq9_item9,
        conditions=frozenset(case.conditions),
        medications=frozenset({m.id for m in case.medications} | running),
        etiology=case.pain.etiology,
        site=etiology.site if etiology else Site.unknown,
        # A distal symmetric picture is a polyneuropathy to work up, even before its cause is known.
        polyneuropathy=bool(etiology and etiology.polyneuropathy) or bool(case.pain.distal_symmetric),
        red_flags=frozenset(case.red_flag_findings),
        tests_done=frozenset(case.tests.done),
        duration_months=case.pain.duration_months,
        nrs_average=case.pain.nrs_average,
        lesion_confirmed=case.tests.confirms_lesion,
        localized=case.pain.localized,
        distal_symmetric=case.pain.distal_symmetric,
    )
