"""One definition of the diary's fields (data/diary/fields.yaml) behind the Today page, and the same
mood anchors and note limit on the web, the API and the command line."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.cli.reference import HELP_ENV
from nervepath.outcomes.diary_fields import DiaryField, DiaryFields, diary_fields
from nervepath.web.accounts.tokens import issue_token
from nervepath.web.pages import forms
from nervepath.web.pages.forms import REGION_PREFIX, DiaryForm
from nervepath.web.records.models import DiaryDay
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic

FIELDS = diary_fields()


def _form_names(fields: DiaryFields) -> list[str]:
    names = []
    for field in fields.entered_in("web"):
        if field.kind == "region_scores":
            names += [REGION_PREFIX + term.id for term in fields.terms(field)]
        else:
            names.append(field.id)
    return names


def _cli_help() -> str:
    result = CliRunner().invoke(app, ["diary", "add", "--help"], env=HELP_ENV, prog_name="nervepath")
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").split())


def _api_schema(client: Client) -> dict[str, Any]:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    return dict(schemas["DiaryDayIn"]["properties"])


@translation.override("en")  # an earlier request may have left Spanish active in this thread
def test_it_builds_the_today_form_from_the_data_file() -> None:
    form = DiaryForm()
    assert list(form.fields) == _form_names(FIELDS)
    for field in FIELDS.entered_in("web"):
        if field.kind != "region_scores":
            assert str(form.fields[field.id].label) == field.label.en
            assert form.fields[field.id].required == field.required
    assert str(form.fields["mood"].help_text) == "0 = very low, 10 = very good"
    assert form.fields["note"].max_length == FIELDS.field("note").max_length
    assert [value for value, _ in form.fields["qualities"].choices] == [
        t.id for t in FIELDS.vocabularies["qualities"]
    ]


def test_it_speaks_the_datas_spanish_on_the_today_page(as_alice: Client) -> None:
    as_alice.cookies["django_language"] = "es"
    body = as_alice.get("/today/").content.decode()
    for field in FIELDS.entered_in("web"):
        assert field.label.es in body
        if field.anchors and field.kind == "score":
            assert field.anchors_text("es") in body
        for term in FIELDS.terms(field):
            assert term.label.es in body
    english = [
        "Average pain in the last 24 hours",
        "0 = very low",
        "Pins and needles",
        "Chest or trunk",
        "What made it worse",
    ]
    assert [text for text in english if text in body] == []


def test_it_puts_a_field_added_to_the_data_on_the_today_page(monkeypatch: pytest.MonkeyPatch) -> None:
    standing = FIELDS.field("sitting_hours").model_copy(
        update={
            "id": "standing_hours",
            "csv": "standing_hours",
            "entered_in": ("web",),
            "label": FIELDS.field("sitting_hours").label.model_copy(
                update={"en": "Hours standing", "es": "Horas de pie"}
            ),
        }
    )
    changed = FIELDS.model_copy(update={"fields": (*FIELDS.fields, standing)})
    monkeypatch.setattr(forms, "diary_fields", lambda: changed)
    form = DiaryForm({"date": today().isoformat(), "pain_average": "4", "standing_hours": "25"})
    assert list(form.fields) == _form_names(changed)
    assert (form.fields["standing_hours"].min_value, form.fields["standing_hours"].max_value) == (0, 24)
    with translation.override("es"):
        assert str(form.fields["standing_hours"].label) == "Horas de pie"
    assert not form.is_valid()
    assert list(form.errors) == ["standing_hours"]


def test_it_gives_mood_the_same_anchors_on_the_web_the_api_and_the_command_line(as_alice: Client) -> None:
    mood: DiaryField = FIELDS.field("mood")
    english = as_alice.get("/today/").content.decode()
    as_alice.cookies["django_language"] = "es"
    spanish = as_alice.get("/today/").content.decode()
    assert "0 = very low, 10 = very good" in english
    assert "0 = muy bajo, 10 = muy bueno" in spanish
    described = FIELDS.describe(mood)
    assert described == "Mood on the day, 0-10 (0 = very low, 10 = very good)"
    assert described in _cli_help()
    assert "how low" not in _cli_help()
    api = _api_schema(as_alice)["mood"]
    assert api["description"] == described
    assert api["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 10}


def test_it_has_one_note_limit_of_2000_characters() -> None:
    assert FIELDS.field("note").max_length == 2000


def test_it_refuses_a_2001_character_note_on_the_web_naming_it(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post(
        "/today/", {"date": today().isoformat(), "pain_average": "5", "note": "x" * 2001}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["note"]
    assert not DiaryDay.objects.exists()


def test_it_refuses_a_2001_character_note_over_the_api_naming_it(clinic: Clinic) -> None:
    _, token = issue_token(clinic.alice.user, "write")
    response = Client().post(
        f"/api/v1/patients/{clinic.alice.pk}/diary",
        {"date": today().isoformat(), "pain_average": 5, "note": "x" * 2001},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "note"
    assert not DiaryDay.objects.exists()


def test_it_refuses_a_2001_character_note_at_the_command_line_naming_it(clinic: Clinic) -> None:
    args = ["diary", "add", "--patient", str(clinic.alice.pk), "--pain-average", "5", "--note", "x" * 2001]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert re.search(
        r"note: got 'x+\.\.\., expected at most 2000 characters", " ".join(result.stderr.split())
    )
    assert not DiaryDay.objects.exists()


@pytest.mark.parametrize("surface", ["web", "api", "cli"])
def test_it_keeps_a_2000_character_note_on_every_path(surface: str, client: Client, clinic: Clinic) -> None:
    note, day = "x" * 2000, today().isoformat()
    if surface == "web":
        client.force_login(clinic.alice.user)
        assert client.post("/today/", {"date": day, "pain_average": "5", "note": note}).status_code == 302
    elif surface == "api":
        _, token = issue_token(clinic.alice.user, "write")
        body = {"date": day, "pain_average": 5, "note": note}
        url = f"/api/v1/patients/{clinic.alice.pk}/diary"
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        assert client.post(url, body, content_type="application/json", **headers).status_code == 201
    else:
        args = ["diary", "add", "--patient", str(clinic.alice.pk), "--pain-average", "5", "--note", note]
        assert CliRunner().invoke(app, args).exit_code == 0
    assert DiaryDay.objects.get().note == note
