"""Properties of the writes, over many generated inputs: a clinical situation is either stored as
answered or refused with 422 and nothing changed, never a 5xx; every known drug can be added."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nervepath.clinical import identifiers
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.web.records.models import ClinicalSituation, Medication, Patient
from tests.api.conftest import Api, World


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def known_or_not(ids: Any, stranger: str) -> st.SearchStrategy[str]:
    return st.sampled_from([*ids, stranger])


NUMBER = st.floats(allow_nan=False, allow_infinity=False)
SITUATIONS = st.fixed_dictionaries(
    {},
    optional={
        "age": maybe(st.integers(-5, 200)),
        "weight_kg": maybe(NUMBER),
        "serum_creatinine_mg_dl": maybe(NUMBER),
        "pregnant": maybe(st.booleans()),
        "hla_b_1502": maybe(st.sampled_from(["positive", "negative", "unknown"])),
        "alcohol_units_per_week": maybe(NUMBER),
        "pain_duration_months": maybe(NUMBER),
        "pain_etiology": maybe(known_or_not(identifiers.etiologies(), "bad_luck")),
        "pain_distribution_plausible": maybe(st.booleans()),
        "pain_localized": maybe(st.booleans()),
        "pain_nrs_average": maybe(st.integers(-1, 11)),
        "sensory_signs_in_painful_area": maybe(st.booleans()),
        "tests_confirm_lesion": maybe(st.booleans()),
        "tests_done": st.lists(known_or_not(identifiers.tests(), "tea_leaves"), max_size=4),
        "red_flag_findings": st.lists(known_or_not(red_flag_catalogue(), "bad_mood"), max_size=3),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=SITUATIONS)
def test_it_stores_a_situation_as_answered_or_refuses_it_whole(
    as_bob: Api, world: World, body: dict[str, Any]
) -> None:
    url = f"/patients/{world.clinic.alice.pk}/situation"
    before = list(ClinicalSituation.objects.values())
    response = as_bob.put(url, body)
    assert response.status_code in {200, 201, 422}, response.content
    if response.status_code == 422:
        assert response.json()["error"]["field"]
        assert list(ClinicalSituation.objects.values()) == before
    else:
        assert as_bob.get(url).json() == response.json()


@pytest.mark.parametrize("drug_id", sorted(load_drugs()))
def test_it_adds_every_known_drug_in_its_unit(as_root: Api, world: World, drug_id: str) -> None:
    patient = Patient.objects.create(display_name="New Patient")
    response = as_root.post(f"/patients/{patient.pk}/medications", {"drug_id": drug_id, "daily_dose": 1})
    assert response.status_code == 201, response.content
    assert Medication.objects.get(patient=patient).unit == load_drugs()[drug_id].unit
