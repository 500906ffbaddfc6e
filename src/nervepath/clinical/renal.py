"""Kidney function and renal dose limits.

Creatinine clearance by Cockcroft-Gault, and the label renal dosing tables (``data/clinical/renal.yaml``)
that turn it into the maximum daily dose for this patient.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, RootModel

from nervepath.datafiles import data_dir, load_model

FEMALE_FACTOR = 0.85
OBESE_BMI = 30
"""From this body-mass index on, Cockcroft-Gault uses adjusted body weight (contracts/case-format v2)."""
ADJUSTED_FRACTION = 0.4
INCH_CM = 2.54


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
    age: float,
    weight_kg: float | None,
    creatinine_mg_dl: float | None,
    sex: str | None,
    height_cm: float | None = None,
) -> float | None:
    """Cockcroft-Gault CrCl, or None when weight, creatinine or sex is unknown (never assumed normal).

    The weight is the one :func:`clearance_weight` chooses: adjusted body weight at a BMI of 30 or more.
    """
    if weight_kg is None or creatinine_mg_dl is None or sex is None:
        return None
    weight = clearance_weight(weight_kg, height_cm, sex).kg
    return max(cockcroft_gault(age, weight, creatinine_mg_dl, sex == "female"), 0.0)


def body_mass_index(weight_kg: float | None, height_cm: float | None) -> float | None:
    """BMI in kg/m2, rounded to 1 decimal; None when weight or height is unknown."""
    if weight_kg is None or height_cm is None:
        return None
    return round(weight_kg / (height_cm / 100) ** 2, 1)


def ideal_body_weight(height_cm: float, female: bool) -> float:
    """Ideal body weight in kg by Devine (1974): 50 kg (45.5 kg for women) + 2.3 kg per inch over 5 feet.

    Example: 178 cm (70.1 in), male -> 50 + 2.3 x 10.1 = 73.2 kg. Source ``devine_1974``.
    """
    inches_over_five_feet = max(height_cm / INCH_CM - 60, 0)
    return round((45.5 if female else 50.0) + 2.3 * inches_over_five_feet, 1)


class ClearanceWeight(BaseModel):
    """The weight Cockcroft-Gault used, and which one it is (``actual`` or ``adjusted``)."""

    model_config = ConfigDict(frozen=True)

    kg: float
    kind: str
    bmi: float | None = None


def clearance_weight(weight_kg: float, height_cm: float | None, sex: str | None) -> ClearanceWeight:
    """The weight for Cockcroft-Gault: actual body weight, or at a BMI of 30 or more adjusted body
    weight, ideal + 0.4 x (actual - ideal) (never above the actual weight).

    Example: 120 kg, 170 cm, male: BMI 41.5, ideal 65.9 kg -> adjusted 87.5 kg.
    Source: Devine 1974 (ideal weight); the 0.4 adjustment as taught in clinical pharmacokinetics
    (Bauer, ``adjusted_body_weight``); the BMI threshold is the case-format contract's.
    """
    bmi = body_mass_index(weight_kg, height_cm)
    if bmi is None or height_cm is None or sex is None or bmi < OBESE_BMI:
        return ClearanceWeight(kg=weight_kg, kind="actual", bmi=bmi)
    ideal = ideal_body_weight(height_cm, sex == "female")
    adjusted = round(ideal + ADJUSTED_FRACTION * (weight_kg - ideal), 1)
    return ClearanceWeight(kg=min(adjusted, weight_kg), kind="adjusted", bmi=bmi)


class Band(BaseModel):
    """One row of a renal table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    from_ml_min: float = Field(ge=0)
    inclusive: bool = True
    max_daily_mg: float | None = Field(default=None, gt=0)
    factor: float | None = Field(default=None, gt=0, le=1)
    proportional_below: float | None = Field(default=None, gt=0)
    label: str
    start: str | None = None
    """How to start in this band, when the label's renal table changes the usual start."""
    titration: str | None = None
    """How to titrate in this band, when the label's renal table changes the usual steps."""
    note: str | None = None

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
    """The renal limit for one drug and patient: the max, whether it was lowered, and why.

    ``start`` and ``titration`` replace the drug's usual start and titration text when the patient's band
    changes them (None: the usual text holds).
    """

    model_config = ConfigDict(frozen=True)

    max_daily_mg: float | None
    adjusted: bool
    band: str
    sources: list[str]
    start: str | None = None
    titration: str | None = None


@cache
def renal_tables() -> dict[str, RenalTable]:
    """Every renal table by drug id."""
    file = data_dir("clinical", "renal.yaml")
    return {t.drug: t for t in load_model(_RenalTables, file, "clinical/renal.yaml").root}


def renal_max(drug_id: str, usual_max: float | None, crcl: float | None) -> RenalDose | None:
    """The maximum daily dose of ``drug_id`` for a patient with clearance ``crcl``.

    Takes: the drug's usual maximum (mg/day) and the patient's CrCl (mL/min) or None when unknown.
    Returns: a RenalDose (maximum, band, and the band's start and titration text when it changes them),
    or None when the drug has no renal table or CrCl is unknown.
    Source: the label tables in data/clinical/renal.yaml (Neurontin, Lyrica, Ultram, Effexor XR).
    """
    table = renal_tables().get(drug_id)
    if table is None or crcl is None:
        return None
    band = next(b for b in table.bands if b.covers(crcl))
    limit = _band_limit(band, usual_max, crcl)
    adjusted = limit is not None and (usual_max is None or limit < usual_max)
    return RenalDose(
        max_daily_mg=limit,
        adjusted=adjusted,
        band=band.label,
        sources=table.sources,
        start=band.start,
        titration=band.titration,
    )


def _band_limit(band: Band, usual_max: float | None, crcl: float) -> float | None:
    if band.factor is not None:
        return None if usual_max is None else round(usual_max * band.factor, 2)
    if band.max_daily_mg is None:
        return usual_max
    if band.proportional_below is not None and crcl < band.proportional_below:
        return round(band.max_daily_mg * crcl / band.proportional_below)
    return band.max_daily_mg
