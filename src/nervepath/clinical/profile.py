"""The patient profile that rules are evaluated against: the case, flattened, with derived values.

Built once per assessment from a validated :class:`~nervepath.clinical.case.Case` plus the derived
creatinine clearance, MME/day and PHQ-9 item 9. Unknown stays ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

from nervepath.clinical.case import Case
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.identifiers import Site, etiologies


@dataclass(frozen=True)
class Profile:
    """What the rules may ask about one patient."""

    age: int
    sex: str | None
    pregnant: bool | None
    hla_b_1502: str | None
    crcl: float | None
    mme: float | None
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

    def medication_classes(self, exclude: str | None = None) -> frozenset[str]:
        """Ids and classes of current medications, leaving out ``exclude`` (the drug being judged)."""
        drugs = load_drugs()
        found = {m for m in self.medications if m != exclude}
        return frozenset(found | {drugs[m].drug_class for m in found})


def build_profile(case: Case, crcl: float | None, mme: float | None, phq9_item9: int | None) -> Profile:
    """Flatten a case and its derived values into a :class:`Profile`."""
    etiology = etiologies().get(case.pain.etiology or "unknown")
    return Profile(
        age=case.patient.age,
        sex=case.patient.sex,
        pregnant=case.patient.pregnant,
        hla_b_1502=case.patient.hla_b_1502,
        crcl=crcl,
        mme=mme,
        phq9_item9=phq9_item9,
        conditions=frozenset(case.conditions),
        medications=frozenset(m.id for m in case.medications),
        etiology=case.pain.etiology,
        site=etiology.site if etiology else Site.unknown,
        polyneuropathy=bool(etiology and etiology.polyneuropathy),
        red_flags=frozenset(case.red_flag_findings),
        tests_done=frozenset(case.tests.done),
        duration_months=case.pain.duration_months,
        nrs_average=case.pain.nrs_average,
        lesion_confirmed=case.tests.confirms_lesion,
        localized=case.pain.localized,
    )
