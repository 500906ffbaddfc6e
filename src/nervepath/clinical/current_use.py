"""What the patient takes now of one drug, against this patient's maximum (``options[].current``).

A drug is in use when it is a current medication or the drug of a running trial. Its ``current``
entry says the daily dose, whether it is at (or above) the patient's maximum, and the next titration
step, which never goes beyond that maximum. A drug of a class that must not be stopped abruptly
(``data/clinical/tapering.yaml``) and that becomes ``avoid`` while in use gets the ``taper`` flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.clinical.case import Case, Trial
from nervepath.clinical.drugs import Drug, drug_classes
from nervepath.datafiles import data_dir, load_model, require_known
from nervepath.sources import all_sources

TAPERING_FILE = "clinical/tapering.yaml"


class Taper(BaseModel):
    """How to stop a drug of one class when it must not be stopped abruptly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    drug_class: str = Field(alias="class")
    how: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None


class _Tapers(RootModel[list[Taper]]):
    """A data file holding a list of Taper."""


@cache
def tapers() -> dict[str, Taper]:
    """How to stop each drug class that must be tapered, by class."""
    file = data_dir("clinical", "tapering.yaml")
    found = {t.drug_class: t for t in load_model(_Tapers, file, TAPERING_FILE).root}
    for index, taper in enumerate(found.values()):
        require_known(TAPERING_FILE, f"{index}.sources", taper.sources, all_sources())
        require_known(TAPERING_FILE, f"{index}.class", [taper.drug_class], drug_classes())
    return found


def taper_for(drug: Drug) -> Taper | None:
    """The tapering advice for ``drug`` (by any of its classes), or None when it may simply be stopped."""
    return next((tapers()[c] for c in sorted(drug.classes) if c in tapers()), None)


@dataclass(frozen=True)
class CurrentUse:
    """The dose taken now (mg a day, or the drug's unit), at or above the patient's maximum, next step."""

    daily_mg: float | None
    at_max: bool
    above_max: bool
    next_step: str | None

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``options[].current``: ``daily_mg``, ``at_max``, ``next_step``."""
        dose = self.daily_mg
        shown = int(dose) if dose is not None and float(dose).is_integer() else dose
        return {"daily_mg": shown, "at_max": self.at_max, "next_step": self.next_step}


def doses_taken(case: Case) -> list[tuple[str, float | None, float | None]]:
    """What the patient takes now as (drug id, daily dose, weeks at that dose): every current medication,
    then the drug of each running trial not already on the list, at its dose now (weeks at its highest)."""
    taken = [(m.id, m.daily_mg, m.weeks) for m in case.medications]
    listed = {m.id for m in case.medications}
    for trial in case.trials:
        if trial.stopped_because == "ongoing" and trial.drug not in listed:
            taken.append((trial.drug, _now(trial), trial.weeks_at_max_dose))
            listed.add(trial.drug)
    return taken


def current_dose(case: Case, drug_id: str) -> tuple[bool, float | None]:
    """Whether the patient takes ``drug_id`` now, and the daily dose: the medication list's dose,
    else the dose of a running trial now (None when not known)."""
    for medication in case.medications:
        if medication.id == drug_id:
            return True, medication.daily_mg
    running = [t for t in case.trials if t.drug == drug_id and t.stopped_because == "ongoing"]
    if running:
        return True, _now(running[-1])
    return False, None


def _now(trial: Trial) -> float | None:
    """A running trial's dose now: ``current_daily_mg`` when given, else its highest dose."""
    return trial.current_daily_mg if trial.current_daily_mg is not None else trial.max_daily_mg


def current_use(
    drug: Drug, daily: float | None, patient_max: float | None, titration: str | None = None
) -> CurrentUse:
    """The ``current`` entry of a drug in use at ``daily`` for a patient whose maximum is ``patient_max``.

    ``next_step`` is the titration (``titration``, the kidney band's when it has one, else the drug's)
    with the ceiling written in ("up to 3600 mg a day in all"), None at or above the maximum or when the
    data gives no titration.
    Example: gabapentin 900 mg/day, maximum 1400 (CrCl 45) -> at_max False, next step ending "up to
    1400 mg a day in all"; 1400 or 4800 -> at_max True, next_step None.
    """
    at_max = daily is not None and patient_max is not None and daily >= patient_max
    above = daily is not None and patient_max is not None and daily > patient_max
    step = titration or drug.titration
    if at_max or step is None:
        return CurrentUse(daily, at_max, above, None)
    ceiling = f"; up to {daily_amount(patient_max, drug)} in all" if patient_max is not None else ""
    return CurrentUse(daily, at_max, above, f"{step}{ceiling}")


def daily_amount(value: float, drug: Drug) -> str:
    """A daily amount in words: "3600 mg a day"; a patch's rate is "25 mcg/h" (no "a day")."""
    return f"{value:g} mcg/h" if drug.unit == "mcg_per_h" else f"{value:g} {drug.unit} a day"
