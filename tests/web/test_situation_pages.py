"""The clinician's situation page: record the clinical situation, conditions and current medicines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.medications import add_medication
from nervepath.web.records.models import ClinicalSituation, Condition, Medication
from nervepath.web.records.situation import set_situation
from tests.web.conftest import Clinic

SITUATION = {
    "birth_date": "1958-03-04",
    "sex": "female",
    "weight_kg": "60",
    "serum_creatinine_mg_dl": "1.1",
    "pregnant": "false",
    "hla_b_1502": "",
    "pain_etiology": "diabetic_polyneuropathy",
    "pain_duration_months": "9",
    "pain_distribution_plausible": "true",
    "pain_localized": "false",
    "sensory_signs_in_painful_area": "true",
    "tests_confirm_lesion": "unknown",
    "red_flag_findings": [],
    "alcohol_units_per_week": "4",
    "version": "",
}


def _url(clinic: Clinic, tail: str = "situation/") -> str:
    return f"/clinic/patients/{clinic.alice.pk}/{tail}"


def test_it_records_the_situation_and_the_patient_details(as_bob: Client, clinic: Clinic) -> None:
    response = as_bob.post(_url(clinic), SITUATION)
    assert response.status_code == 302
    row = ClinicalSituation.objects.get(patient=clinic.alice)
    assert (row.weight_kg, row.serum_creatinine_mg_dl, row.pain_etiology) == (
        60,
        1.1,
        "diabetic_polyneuropathy",
    )
    assert (row.pregnant, row.pain_localized, row.tests_confirm_lesion) == (False, False, None)
    clinic.alice.refresh_from_db()
    assert (clinic.alice.birth_date, clinic.alice.sex) == (date(1958, 3, 4), "female")
    assert AuditEvent.objects.filter(action="change", object_type="clinicalsituation").count() == 1


def test_it_shows_the_stored_values_and_audits_the_read(as_bob: Client, clinic: Clinic) -> None:
    set_situation(clinic.alice, {"weight_kg": 72, "pain_etiology": "postherpetic_neuralgia"})
    response = as_bob.get(_url(clinic))
    form = response.context["situation_form"]
    assert (form["weight_kg"].value(), form["pain_etiology"].value(), form["version"].value()) == (
        72,
        "postherpetic_neuralgia",
        1,
    )
    assert AuditEvent.objects.filter(action="read", object_type="clinical_situation").exists()


@pytest.mark.parametrize(
    ("field", "value", "shown_on"),
    [
        ("weight_kg", "3", "weight_kg"),
        ("serum_creatinine_mg_dl", "55", "serum_creatinine_mg_dl"),
        ("birth_date", "2015-01-01", "birth_date"),
        ("birth_date", (date.today() + timedelta(days=3)).isoformat(), "birth_date"),
        ("pain_duration_months", "-2", "pain_duration_months"),
        ("pain_etiology", "broken_heart", "pain_etiology"),
        ("red_flag_findings", "itchy_nose", "red_flag_findings"),
        ("alcohol_units_per_week", "nan", "alcohol_units_per_week"),
        ("height_cm", "20", "height_cm"),
    ],
)
def test_it_shows_an_error_next_to_the_field_and_saves_nothing(
    as_bob: Client, clinic: Clinic, field: str, value: str, shown_on: str
) -> None:
    response = as_bob.post(_url(clinic), SITUATION | {field: value})
    assert response.status_code == 400
    assert response.context["situation_form"].errors[shown_on]
    assert not ClinicalSituation.objects.exists()
    clinic.alice.refresh_from_db()
    assert (clinic.alice.birth_date, clinic.alice.sex) == (None, "unknown")


def test_it_records_the_v2_inputs(as_bob: Client, clinic: Clinic) -> None:
    extra = {
        "height_cm": "165",
        "lactating": "true",
        "hla_risk_ancestry": "false",
        "pain_distal_symmetric": "true",
    }
    assert as_bob.post(_url(clinic), SITUATION | extra).status_code == 302
    row = ClinicalSituation.objects.get(patient=clinic.alice)
    assert (row.height_cm, row.lactating, row.hla_risk_ancestry, row.pain_distal_symmetric) == (
        165,
        True,
        False,
        True,
    )
    spanish = as_bob.get(_url(clinic), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Lactancia materna" in spanish
    assert "Altura (cm)" in spanish


def test_it_keeps_the_birth_date_when_the_situation_is_refused(as_bob: Client, clinic: Clinic) -> None:
    # Pregnant and male contradict each other: the service refuses, and the sex change rolls back too.
    response = as_bob.post(_url(clinic), SITUATION | {"sex": "male", "pregnant": "true"})
    assert response.status_code == 400
    assert "contradictory" in response.content.decode()
    clinic.alice.refresh_from_db()
    assert clinic.alice.sex == "unknown"


def test_it_refuses_a_stale_version(as_bob: Client, clinic: Clinic) -> None:
    set_situation(clinic.alice, {"weight_kg": 72})
    set_situation(clinic.alice, {"weight_kg": 74})
    response = as_bob.post(_url(clinic), SITUATION | {"version": "1"})
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert ClinicalSituation.objects.get().weight_kg == 74


def test_it_adds_and_removes_a_condition(as_bob: Client, clinic: Clinic) -> None:
    response = as_bob.post(_url(clinic, "conditions/"), {"condition": "hypertension", "onset_date": ""})
    assert response.status_code == 302
    assert list(clinic.alice.conditions.values_list("condition_id", flat=True)) == ["hypertension"]
    response = as_bob.post(_url(clinic, "conditions/remove/"), {"condition": "hypertension"})
    assert response.status_code == 302
    assert not Condition.objects.exists()
    events = AuditEvent.objects.filter(object_type="condition").order_by("pk")
    assert [e.action for e in events] == ["change", "delete"]
    assert events[0].object_id == events[1].object_id


def test_it_leaves_the_cause_to_the_clinician_when_a_condition_could_be_it(
    as_bob: Client, clinic: Clinic
) -> None:
    set_situation(clinic.alice, {"age": 52})
    response = as_bob.post(_url(clinic, "conditions/"), {"condition": "multiple_sclerosis", "onset_date": ""})
    assert response.status_code == 302
    page = as_bob.get(_url(clinic, "")).content.decode()
    assert "Cause not established, but a relevant condition is known: multiple sclerosis." in page
    assert f'href="{_url(clinic)}"' in page
    cause = as_bob.get(_url(clinic)).context["situation_form"]["pain_etiology"]
    assert cause.value() in (None, "")
    assert "multiple_sclerosis" in [value for value, _label in cause.field.choices]
    assert ClinicalSituation.objects.get(patient=clinic.alice).pain_etiology == ""


def test_it_refuses_an_unknown_or_unrecorded_condition(as_bob: Client, clinic: Clinic) -> None:
    assert as_bob.post(_url(clinic, "conditions/"), {"condition": "gout_of_the_soul"}).status_code == 400
    assert as_bob.post(_url(clinic, "conditions/remove/"), {"condition": "hypertension"}).status_code == 400
    assert not Condition.objects.exists()


def test_it_adds_and_stops_a_medicine(as_bob: Client, clinic: Clinic) -> None:
    response = as_bob.post(_url(clinic, "medications/"), {"drug": "oxycodone", "daily_dose": "30"})
    assert response.status_code == 302
    medication = Medication.objects.get(patient=clinic.alice)
    assert (medication.drug_id, medication.daily_dose, medication.unit) == ("oxycodone", 30, "mg")
    today = date.today().isoformat()
    response = as_bob.post(_url(clinic, "medications/stop/"), {"medication": medication.pk, "date": today})
    assert response.status_code == 302
    medication.refresh_from_db()
    assert medication.stop_date is not None


def test_it_refuses_the_same_medicine_twice_next_to_the_field(as_bob: Client, clinic: Clinic) -> None:
    add_medication(clinic.alice, "oxycodone", 30)
    response = as_bob.post(_url(clinic, "medications/"), {"drug": "oxycodone", "daily_dose": "20"})
    assert response.status_code == 400
    assert response.context["medication_form"].errors["drug"]
    assert Medication.objects.count() == 1


def test_it_cannot_stop_another_patients_medicine(as_bob: Client, clinic: Clinic) -> None:
    other = add_medication(clinic.dave, "oxycodone", 30)
    response = as_bob.post(_url(clinic, "medications/stop/"), {"medication": other.pk, "date": ""})
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.stop_date is None


@pytest.mark.parametrize("persona", ["as_alice", "as_carol"])
@pytest.mark.parametrize(
    ("tail", "data"),
    [
        ("situation/", None),
        ("situation/", SITUATION),
        ("conditions/", {"condition": "hypertension"}),
        ("medications/", {"drug": "oxycodone", "daily_dose": "30"}),
    ],
)
def test_it_is_only_for_the_treating_clinician(
    request: pytest.FixtureRequest, clinic: Clinic, persona: str, tail: str, data: Any
) -> None:
    client: Client = request.getfixturevalue(persona)
    url = _url(clinic, tail)
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code == 404
    assert not ClinicalSituation.objects.exists()
    assert not Condition.objects.exists()
    assert not Medication.objects.exists()


def test_it_lets_an_admin_record_the_situation(as_root: Client, clinic: Clinic) -> None:
    assert as_root.post(f"/clinic/patients/{clinic.dave.pk}/situation/", SITUATION).status_code == 302
    assert ClinicalSituation.objects.get().patient == clinic.dave
