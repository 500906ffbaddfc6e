"""The `demo`, `remind` and `serve` commands (serve up to the point where it would start the server), and
`screen --patient`, which stores a questionnaire as the web questionnaire page does."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.test import Client
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.cli.web import _second_factor_on_this_computer
from nervepath.instruments import get_instrument
from nervepath.web.accounts.models import AuditAction, AuditEvent
from nervepath.web.records.models import QuestionnaireResponse
from tests.web.conftest import Clinic

DN4_INTERVIEW = [True, True, False, True, False, False, True]  # 4 of 7: "likely"


def test_it_refuses_a_bad_patient_count_naming_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "demo", "--patients", "0"])
    assert result.exit_code == 2
    assert "--patients" in result.output


def test_it_refuses_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output


@pytest.mark.django_db
def test_it_runs_remind_with_json_output() -> None:
    result = CliRunner().invoke(app, ["remind", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"sent": []' in result.output


def _screen(*args: str) -> tuple[int, str, str]:
    keys = "".join("y\n" if yes else "n\n" for yes in DN4_INTERVIEW)
    result = CliRunner().invoke(app, ["screen", "dn4_interview", *args], input=keys)
    return result.exit_code, result.stdout, result.stderr


def _answer_on_the_check_page(client: Client, answers: list[bool]) -> None:
    items = [item.id for item in client.get("/check/dn4_interview/?restart=1").context["inst"].items]
    for item, yes in zip(items, answers, strict=True):
        response = client.post("/check/dn4_interview/", {"item": item, "answer": "1" if yes else "0"})
    assert response.status_code == 302


def _stored(row: QuestionnaireResponse) -> tuple[object, ...]:
    return (row.instrument_id, row.answers, row.score, row.band, row.flags)


def test_it_stores_a_screen_for_a_patient_as_the_web_questionnaire_page_does(
    as_alice: Client, clinic: Clinic
) -> None:
    _answer_on_the_check_page(as_alice, DN4_INTERVIEW)
    code, out, err = _screen("--patient", str(clinic.dave.pk), "--format", "json")
    assert code == 0, err
    document = json.loads(out[out.index("{") :])
    by_web = QuestionnaireResponse.objects.get(patient=clinic.alice)
    by_cli = QuestionnaireResponse.objects.get(patient=clinic.dave)
    assert document["response_id"] == by_cli.pk
    assert (document["score"], document["band"]) == (4, "likely")
    assert _stored(by_cli) == _stored(by_web) == ("dn4_interview", by_web.answers, 4.0, "likely", [])
    # In the instrument's item order: PostgreSQL's jsonb keeps no key order.
    items = [item.id for item in get_instrument("dn4_interview").items]
    assert by_web.answers == dict(zip(items, DN4_INTERVIEW, strict=True))


def test_it_writes_the_audit_event_the_web_questionnaire_page_writes(
    as_alice: Client, clinic: Clinic
) -> None:
    _answer_on_the_check_page(as_alice, DN4_INTERVIEW)
    code, _, err = _screen("--patient", str(clinic.dave.pk))
    assert code == 0, err
    by_web = AuditEvent.objects.get(patient_id=clinic.alice.pk, action=AuditAction.change)
    by_cli = AuditEvent.objects.get(patient_id=clinic.dave.pk)
    stored = QuestionnaireResponse.objects.get(patient=clinic.dave)
    assert (by_cli.action, by_cli.object_type) == (by_web.action, by_web.object_type)
    assert by_cli.object_id == str(stored.pk)
    assert by_cli.user is None
    assert by_cli.username.endswith("(command line)")


def test_it_says_in_whose_record_it_saved_the_screen(clinic: Clinic) -> None:
    code, out, err = _screen("--patient", str(clinic.dave.pk))
    assert code == 0, err
    assert "DN4-interview: 4 (range 0-7)" in out
    assert f"saved to patient {clinic.dave.pk}'s record" in out


def test_it_refuses_an_unknown_patient_before_asking_anything(clinic: Clinic) -> None:
    code, out, err = _screen("--patient", "999999")
    assert code == 2
    assert "--patient: got 999999" in err
    assert "Question 1/7" not in out
    assert not QuestionnaireResponse.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_stores_nothing_without_a_patient(clinic: Clinic) -> None:
    code, out, err = _screen("--format", "json")
    assert code == 0, err
    assert "response_id" not in json.loads(out[out.index("{") :])
    assert not QuestionnaireResponse.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("host", "waived"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("192.168.1.20", False)],
)
def test_serve_waives_the_second_factor_only_on_a_loopback_address(monkeypatch, host, waived):
    # setenv first records the variable's state, so it is restored after the test whatever serve sets.
    monkeypatch.setenv("NERVEPATH_REQUIRE_TWO_FACTOR", "placeholder")
    monkeypatch.delenv("NERVEPATH_REQUIRE_TWO_FACTOR")
    assert _second_factor_on_this_computer(host) is waived
    assert os.environ.get("NERVEPATH_REQUIRE_TWO_FACTOR") == ("false" if waived else None)


def test_serve_keeps_an_explicit_second_factor_setting(monkeypatch):
    monkeypatch.setenv("NERVEPATH_REQUIRE_TWO_FACTOR", "true")
    assert _second_factor_on_this_computer("127.0.0.1") is False
    assert os.environ["NERVEPATH_REQUIRE_TWO_FACTOR"] == "true"
