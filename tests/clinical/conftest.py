"""Small cases: a healthy 50-year-old man with painful diabetic neuropathy, plus overrides."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from nervepath.clinical.assess import assess_json

BASE: dict[str, Any] = {
    "patient": {
        "age": 50,
        "sex": "male",
        "weight_kg": 80,
        "serum_creatinine_mg_dl": 1.0,
        "hla_b_1502": "negative",
    },
    "pain": {
        "duration_months": 4,
        "etiology": "diabetic_polyneuropathy",
        "distribution_plausible": True,
        "localized": False,
        "nrs_average": 6,
    },
}


def make_case(**overrides: Any) -> dict[str, Any]:
    """BASE with top-level keys replaced and `patient`/`pain` keys merged."""
    case = copy.deepcopy(BASE)
    for key, value in overrides.items():
        if key in ("patient", "pain") and isinstance(value, dict):
            case[key].update(value)
        else:
            case[key] = value
    return case


def option(result: dict[str, Any], option_id: str) -> dict[str, Any]:
    return next(o for o in result["options"] if o["id"] == option_id)


@pytest.fixture
def run():
    return assess_json
