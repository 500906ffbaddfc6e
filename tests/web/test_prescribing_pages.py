"""Prescribing checks on the web: a blocked start, dose change or medicine comes back to the form with the
check next to the field it names and nothing written; a reason of 10 characters or more goes through, and
the kept check shows on the trial card, the patient's pages, the clinician report and the care plan.

The scenario of issue 17: gabapentin raised to 4,800 mg a day where the maximum for this patient is
3,600 (normal kidney function), and pregabalin started beside it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nervepath.web.records.models import DoseStep, Medication, Patient, Trial
from nervepath.web.records.situation import set_situation
from nervepath.web.records.validation import today
from tests.reports.pdftext import pages
from tests.web.conftest import Clinic

REASON = "Pain clinic advice: trial of 4800 mg for two weeks, then review"


def _normal_kidneys(patient: Patient) -> None:
    # 50 years, male, 80 kg, creatinine 1.0 mg/dL: Cockcroft-Gault 100 mL/min, gabapentin maximum 3,600 mg.
    patient.birth_date, patient.sex = date(today().year - 50, 1, 1), "male"
    patient.save()
    set_situation(
        patient,
        {"weight_kg": 80, "serum_creatinine_mg_dl": 1.0, "pain_etiology": "diabetic_polyneuropathy"},
    )


def _gabapentin(patient: Patient, daily_mg: float = 1800) -> Trial:
    trial = Trial.objects.create(
        patient=patient, drug_id="gabapentin", start_date=today() - timedelta(days=21)
    )
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=daily_mg)
    return trial


def _raise(client: Client, trial: Trial, daily_mg: str = "4800", **extra: str) -> Any:
    data = {"daily_mg": daily_mg, "date": today().isoformat(), "version": str(trial.version), **extra}
    return client.post(f"/clinic/trials/{trial.pk}/dose/", data)


def _field_block(body: str, marker: str) -> str:
    """The markup of the form field (label, error, help, input) holding ``marker``."""
    at = body.index(marker)
    start = body.rindex('<div class="field', 0, at)
    return body[start : body.index("</div>", at)]


DOSE = 'name="daily_mg"'
SHOWN_REASON = '<textarea name="override_reason"'


@pytest.fixture
def patient(clinic: Clinic) -> Patient:
    _normal_kidneys(clinic.alice)
    return clinic.alice


def test_the_page_says_3600_is_the_maximum_for_this_patient(as_bob: Client, patient: Patient) -> None:
    panel = as_bob.get(f"/clinic/patients/{patient.pk}/").context["assessment"]
    gabapentin = next(o for o in panel["now"] + panel["later"] if o["id"] == "gabapentin")
    assert gabapentin["max_daily_mg"] == 3600


def test_a_dose_above_the_maximum_is_blocked_next_to_the_dose_and_nothing_is_written(
    as_bob: Client, patient: Patient
) -> None:
    trial = _gabapentin(patient)
    response = _raise(as_bob, trial)
    assert response.status_code == 400
    assert [s.daily_mg for s in trial.doses.all()] == [1800]
    trial.refresh_from_db()
    assert (trial.version, trial.checks) == (1, [])
    form = response.context["dose_forms"][trial.pk]
    assert any("above the maximum for this patient" in e and "3,600" in e for e in form.errors["daily_mg"])
    body = response.content.decode()
    dose = _field_block(body, DOSE)
    assert 'class="error"' in dose
    assert "4,800 mg a day is above the maximum" in dose
    reason = _field_block(body, SHOWN_REASON)
    assert "This is above the maximum for this patient. To go ahead anyway, give your reason." in reason


def test_the_form_hides_the_reason_until_a_check_blocks(as_bob: Client, patient: Patient) -> None:
    _gabapentin(patient)
    body = as_bob.get(f"/clinic/patients/{patient.pk}/").content.decode()
    assert re.search(r'<input type="hidden" name="override_reason"', body)
    assert "<textarea" not in body.split("Start a trial")[1].split("</form>")[0]


@pytest.mark.parametrize("reason", ["too high", "   short   ", "123456789"])
def test_a_reason_shorter_than_10_characters_is_refused(
    as_bob: Client, patient: Patient, reason: str
) -> None:
    trial = _gabapentin(patient)
    response = _raise(as_bob, trial, override_reason=reason)
    assert response.status_code == 400
    assert trial.doses.count() == 1
    form = response.context["dose_forms"][trial.pk]
    assert form.errors["override_reason"]
    assert SHOWN_REASON in response.content.decode()


def test_an_override_with_a_reason_writes_the_dose_and_keeps_the_check(
    as_bob: Client, client: Client, clinic: Clinic, patient: Patient
) -> None:
    trial = _gabapentin(patient)
    response = _raise(as_bob, trial, override_reason=REASON)
    assert response.status_code == 302
    assert [s.daily_mg for s in trial.doses.all()] == [1800, 4800]
    trial.refresh_from_db()
    kept = [c for c in trial.checks if c["overridden"]]
    assert [(c["flag"], c["severity"], c["reason"]) for c in kept] == [("above_maximum", "block", REASON)]
    assert all(not c["overridden"] and c["severity"] == "warn" for c in trial.checks if c not in kept)

    page = as_bob.get(f"/clinic/patients/{patient.pk}/")
    message = next(str(m) for m in page.context["messages"])
    assert message.startswith("Dose changed.")
    assert REASON in message
    card = page.content.decode().split('<article class="card trial">')[1].split("</article>")[0]
    assert "Prescribing checks" in card
    assert "Overridden" in card
    assert "4,800 mg a day is above the maximum for this patient, 3,600 mg a day" in card
    assert REASON in card
    assert f"overridden by Dr Bob ({today().isoformat()})" in card  # the author, from the audit log

    client.force_login(clinic.alice.user)
    for path in ("/plan/", "/treatments/"):
        body = client.get(path).content.decode()
        assert "This dose is higher than the usual most for you. Your clinician chose it on purpose." in body
        assert REASON in body
        assert "above_maximum" not in body
        assert "label_maximum_dose" not in body
    plan = client.get("/plan/").content.decode()
    assert "This is above the usual most for you (3,600 mg a day)." in plan


def test_pregabalin_beside_gabapentin_is_blocked_next_to_the_medicine(
    as_bob: Client, patient: Patient
) -> None:
    _gabapentin(patient)
    data = {"drug": "pregabalin", "daily_mg": "150", "start": today().isoformat()}
    response = as_bob.post(f"/clinic/patients/{patient.pk}/trials/", data)
    assert response.status_code == 400
    assert not Trial.objects.filter(drug_id="pregabalin").exists()
    errors = response.context["start_form"].errors["drug"]
    assert any("already takes Gabapentin" in e for e in errors)
    reason = _field_block(response.content.decode(), SHOWN_REASON)
    assert "The patient already takes a medicine of the same class." in reason

    response = as_bob.post(f"/clinic/patients/{patient.pk}/trials/", {**data, "override_reason": REASON})
    assert response.status_code == 302
    trial = Trial.objects.get(drug_id="pregabalin")
    assert [(c["flag"], c["reason"]) for c in trial.checks if c["overridden"]] == [
        ("duplicate_class", REASON)
    ]


def test_a_medicine_of_the_same_class_is_blocked_on_the_situation_page(
    as_bob: Client, patient: Patient
) -> None:
    _gabapentin(patient)
    url = f"/clinic/patients/{patient.pk}/medications/"
    data = {"drug": "pregabalin", "daily_dose": "150", "start_date": ""}
    response = as_bob.post(url, data)
    assert response.status_code == 400
    assert not Medication.objects.filter(patient=patient).exists()
    assert response.context["medication_form"].errors["drug"]
    assert SHOWN_REASON in response.content.decode()

    assert as_bob.post(url, {**data, "override_reason": REASON}).status_code == 302
    row = Medication.objects.get(patient=patient)
    assert [c["reason"] for c in row.checks if c["overridden"]] == [REASON]
    body = as_bob.get(f"/clinic/patients/{patient.pk}/situation/").content.decode()
    assert "Prescribing checks" in body
    assert REASON in body


def test_a_dose_within_the_maximum_goes_through_without_a_reason(as_bob: Client, patient: Patient) -> None:
    trial = _gabapentin(patient)
    assert _raise(as_bob, trial, daily_mg="3600").status_code == 302
    assert [s.daily_mg for s in trial.doses.all()] == [1800, 3600]
    trial.refresh_from_db()
    assert not any(c["severity"] == "block" for c in trial.checks)


def test_the_blocked_form_speaks_spanish(as_bob: Client, patient: Patient) -> None:
    trial = _gabapentin(patient)
    as_bob.cookies["django_language"] = "es"
    try:
        response = _raise(as_bob, trial)
    finally:
        translation.activate("en")
    assert response.status_code == 400
    reason = _field_block(response.content.decode(), SHOWN_REASON)
    assert "Motivo para seguir adelante de todos modos" in reason
    assert (
        "Esto supera el máximo para este paciente. Para seguir adelante de todos modos, indique su motivo."
        in reason
    )
    assert "Al menos 10 caracteres." in reason


def test_the_patients_plan_speaks_spanish(
    as_bob: Client, client: Client, clinic: Clinic, patient: Patient
) -> None:
    trial = _gabapentin(patient)
    assert _raise(as_bob, trial, override_reason=REASON).status_code == 302
    client.force_login(clinic.alice.user)
    client.cookies["django_language"] = "es"
    try:
        body = client.get("/plan/").content.decode()
    finally:
        translation.activate("en")
    assert "Esta dosis es más alta que el máximo habitual para usted." in body
    # Spanish groups thousands with a (no-break) space: 3 600.
    assert re.search(r"Esto supera el máximo habitual para usted \(3\s600 mg al día\)\.", body)


def test_the_clinician_report_and_the_care_plan_show_the_override(
    as_bob: Client, client: Client, clinic: Clinic, patient: Patient
) -> None:
    trial = _gabapentin(patient)
    assert _raise(as_bob, trial, override_reason=REASON).status_code == 302

    report = as_bob.get(f"/clinic/patients/{patient.pk}/report.pdf")
    assert report.status_code == 200
    text = pages(report.content)
    assert "Prescribing check overridden" in text[0]
    assert "4,800 mg a day is above the maximum for this patient, 3,600 mg a day" in text[0]
    assert f"Overridden by Dr Bob: {REASON}" in text[0]
    whole = " ".join(text)
    assert "Prescribing checks" in whole
    assert REASON in whole

    client.force_login(clinic.alice.user)
    plan = " ".join(pages(client.get("/plan.pdf").content))
    assert "This dose is above the usual most for you (3600 mg a day)" in plan
    assert "This dose is higher than the usual most for you. Your clinician chose it on purpose." in plan
    assert REASON in plan
    assert "Never take more than 3600 mg a day" not in plan
    assert "Next step: this is already the most for you" in plan
