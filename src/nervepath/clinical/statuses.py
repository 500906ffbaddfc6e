"""What the core says about a treatment option: its status and the safety flags it carries.

Both are closed vocabularies fixed by contracts/case-format.md (``options[].status``, ``options[].flags``),
so they are enums, typed from the core to the shells, which alone turn them into words: the clinic page
(translated), the human CLI output and the reports (``data/reports/statuses.yaml``,
``data/clinical/flags.yaml``). A ``StrEnum`` member is its id string: ``json.dumps``, pydantic and
templates write ``"tried_ineffective"``, never the member's repr. Each member's name equals its value,
so a member and its id string are the same dictionary key.
"""

from __future__ import annotations

from enum import StrEnum


class OptionStatus(StrEnum):
    """``options[].status``: what the clinician may do with an option for this patient."""

    recommended = "recommended"
    caution = "caution"
    avoid = "avoid"
    not_recommended = "not_recommended"
    tried_ineffective = "tried_ineffective"
    tried_intolerant = "tried_intolerant"
    not_yet = "not_yet"


class OptionFlag(StrEnum):
    """``options[].flags``: what to watch. ``renal_dose_adjusted`` comes from the label renal tables, every
    other flag from a safety rule (``data/rules/safety.yaml``). The first block is the contract's."""

    renal_dose_adjusted = "renal_dose_adjusted"
    renal_avoid = "renal_avoid"
    cardiac = "cardiac"
    anticholinergic_elderly = "anticholinergic_elderly"
    glaucoma = "glaucoma"
    urinary_retention = "urinary_retention"
    serotonergic_interaction = "serotonergic_interaction"
    cns_depressant_interaction = "cns_depressant_interaction"
    respiratory_depression = "respiratory_depression"
    hepatic = "hepatic"
    hypertension = "hypertension"
    hla_b_1502 = "hla_b_1502"
    hyponatremia = "hyponatremia"
    suicide_risk = "suicide_risk"
    pregnancy = "pregnancy"
    mao_inhibitor = "mao_inhibitor"
    misuse_risk = "misuse_risk"
    high_mme = "high_mme"
    renal_function_unknown = "renal_function_unknown"
    seizure_risk = "seizure_risk"
    drug_interaction = "drug_interaction"
    falls = "falls"
    # The contract's v2 additions.
    duplicate_class = "duplicate_class"
    above_maximum = "above_maximum"
    opioid_naive = "opioid_naive"
    bleeding_risk = "bleeding_risk"
    taper = "taper"
    bipolar = "bipolar"
    alcohol = "alcohol"
    long_qt = "long_qt"
    lactation = "lactation"
    ecg_first = "ecg_first"


USABLE = frozenset({OptionStatus.recommended, OptionStatus.caution})
"""What may be started now (with its dose), flagged or not."""
TRIED = frozenset({OptionStatus.tried_ineffective, OptionStatus.tried_intolerant})
"""A past trial failed: the option is not offered again."""
UNUSABLE = frozenset({OptionStatus.avoid, OptionStatus.not_recommended})
"""Not for this patient: a contraindication, or the guidelines advise against it."""
