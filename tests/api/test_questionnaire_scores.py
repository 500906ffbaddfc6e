"""One truth for a questionnaire's result: scored once, when recorded, and read as stored everywhere.

Seen by a review: a FHIR import stored a PHQ-9 with every answer 3 as the score its bundle carried (0,
"minimal") and no flags; the clinician's table said 0 while the assessment on the same page scored
the answers again and said 27/27 with the self-harm alert (docs/decisions/0009-one-stored-score.md).
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nervepath.reports.careplan import render_careplan_html
from nervepath.reports.clinician import render_clinician_html
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.pages.attention import concerns_for
from nervepath.web.records.models import Patient, QuestionnaireResponse
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.reporting import report_input_for
from nervepath.web.records.validation import today
from tests.api.conftest import Api, World

SRC = Path(__file__).resolve().parents[2] / "src" / "nervepath"


def _phq9_resource(bundle: dict[str, Any]) -> dict[str, Any]:
    found = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    (phq9,) = [r for r in found if r["questionnaire"].endswith("/phq9")]
    return phq9


def _bundle(as_bob: Api, world: World, answers: list[int], score: float, band: str) -> dict[str, Any]:
    """Alice's record as a FHIR bundle whose PHQ-9 holds ``answers`` but claims ``score`` and ``band``."""
    bundle: dict[str, Any] = as_bob.get(f"/patients/{world.clinic.alice.pk}/fhir").json()
    patient = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    patient["birthDate"] = "1958-04-02"  # the assessment needs an age
    phq9 = _phq9_resource(bundle)
    for item, value in zip(phq9["item"], answers, strict=True):
        item["answer"] = [{"valueInteger": value}]
    for extension in phq9["extension"]:
        if extension["url"].endswith("/score"):
            extension["valueDecimal"] = score
        if extension["url"].endswith("/band"):
            extension["valueCode"] = band
    return bundle


def _import(as_bob: Api, bundle: dict[str, Any]) -> Patient:
    response = as_bob.post("/fhir/import", bundle)
    assert response.status_code == 201, response.json()
    return Patient.objects.get(pk=response.json()["patient_id"])


def test_it_stores_an_imported_phq9_as_its_answers_score_and_every_reader_agrees(
    as_bob: Api, world: World
) -> None:
    claimed = _bundle(as_bob, world, [3] * 9, score=0, band="minimal")
    assert {e["url"].rsplit("/", 1)[-1] for e in _phq9_resource(claimed)["extension"]} >= {"score", "band"}
    ivy = _import(as_bob, claimed)

    stored = QuestionnaireResponse.objects.get(patient=ivy, instrument_id="phq9")
    assert (stored.answers, stored.score, stored.band, stored.flags) == (
        [3] * 9,
        27.0,
        "severe",
        ["suicide_risk"],
    )
    assert AuditEvent.objects.filter(action="change", object_type="patient", patient_id=ivy.pk).exists()

    (listed,) = as_bob.get(f"/patients/{ivy.pk}/questionnaires").json()["items"]
    assert (listed["score"], listed["band"], listed["flags"]) == (27.0, "severe", ["suicide_risk"])

    page = Client()
    page.force_login(world.clinic.bob.user)
    context = page.get(f"/clinic/patients/{ivy.pk}/").context
    (row,) = context["responses"]
    assert (row.score, row.band, row.flags) == (27.0, "severe", ["suicide_risk"])
    result = context["assessment"]["result"]
    assert result["screening"]["phq9"] == {
        "score": 27,
        "max": 27,
        "band": "severe",
        "flags": ["suicide_risk"],
    }
    assert (result["mental_health"]["phq9_score"], result["mental_health"]["suicide_risk"]) == (27, True)
    assert "suicide_risk" in [c.kind for c in context["concerns"]]
    assert "suicide_risk" in [c.kind for c in concerns_for(ivy, today())]
    assessed = as_bob.get(f"/patients/{ivy.pk}/assess").json()
    assert assessed["screening"]["phq9"] == result["screening"]["phq9"]


def test_it_ignores_a_score_an_imported_bundle_claims_against_its_answers(as_bob: Api, world: World) -> None:
    ivy = _import(as_bob, _bundle(as_bob, world, [1, 1, 0, 2, 0, 1, 0, 0, 0], score=20, band="severe"))
    stored = QuestionnaireResponse.objects.get(patient=ivy, instrument_id="phq9")
    assert (stored.score, stored.band, stored.flags) == (5.0, "mild", [])


def test_it_refuses_an_imported_answer_the_engine_rejects_and_creates_no_patient(
    as_bob: Api, world: World
) -> None:
    before = Patient.objects.count()
    response = as_bob.post("/fhir/import", _bundle(as_bob, world, [0] * 8 + [4], score=4, band="minimal"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"].startswith("QuestionnaireResponse[")
    assert error["field"].endswith("].answers.self_harm")
    assert Patient.objects.count() == before


def test_it_returns_the_band_and_flags_of_each_response(as_alice: Api, world: World) -> None:
    url = f"/patients/{world.clinic.alice.pk}/questionnaires"
    created = as_alice.post(url, {"instrument_id": "phq9", "answers": [1, 1, 0, 2, 0, 1, 0, 0, 1]})
    assert created.status_code == 201
    assert (created.json()["score"], created.json()["band"], created.json()["flags"]) == (
        6.0,
        "mild",
        ["suicide_risk"],
    )
    detail = as_alice.get(f"/questionnaires/{created.json()['id']}").json()
    assert (detail["band"], detail["flags"]) == ("mild", ["suicide_risk"])
    items = as_alice.get(url).json()["items"]
    assert [(i["band"], i["flags"]) for i in items] == [("minimal", []), ("mild", ["suicide_risk"])]
    stored = QuestionnaireResponse.objects.get(pk=created.json()["id"])
    assert stored.flags == ["suicide_risk"]
    assert AuditEvent.objects.filter(action="change", object_type="questionnaireresponse").count() == 1


def test_it_declares_the_flags_in_the_openapi_document(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    out = schema["components"]["schemas"]["QuestionnaireOut"]
    assert out["properties"]["flags"]["type"] == "array"
    assert {"band", "flags"} <= set(out["required"])


def test_it_shows_a_stored_result_everywhere_with_the_scoring_engine_switched_off(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = world.clinic.alice
    alice.birth_date = date(1958, 4, 2)
    alice.save()
    flagged = record_questionnaire(alice, "phq9", [2, 2, 1, 2, 1, 2, 1, 1, 1])

    def switched_off(*args: object) -> None:
        raise AssertionError("a stored response was scored again")

    monkeypatch.setattr("nervepath.instruments.scoring.score_instrument", switched_off)
    clinician, patient = Client(), Client()
    clinician.force_login(world.clinic.bob.user)
    patient.force_login(alice.user)
    page = clinician.get(f"/clinic/patients/{alice.pk}/")
    assert page.context["assessment"]["result"]["screening"]["phq9"]["score"] == 13
    assert "suicide_risk" in [c.kind for c in clinician.get("/clinic/").context["page"].object_list[0][1]]
    result = patient.get(f"/check/result/{flagged.pk}/").content.decode()
    assert '<span class="big">13</span> / 27' in result
    assert "Please talk to someone today." in result
    report = report_input_for(alice)
    assert "PHQ-9 item 9 positive" in render_clinician_html(report)
    assert render_careplan_html(report)


def _scoring_imports(path: Path) -> list[str]:
    engine = {
        "nervepath.instruments": {"score"},
        "nervepath.instruments.scoring": {"score", "score_instrument"},
        "nervepath.clinical.screening": {"score_answers"},
    }
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in engine:
            found += [f"{node.module}.{a.name}" for a in node.names if a.name in engine[node.module]]
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name == "nervepath.instruments.scoring"]
    return found


def test_it_scores_answers_only_in_the_recording_module() -> None:
    allowed = {
        SRC / "web" / "records" / "questionnaires.py",  # record_questionnaire: the one place
        # The upgrade that made the stored results the one truth scored every old row once.
        SRC / "web" / "records" / "migrations" / "0006_questionnaire_scores.py",
    }
    modules = sorted([*(SRC / "web").rglob("*.py"), *(SRC / "reports").rglob("*.py")])
    assert len(modules) > 50
    scoring = {
        str(m.relative_to(SRC)): found for m in modules if m not in allowed if (found := _scoring_imports(m))
    }
    assert scoring == {}
    assert _scoring_imports(SRC / "web" / "records" / "questionnaires.py") == ["nervepath.instruments.score"]
