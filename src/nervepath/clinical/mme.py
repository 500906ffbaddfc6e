"""Morphine milligram equivalents per day (MME/day) of the patient's current opioids.

MME/day = sum of daily dose x CDC 2022 conversion factor (``mme_factor`` in data/clinical/drugs.yaml);
the fentanyl patch is dosed in mcg/h (factor 2.4). Buprenorphine has no factor and is left out with a
note. MME is a risk gauge, never a conversion table between opioids (CDC 2022).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nervepath.clinical.drugs import load_drugs


@dataclass(frozen=True)
class MmeResult:
    """MME/day (None when no opioid dose is known) and notes on opioids that could not be counted."""

    per_day: float | None
    notes: list[str] = field(default_factory=list)


def mme_per_day(medications: Iterable[tuple[str, float | None]]) -> MmeResult:
    """Total MME/day of the given (drug id, daily dose) pairs.

    Takes: current medications as (id, daily mg, or mcg/h for fentanyl_patch).
    Returns: MmeResult; ``per_day`` is 0 when the patient takes no opioid, None when an opioid's dose
    is missing (unknown, not zero). Source: CDC 2022 (``cdc_opioids_2022``), e.g. oxycodone 30 mg -> 45.
    """
    drugs = load_drugs()
    total, notes, unknown = 0.0, [], False
    for drug_id, daily in medications:
        drug = drugs[drug_id]
        if drug.drug_class != "opioid":
            continue
        if drug.mme_factor is None:
            notes.append(f"{drug_id}: no CDC conversion factor, not counted in MME/day")
        elif daily is None:
            notes.append(f"{drug_id}: daily dose not given, MME/day unknown")
            unknown = True
        else:
            total += daily * drug.mme_factor
    return MmeResult(None if unknown else round(total, 1), notes)


TOLERANT_MME = 60
TOLERANT_WEEKS = 1


def opioid_tolerant(medications: Sequence[tuple[str, float | None, float | None]]) -> bool:
    """True when the current opioids taken for at least a week add up to 60 MME/day or more.

    Takes: current medications as (id, daily dose, weeks at that dose or None when not known; an
    unknown duration counts as at least a week, as the case-format contract says).
    The FDA's definition (opioid-tolerant: about 60 mg oral morphine a day or an equianalgesic dose for
    a week or longer) as the contract states it in MME; an opioid without a known dose or factor adds
    nothing, so a doubtful case is never called tolerant. Source: label_fentanyl_patch, cdc_opioids_2022.
    """
    lasting = [(d, mg) for d, mg, weeks in medications if weeks is None or weeks >= TOLERANT_WEEKS]
    drugs = load_drugs()
    total = sum(
        mg * (drugs[d].mme_factor or 0)
        for d, mg in lasting
        if mg is not None and drugs[d].drug_class == "opioid"
    )
    return total >= TOLERANT_MME
