"""Garbage to every form added for the situation, conditions, medicines, regions and reports:
never a server error, and nothing saved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nervepath.web.records.medications import add_medication
from nervepath.web.records.models import (
    ClinicalSituation,
    Condition,
    DiaryDay,
    Medication,
    Patient,
    RegionPain,
)
from tests.web.conftest import Clinic
from tests.web.test_robustness import GARBAGE
from tests.web.test_situation_pages import SITUATION

REGIONS = ["region_feet", "region_hands", "region_back", "region_other"]
# (who posts, url builder, the fields)
FORMS: list[tuple[str, Callable[[Clinic], str], list[str]]] = [
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/situation/", list(SITUATION)),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/conditions/", ["condition", "onset_date", "note"]),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/conditions/remove/", ["condition"]),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/medications/", ["drug", "daily_dose", "start_date"]),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/medications/stop/", ["medication", "date"]),
    ("alice", lambda c: "/today/", ["date", *REGIONS]),
]


def _state(patient: Patient) -> tuple[object, ...]:
    patient.refresh_from_db()
    return (
        list(ClinicalSituation.objects.values()),
        sorted(Condition.objects.values_list("condition_id", flat=True)),
        list(Medication.objects.values("drug_id", "daily_dose", "stop_date")),
        DiaryDay.objects.count(),
        RegionPain.objects.count(),
        patient.birth_date,
        patient.sex,
    )


def _poster(client: Client, clinic: Clinic, who: str) -> Client:
    client.force_login({"alice": clinic.alice.user, "bob": clinic.bob.user}[who])
    return client


@pytest.mark.parametrize(("who", "url", "fields"), FORMS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_it_never_fails_or_saves_on_garbage(
    client: Client,
    clinic: Clinic,
    who: str,
    url: Callable[[Clinic], str],
    fields: list[str],
    data: st.DataObject,
) -> None:
    if not Medication.objects.exists():
        add_medication(clinic.alice, "oxycodone", 30)
    before = _state(clinic.alice)
    # Today's form needs a valid average pain to save anything: garbage goes to every other field.
    payload = {
        name: data.draw(st.one_of(GARBAGE, st.lists(GARBAGE, max_size=3)), label=name) for name in fields
    }
    response = _poster(client, clinic, who).post(url(clinic), payload)
    assert response.status_code < 500
    if response.status_code == 400:
        assert _state(clinic.alice) == before


@pytest.mark.parametrize(("who", "url", "fields"), FORMS)
def test_it_enforces_csrf_on_every_new_form(
    clinic: Clinic, who: str, url: Callable[[Clinic], str], fields: list[str]
) -> None:
    client = _poster(Client(enforce_csrf_checks=True), clinic, who)
    before = _state(clinic.alice)
    response = client.post(url(clinic), dict.fromkeys(fields, "1"))
    assert response.status_code == 403
    assert _state(clinic.alice) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=GARBAGE, end=GARBAGE, paper=GARBAGE)
def test_it_never_fails_on_garbage_report_parameters(
    client: Client, clinic: Clinic, start: str, end: str, paper: str
) -> None:
    client.force_login(clinic.bob.user)
    url = f"/clinic/patients/{clinic.alice.pk}/report.pdf"
    response = client.get(url, {"start": start, "end": end, "paper": paper})
    assert response.status_code in {200, 400}
