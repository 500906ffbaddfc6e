"""The assess panel on the clinician's patient page: red flags first, grade, tests, options, MME."""

from __future__ import annotations

from datetime import date

from django.test import Client

from nervepath.sources import all_sources
from nervepath.web.pages.assessment import assessment_panel
from nervepath.web.records.medications import add_medication
from nervepath.web.records.models import Patient
from nervepath.web.records.situation import set_situation
from tests.web.conftest import Clinic


def _older_woman_with_reduced_clearance(patient: Patient) -> None:
    # 67 years, 60 kg, creatinine 1.1 mg/dL, female: Cockcroft-Gault gives 47 mL/min.
    patient.birth_date, patient.sex = date(date.today().year - 67, 1, 1), "female"
    patient.save()
    set_situation(
        patient,
        {"weight_kg": 60, "serum_creatinine_mg_dl": 1.1, "pain_etiology": "diabetic_polyneuropathy"},
    )


def test_it_shows_a_renal_adjusted_gabapentin_maximum(as_bob: Client, clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)
    response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    assert response.status_code == 200
    panel = response.context["assessment"]
    gabapentin = next(o for o in panel["now"] + panel["later"] if o["id"] == "gabapentin")
    assert gabapentin["max_daily_mg"] == 1400
    assert "renal_dose_adjusted" in gabapentin["flags"]
    body = response.content.decode()
    row = body[body.index('id="option-gabapentin"') :].split("</tbody>")[0]
    assert "1400 mg/day" in row
    assert "maximum dose lowered for kidney function" in row
    assert "renal_table_gabapentin" not in row  # rule ids stay in the data; the reason and source are shown
    assert "Neurontin (gabapentin)" in row


def test_it_puts_red_flags_and_urgent_referral_before_everything_else(as_bob: Client, clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)
    set_situation(clinic.alice, {"red_flag_findings": ["saddle_anesthesia"]})
    body = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    assert "Urgent referral: same-day assessment needed" in body
    assert body.index("Saddle anesthesia") < body.index("NeuPSIG grade") < body.index("Treatment options")


def test_it_shows_the_grade_tests_and_opioid_load(as_bob: Client, clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)
    add_medication(clinic.alice, "oxycodone", 30)
    response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    result = response.context["assessment"]["result"]
    body = response.content.decode()
    assert f"{result['grading']['level']}</span>" in body
    assert all(reason in body for reason in result["grading"]["reasons"])
    assert "HbA1c" in body
    assert "45 MME/day" in body
    assert "47 mL/min" in body


def test_it_says_what_to_record_when_the_case_cannot_be_assessed(as_bob: Client, clinic: Clinic) -> None:
    response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    assert response.status_code == 200
    assert response.context["assessment"]["missing"]["field"] == "age"
    body = response.content.decode()
    assert "Not assessed yet" in body
    assert f'href="/clinic/patients/{clinic.alice.pk}/situation/"' in body


def test_it_cites_only_registered_sources(clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)
    panel = assessment_panel(clinic.alice)
    cited = {s.id for o in panel["now"] + panel["later"] + panel["workup"] for s in o["cited"]}
    named = {s for o in panel["result"]["options"] + panel["result"]["workup"] for s in o["sources"]}
    assert cited == named
    assert named <= set(all_sources())


def test_it_lists_every_option_once(clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)
    panel = assessment_panel(clinic.alice)
    shown = [o["id"] for o in panel["now"] + panel["later"]]
    assert sorted(shown) == sorted(o["id"] for o in panel["result"]["options"])
    assert {o["status"] for o in panel["now"]} <= {
        "recommended",
        "caution",
        "tried_ineffective",
        "tried_intolerant",
    }


def _option_row(body: str, option_id: str) -> str:
    return body[body.index(f'id="option-{option_id}"') :].split("</tbody>")[0]


def test_it_shows_what_the_patient_takes_now_against_the_maximum(as_bob: Client, clinic: Clinic) -> None:
    _older_woman_with_reduced_clearance(clinic.alice)  # gabapentin at most 1400 mg/day
    medicine = add_medication(clinic.alice, "gabapentin", 4800)
    row = _option_row(as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode(), "gabapentin")
    assert "Taking now:</strong> 4800 mg/day" in row
    assert "above the maximum" in row
    assert "current dose is above the maximum for this patient" in row
    medicine.daily_dose = 900
    medicine.save()
    row = _option_row(as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode(), "gabapentin")
    assert "above the maximum" not in row
    assert "Next step:" in row
    assert "up to 1400 mg a day in all" in row
    spanish = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Toma ahora:</strong> 900 mg/día" in _option_row(spanish, "gabapentin")
