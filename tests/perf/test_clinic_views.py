"""The clinic outcomes view, /health, and the scalable demo clinic."""

from __future__ import annotations

from datetime import date

from django.test import Client

from nervepath.sources import all_sources
from nervepath.web.demo import build_demo_clinic, demo_rules
from nervepath.web.pages.attention import concerns_by_patient
from nervepath.web.records import models as m
from tests.perf.conftest import grow


def test_it_shows_responder_rates_with_intervals_by_class_and_etiology(
    client: Client, clinician: m.Clinician
) -> None:
    grow(clinician, 4, 120)
    client.force_login(clinician.user)
    response = client.get("/clinic/outcomes/")
    assert response.status_code == 200
    groups = {row.group: row.rate for row in response.context["by_class"] + response.context["by_etiology"]}
    assert {"gabapentinoid", "postherpetic neuralgia"} <= set(groups)
    assert all(0 <= r.low <= r.rate <= r.high <= 1 for r in groups.values())
    assert "95 % CI" in response.content.decode()


def test_it_hides_clinic_outcomes_from_a_patient(client: Client, db: None) -> None:
    build_demo_clinic(patients=2, years=0.5, today=date(2025, 6, 30))
    client.force_login(m.Patient.objects.get(user__username="pat.demo").user)
    assert client.get("/clinic/outcomes/").status_code == 404


def test_it_reports_health_without_a_login(client: Client, db: None) -> None:
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_it_cites_registered_sources_and_shares_that_sum_to_one() -> None:
    rules = demo_rules()
    assert rules.source_ids() <= set(all_sources())
    assert abs(sum(e.share for e in rules.etiologies) - 1) < 1e-9


def _snapshot() -> list[tuple[object, ...]]:
    days = list(
        m.DiaryDay.objects.order_by("patient__display_name", "date").values_list("date", "pain_average")
    )
    trials = list(
        m.Trial.objects.order_by("patient__display_name", "start_date").values_list("drug_id", "stop_reason")
    )
    return [*days, *trials]


def test_it_builds_the_same_clinic_from_the_same_seed(db: None) -> None:
    build_demo_clinic(patients=6, years=0.5, seed=11, today=date(2025, 6, 30))
    first = _snapshot()
    m.Patient.objects.all().delete()
    m.Clinician.objects.all().delete()
    from django.contrib.auth.models import User

    User.objects.all().delete()
    build_demo_clinic(patients=6, years=0.5, seed=11, today=date(2025, 6, 30))
    assert _snapshot() == first


def test_it_keeps_etiology_and_red_flags_in_the_clinical_situation(db: None) -> None:
    today = date(2025, 6, 30)
    build_demo_clinic(patients=450, years=0.3, today=today)
    situations = m.ClinicalSituation.objects.all()
    assert situations.count() == 450
    assert situations.exclude(red_flag_findings=[]).exists()
    etiologies = {e.id for e in demo_rules().etiologies}
    assert not m.Condition.objects.filter(condition_id__in=etiologies | {"progressive_weakness"}).exists()
    assert m.Clinician.objects.count() == 3  # one per ~200 patients
    concerns = concerns_by_patient(m.Patient.objects.all(), today)
    kinds = {c.kind for found in concerns.values() for c in found}
    assert {"progressive_weakness", "suicide_risk", "no_diary", "non_response"} <= kinds
