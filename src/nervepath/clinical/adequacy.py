"""What makes a drug trial adequate: the one definition used by ``assess``, outcomes, pages and reports.

A trial is adequate when both hold (the numbers come from the drug table, ``data/clinical/drugs.yaml``,
with their sources - Dworkin 2007, NeuPSIG 2015):

- weeks on the trial in total >= ``adequate_trial_weeks``, and
- weeks at an effective dose >= ``weeks_at_max_for_adequate``, where the effective dose is the drug's
  ``effective_min_daily_mg``, or this patient's maximum when that is lower (a renal maximum below the
  usual effective dose: the patient cannot take more, so their maximum is what an adequate trial reaches).
  A drug without an effective dose in the table (plasters, patches) counts every week on it.

Each requirement the drug table leaves empty is not checked. A known gap makes the trial inadequate; with
no gap the trial is adequate when the table gives the trial length, and of unknown adequacy (None) when it
does not (a trial cannot be known to be long enough without a length to hold it against).

Example: amitriptyline (6 weeks in all, 2 at >= 25 mg/day) at 25 mg/day for 2 weeks, stopped: 2 weeks at
an effective dose, but only 2 of 6 weeks on the drug - inadequate, "at least 4 more weeks on the drug".
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Requirement:
    """What makes a trial of one drug adequate for one patient.

    ``trial_weeks``: weeks on the drug in total; ``weeks_at_effective_dose``: weeks at or above
    ``effective_daily_mg`` (already lowered to the patient's maximum). None means the drug table
    gives no such number.
    """

    trial_weeks: float | None
    weeks_at_effective_dose: float | None
    effective_daily_mg: float | None

    @property
    def known(self) -> bool:
        """True when the drug table gives a trial length, so that a trial can be known to be adequate."""
        return self.trial_weeks is not None


@dataclass(frozen=True, slots=True)
class Adequacy:
    """The verdict on one trial: adequate (True / False / None for unknown) and what is still missing."""

    adequate: bool | None
    dose_needed_mg: float | None = None
    more_weeks_on_drug: int = 0
    more_weeks_at_effective_dose: int = 0

    @property
    def missing(self) -> str:
        """What is still missing for an adequate trial, in plain words ("" when nothing is)."""
        gaps: list[str] = []
        if self.dose_needed_mg is not None:
            gaps.append(f"reach at least {self.dose_needed_mg:g} mg/day")
        if self.more_weeks_at_effective_dose:
            gaps.append(f"{_more_weeks(self.more_weeks_at_effective_dose)} at an effective dose")
        # Weeks at an effective dose are weeks on the drug too: name the total only when it asks for more.
        if self.more_weeks_on_drug > self.more_weeks_at_effective_dose:
            gaps.append(f"at least {_more_weeks(self.more_weeks_on_drug)} on the drug")
        return "; ".join(gaps)


def effective_dose(effective_min_daily_mg: float | None, patient_max: float | None) -> float | None:
    """The dose that counts as effective for this patient: the drug's lowest effective daily dose, or the
    patient's maximum when that is lower; None when the drug table gives no effective dose."""
    if effective_min_daily_mg is None:
        return None
    if patient_max is None:
        return effective_min_daily_mg
    return min(effective_min_daily_mg, patient_max)


def requirement(
    trial_weeks: float | None,
    weeks_at_effective: float | None,
    effective_min_daily_mg: float | None,
    patient_max: float | None = None,
) -> Requirement:
    """The requirement for one drug and patient, from the drug table's three numbers.

    Takes: ``adequate_trial_weeks``, ``weeks_at_max_for_adequate`` and ``effective_min_daily_mg`` of the
    drug, and the patient's maximum daily dose (renal maximum) or None.
    """
    return Requirement(trial_weeks, weeks_at_effective, effective_dose(effective_min_daily_mg, patient_max))


def judge_adequacy(
    need: Requirement, weeks_on_drug: float, weeks_at_effective: float, top_daily_mg: float | None
) -> Adequacy:
    """Whether a trial was adequate, and what is missing.

    Takes: the requirement, weeks on the drug in total, weeks at or above the effective dose (weeks at any
    dose when the requirement has no effective dose), and the highest daily dose reached (None: unknown).
    Returns: an Adequacy; a missing week is counted up (2.1 weeks short is 3 more weeks).
    Source: Dworkin 2007 (trial length and time at an effective dose); the numbers are the drug table's.
    """
    dose_gap = _dose_gap(need.effective_daily_mg, top_daily_mg)
    total_gap = _weeks_short(need.trial_weeks, weeks_on_drug)
    effective_gap = _weeks_short(need.weeks_at_effective_dose, weeks_at_effective)
    gap = dose_gap is not None or total_gap > 0 or effective_gap > 0
    adequate = False if gap else (True if need.known else None)
    return Adequacy(adequate, dose_gap, total_gap, effective_gap)


def _dose_gap(effective: float | None, top: float | None) -> float | None:
    if effective is None or (top is not None and top >= effective):
        return None
    return effective


def _weeks_short(needed: float | None, done: float) -> int:
    return 0 if needed is None else max(0, math.ceil(needed - done))


def _more_weeks(n: int) -> str:
    return "1 more week" if n == 1 else f"{n} more weeks"
