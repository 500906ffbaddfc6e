"""The clinician's pages say the data files' clinical words in the reader's language: a Spanish page
shows the red flag, the drug, the status and the rule's reason in Spanish; the English page keeps
the English of the data files.

Personas (tests/web/conftest.py): bob is alice's clinician. Alice is 70, with a red flag (progressive
weakness) and a running gabapentin trial, so the gabapentinoid rule for older adults fires.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client

from nervepath.web.records.situation import set_situation
from nervepath.web.records.trials import start_trial
from tests.web.conftest import Clinic, _web_settings, clinic  # noqa: F401 - the web personas

OLDER_ADULT_REASON = (
    "Age 65 or over: a risk factor for breathing problems and sedation with gabapentinoids; "
    "start low and monitor."
)

Page = Callable[[str, str], str]


@pytest.fixture
def page(clinic: Clinic) -> Page:  # noqa: F811 - the fixture imported above
    """``page(language, path)``: the body of ``path`` as bob, asked for in ``language``."""
    alice = clinic.alice
    alice.birth_date, alice.sex = date(date.today().year - 70, 1, 1), "male"
    alice.save()
    findings = {"red_flag_findings": ["progressive_weakness"], "pain_etiology": "diabetic_polyneuropathy"}
    set_situation(alice, {"weight_kg": 80, "serum_creatinine_mg_dl": 0.9, **findings})
    start_trial(alice, "gabapentin", date.today() - timedelta(days=10), 300)

    def get(language: str, path: str) -> str:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(clinic.bob.user)
        response = client.get(path.format(alice=alice.pk))
        assert response.status_code == 200
        assert response.headers["Content-Language"] == language
        return str(response.content.decode())

    return get


def test_it_shows_the_patient_page_in_spanish_clinical_words(page: Page) -> None:
    body = page("es", "/clinic/patients/{alice}/")
    assert "Señal de alarma: debilidad progresiva" in body
    assert "<strong>Debilidad progresiva</strong>" in body
    assert "síndrome de la cola de caballo o compresión de la médula espinal" in body
    assert "Gabapentina" in body
    assert "Pregabalina" in body
    assert "Usar con precaución" in body
    assert "65 años o más: factor de riesgo de problemas respiratorios" in body
    assert "riesgo de depresión respiratoria" in body
    assert "Glucemia en ayunas" in body
    for english in (
        "Progressive weakness",
        "Gabapentin<",
        OLDER_ADULT_REASON,
        "risk of breathing depression",
    ):
        assert english not in body


def test_it_keeps_the_english_page_in_the_data_files_words(page: Page) -> None:
    body = page("en", "/clinic/patients/{alice}/")
    assert "Red flag: progressive weakness" in body
    assert "<strong>Progressive weakness</strong>" in body
    assert "Gabapentin" in body
    assert "Gabapentina" not in body
    assert "Use with caution" in body
    assert OLDER_ADULT_REASON in body
    assert "risk of breathing depression" in body
    assert "Fasting blood glucose" in body


def test_it_lists_the_red_flag_and_treatment_in_spanish_on_the_clinic_list(page: Page) -> None:
    body = page("es", "/clinic/")
    assert "Señal de alarma: debilidad progresiva" in body
    assert "Gabapentina 300 mg/día" in body
    assert "progressive weakness" not in body


def test_it_offers_the_situation_choices_in_spanish(page: Page) -> None:
    body = page("es", "/clinic/patients/{alice}/situation/")
    assert "Debilidad progresiva (síndrome de la cola de caballo o compresión de la médula espinal)" in body
    assert "Hemograma completo" in body
    assert "Full blood count" not in body
    assert "Progressive weakness" not in body


def test_it_names_the_trial_in_spanish_on_the_patients_treatments_page(clinic: Clinic, page: Page) -> None:  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(clinic.alice.user)
    body = client.get("/treatments/").content.decode()
    assert "Gabapentina" in body
    assert "Gabapentin<" not in body
