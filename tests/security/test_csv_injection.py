"""CSV formula injection in the patient's data download: a note a spreadsheet would run goes out with
a quote before it; numbers go out as they are (the round trip: tests/records/test_csv_injection.py)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from nervepath.csvsafe import TRIGGERS
from nervepath.web.records.models import DiaryDay
from tests.api.conftest import World


@pytest.mark.parametrize("note", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "'=HYPERLINK(x)"])
def test_it_neutralises_a_formula_note_in_the_data_download(world: World, note: str) -> None:
    DiaryDay.objects.create(patient=world.clinic.alice, date="2026-01-02", pain_average=6, mood=4, note=note)
    client = Client()
    client.force_login(world.user("alice"))
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("nervepath-diary.csv").decode()
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["note"] == "'" + note
    assert (row["pain_average"], row["mood"]) == ("6", "4")
    assert not any(cell[:1] in TRIGGERS for cell in row.values() if cell)
