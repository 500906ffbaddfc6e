"""Kidney function and renal dose limits.

Creatinine clearance by Cockcroft-Gault, and the label renal dosing tables (``data/clinical/renal.yaml``)
that turn it into the maximum daily dose for this patient.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import data_dir, load_model

FEMALE_FACTOR = 0.85


def cockcroft_gault(age: float, weight_kg: float, creatinine_mg_dl: float, female: bool) -> float:
    """Creatinine clearance in mL/min, rounded to 1 decimal.

    Formula: CrCl = (140 - age) x weight / (72 x serum creatinine), x 0.85 for women;
    age in years, weight in kg (actual body weight), creatinine in mg/dL.
    Reference: Cockcroft DW, Gault MH. Nephron 1976;16:31-41 (source ``cockcroft_gault_1976``); the
    gabapentin and pregabalin labels dose by this estimate, not by eGFR.
    Example: 67 y, 60 kg, 1.1 mg/dL, female -> (73 x 60) / 79.2 x 0.85 = 47.0.
    Raises: ValueError when weight or creatinine is not positive.
    """
    if weight_kg <= 0 or creatinine_mg_dl <= 0:
        raise ValueError("weight and serum creatinine must be positive")
    clearance = (140 - age) * weight_kg / (72 * creatinine_mg_dl)
    return round(clearance * (FEMALE_FACTOR if female else 1.0), 1)


def creatinine_clearance(
    age: float, weight_kg: float | None, creatinine_mg_dl: float | None, sex: str | None
) -> float | None:
    """Cockcroft-Gault CrCl, or None when weight, creatinine or sex is unknown (never assumed normal)."""
    if weight_kg is None or creatinine_mg_dl is None or sex is None:
        return None
    return max(cockcroft_gault(age, weight_kg, creatinine_mg_dl, sex == "female"), 0.0)


class Band(BaseModel):
    """One row of a renal table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    from_ml_min: float = Field(ge=0)
    inclusive: bool = True
    max_daily_mg: float | None = Field(default=None, gt=0)
    factor: float | None = Field(default=None, gt=0, le=1)
    proportional_below: float | None = Field(default=None, gt=0)
    label: str

    def covers(self, crcl: float) -> bool:
        """True when ``crcl`` meets this band's lower bound."""
        return crcl >= self.from_ml_min if self.inclusive else crcl > self.from_ml_min


class RenalTable(BaseModel):
    """The label renal table of one drug."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    drug: str
    confirmed: bool = True
    note: str | None = None
    sources: list[str] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)


class _RenalTables(RootModel[list[RenalTable]]):
    """A data file holding a list of RenalTable."""


class RenalDose(BaseModel):
    """The renal limit for one drug and patient: the max, whether it was lowered, and why."""

    model_config = ConfigDict(frozen=True)

    max_daily_mg: float | None
    adjusted: bool
    band: str
    sources: list[str]


@cache
def renal_tables() -> dict[str, RenalTable]:
    """Every renal table by drug id."""
    file = data_dir("clinical", "renal.yaml")
    return {t.drug: t for t in load_model(_RenalTables, file, "clinical/renal.yaml").root}


def renal_max(drug_id: str, usual_max: float | None, crcl: float | None) -> RenalDose | None:
    """The maximum daily dose of ``drug_id`` for a patient with clearance ``crcl``.

    Takes: the drug's usual maximum (mg/day) and the patient's CrCl (mL/min) or None when unknown.
    Returns: a RenalDose, or None when the drug has no renal table or CrCl is unknown.
    Source: the label tables in data/clinical/renal.yaml (Neurontin, Lyrica, Ultram, Effexor).
    """
    table = renal_tables().get(drug_id)
    if table is None or crcl is None:
        return None
    band = next(b for b in table.bands if b.covers(crcl))
    limit = _band_limit(band, usual_max, crcl)
    adjusted = limit is not None and (usual_max is None or limit < usual_max)
    return RenalDose(max_daily_mg=limit, adjusted=adjusted, band=band.label, sources=table.sources)


def _band_limit(band: Band, usual_max: float | None, crcl: float) -> float | None:
    if band.factor is not None:
        return None if usual_max is None else round(usual_max * band.factor, 2)
    if band.max_daily_mg is None:
        return usual_max
    if band.proportional_below is not None and crcl < band.proportional_below:
        return round(band.max_daily_mg * crcl / band.proportional_below)
    return band.max_daily_mg
