"""The patient chart's data (what chart.js draws) and the server chart's period (``?period=``)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from unittest import mock

from django.test import Client
from django.utils import translation

from nervepath.web.pages.charts import PERIODS, patient_chart
from nervepath.web.records import mappers
from nervepath.web.records.models import DiaryDay, DoseStep, Patient, Trial
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic


def _diary(patient: Patient, days: int, skip: int = 4) -> None:
    last = today()
    DiaryDay.objects.bulk_create(
        DiaryDay(
            patient=patient,
            date=last - timedelta(days=back),
            pain_average=6,
            pain_worst=8,
            sleep_interference=5 if back % 2 else None,
            mood=4,
            activity=3,
        )
        for back in range(days)
        if back != skip
    )


def _trial(patient: Patient, started: int) -> Trial:
    trial = Trial.objects.create(
        patient=patient, drug_id="pregabalin", start_date=today() - timedelta(days=started)
    )
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=150)
    DoseStep.objects.create(trial=trial, date=trial.start_date + timedelta(days=7), daily_mg=300)
    return trial


def _seconds(days_ago: int) -> int:
    day = today() - timedelta(days=days_ago)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def test_it_hands_the_browser_every_day_with_gaps_as_none(clinic: Clinic) -> None:
    _diary(clinic.alice, 40)
    data = patient_chart(clinic.alice, today(), 28, "Pain", []).data()
    assert data["days"][-1] == _seconds(0)
    assert data["days"][0] == _seconds(39)
    assert len(data["days"]) == 40
    averages = data["series"]["pain_average"]
    assert averages[-5] is None  # the missing day four days ago, not bridged
    assert averages[-1] == 6
    assert data["series"]["sleep_interference"][-2:] == [5, None]
    assert {"mood", "activity", "pain_worst", "rolling"} <= set(data["series"])
    assert data["baseline"] is None


def test_it_hands_the_browser_the_trials_and_the_baseline_before_the_first(clinic: Clinic) -> None:
    _diary(clinic.alice, 120)
    _trial(clinic.alice, 50)
    chart = patient_chart(clinic.alice, today(), 28, "Pain", mappers.trials(clinic.alice))
    data = chart.data()
    (trial,) = data["trials"]
    assert trial["text"] == "Pregabalin 150 → 300 mg/day"
    assert (trial["start"], trial["end"]) == (_seconds(50), None)
    assert trial["doses"] == [[_seconds(50), 150], [_seconds(43), 300]]
    assert data["baseline"] == {"start": _seconds(57), "end": _seconds(51), "mean": 6.0}
    # The default period is the shortest that shows the trial's start and its baseline.
    assert data["period"] == chart.default == "3m"


def test_it_names_everything_in_the_pages_language(clinic: Clinic) -> None:
    _diary(clinic.alice, 10)
    _trial(clinic.alice, 5)
    with translation.override("es"):
        data = patient_chart(clinic.alice, today(), 28, "Dolor", mappers.trials(clinic.alice)).data()
    assert data["lang"] == "es"
    assert data["words"]["pain_average"] == "Dolor medio"
    assert data["trials"][0]["text"] == "Pregabalina 150 → 300 mg/día"
    assert [p["label"] for p in data["periods"]] == ["4 semanas", "3 meses", "1 año", "Todo"]
    assert [p["days"] for p in data["periods"]] == list(PERIODS.values())


def test_it_draws_the_server_chart_for_the_period_asked(as_alice: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, 400)
    shown = {}
    for period in ("4w", "1y", "all"):
        body = as_alice.get(f"/treatments/?period={period}").content.decode()
        assert f'data-chart-period="{period}"' in body
        found = re.search(r'<p class="chart-range" data-chart-range>([^<]+)</p>', body)
        assert found
        shown[period] = found.group(1)
    assert len(set(shown.values())) == 3


def test_it_shows_the_default_period_for_an_unknown_one(as_alice: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, 30)
    response = as_alice.get("/treatments/?period=forever<script>")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-chart-period="3m"' in body
    assert "forever<script>" not in body
    data = json.loads(
        re.search(r'id="patient-chart-data" type="application/json">(.+?)</script>', body).group(1)
    )
    assert data["period"] == "3m"


def test_it_loads_the_chart_scripts_from_static_files_only(as_alice: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, 10)
    body = as_alice.get("/treatments/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", body)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "nervepath/vendor/uplot/uPlot.iife.min.js" in body
    assert "nervepath/chart.js" in body


def test_it_draws_an_empty_diary_without_failing(clinic: Clinic) -> None:
    chart = patient_chart(clinic.alice, today(), 90, "Pain", [])
    data = chart.data()
    assert len(data["days"]) == 28
    assert set(data["series"]["pain_average"]) == {None}
    assert (data["trials"], data["baseline"], chart.default) == ([], None, "3m")
    with translation.override("es"):
        assert "No hay entradas del diario en este periodo" in chart.svg("4w")


def test_the_page_points_a_noscript_image_at_the_server_chart_and_draws_none(
    as_alice: Client, clinic: Clinic
) -> None:
    _diary(clinic.alice, 120)
    _trial(clinic.alice, 50)
    with mock.patch("nervepath.web.pages.charts.pain_chart") as drawn:
        body = as_alice.get("/treatments/?period=1y").content.decode()
    assert drawn.call_count == 0  # a browser with JavaScript never makes the server draw the SVG
    assert "<svg" not in body
    found = re.search(r'<noscript><div class="chart-fallback"><img src="([^"]+)" alt="([^"]+)"', body)
    assert found
    assert found.group(1) == "/treatments/chart.svg?period=1y"
    alt = found.group(2)
    assert alt.startswith("Your pain, with your treatments. From ")
    assert alt.endswith("Pregabalin 150 → 300 mg/day.")


def test_the_server_chart_has_its_own_address_for_each_period(as_alice: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, 400)
    _trial(clinic.alice, 50)
    shown = set()
    for period in ("4w", "all", "nonsense"):
        response = as_alice.get(f"/treatments/chart.svg?period={period}")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
        assert "no-store" in response["Cache-Control"]
        svg = response.content.decode()
        assert svg.startswith("<?xml")
        assert 'xmlns="http://www.w3.org/2000/svg"' in svg
        assert "Pregabalin 150 → 300 mg/day" in svg
        shown.add(re.search(r'aria-label="([^"]+)"', svg).group(1))
    assert len(shown) == 3  # 4 weeks, everything, and the default (3 months) for an unknown period


def test_the_clinicians_server_chart_follows_the_page_rule(as_bob: Client, clinic: Clinic) -> None:
    _diary(clinic.alice, 30)
    url = f"/clinic/patients/{clinic.alice.pk}/chart.svg"
    body = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").content.decode()
    assert f'<img src="{url}?period=' in body
    response = as_bob.get(f"{url}?period=4w")
    assert response.status_code == 200
    assert "Pain, with treatment periods" in response.content.decode()
    as_carol = Client()
    as_carol.force_login(clinic.carol.user)
    assert as_carol.get(url).status_code == 404  # not her patient
    assert as_bob.get(f"/clinic/patients/{clinic.dave.pk}/chart.svg").status_code == 404
