"""Body regions in the diary's Today form: a vocabulary from data, an optional 0-10 pain per region."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from nervepath.errors import DataFileError
from nervepath.outcomes.diary_fields import Term, Words, checked, diary_fields
from nervepath.web.records.models import DiaryDay, RegionPain
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic


def _day(**extra: str) -> dict[str, str]:
    return {"date": today().isoformat(), "pain_average": "5", **extra}


def test_it_knows_the_regions_of_the_brief() -> None:
    ids = [r.id for r in diary_fields().vocabularies["regions"]]
    assert ids == ["feet", "hands", "legs", "arms", "back", "face", "chest", "other"]


def test_it_names_every_region_in_spanish() -> None:
    spanish = {r.label.en: r.label.es for r in diary_fields().vocabularies["regions"]}
    assert [label for label, text in spanish.items() if text == label] == []
    assert spanish["Back"] == "Espalda"


def test_it_refuses_a_repeated_region_id() -> None:
    feet = Term(id="feet", label=Words(en="Toes", es="Dedos"))
    fields = diary_fields()
    regions = (*fields.vocabularies["regions"], feet)
    copy = fields.model_copy(update={"vocabularies": fields.vocabularies | {"regions": regions}})
    with pytest.raises(DataFileError, match=r"vocabularies\.regions\.8\.id.*'feet' is repeated"):
        checked(copy)


def test_it_records_the_pain_of_the_regions_given(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/", _day(region_feet="7", region_hands="3", region_back=""))
    assert response.status_code == 302
    day = DiaryDay.objects.get(patient=clinic.alice)
    assert dict(day.regions.values_list("region_id", "pain")) == {"feet": 7, "hands": 3}


def test_it_shows_a_bad_region_score_next_to_the_field_and_saves_nothing(
    as_alice: Client, clinic: Clinic
) -> None:
    response = as_alice.post("/today/", _day(region_feet="11"))
    assert response.status_code == 400
    assert response.context["form"].errors["region_feet"]
    assert not DiaryDay.objects.exists()
    assert not RegionPain.objects.exists()


def test_it_fills_in_yesterdays_regions_when_asked(as_alice: Client, clinic: Clinic) -> None:
    yesterday = DiaryDay.objects.create(
        patient=clinic.alice, date=today() - timedelta(days=1), pain_average=4
    )
    RegionPain.objects.create(day=yesterday, region_id="feet", pain=6)
    assert as_alice.get("/today/").context["form"]["region_feet"].value() is None
    form = as_alice.get("/today/", {"fill": "previous"}).context["form"]
    assert form["region_feet"].value() == 6
    assert form["region_hands"].value() is None


def test_it_shows_the_regions_in_spanish(as_alice: Client) -> None:
    as_alice.cookies["django_language"] = "es"
    body = as_alice.get("/today/").content.decode()
    assert "Pies" in body
    assert "Dónde le dolió" in body
