"""The clinic outcomes view, /health, and the scalable demo clinic."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nervepath.sources import all_sources
from nervepath.web.demo import build_demo_clinic, demo_rules
from nervepath.web.pages.attention import concerns_by_patient
from nervepath.web.pages.models import OutcomesSnapshot
from nervepath.web.pages.views.outcomes import snapshot_key
from nervepath.web.records import models as m
from nervepath.web.records.validation import today
from tests.perf.conftest import grow


def test_it_shows_responder_rates_with_intervals_by_class_and_etiology(
    client: Client, clinician: m.Clinician
) -> None:
    grow(clinician, 4, 120)
    client.force_login(clinician.user)
    response = client.get("/clinic/outcomes/")
    assert response.status_code == 200
    groups = {row.group: row.rate for row in response.context["by_class"] + response.context["by_etiology"]}
    assert {"gabapentinoid", "postherpetic_neuralgia"} <= set(groups)
    labels = {row.label for row in response.context["by_class"] + response.context["by_etiology"]}
    assert {"Gabapentinoid", "Postherpetic neuralgia (after shingles)"} <= labels
    assert all(0 <= r.low <= r.rate <= r.high <= 1 for r in groups.values())
    assert "95 % CI" in response.content.decode()


def _judged(response: Any) -> int:
    return sum(row.rate.total for row in response.context["by_class"])


def _responders(response: Any) -> int:
    return sum(row.rate.successes for row in response.context["by_class"])


def test_it_serves_the_stored_outcomes_until_a_trial_changes_or_a_recompute_is_asked(
    client: Client, clinician: m.Clinician
) -> None:
    made = grow(clinician, 3, 120)
    client.force_login(clinician.user)
    first = client.get("/clinic/outcomes/")
    with CaptureQueriesContext(connection) as reading:
        again = client.get("/clinic/outcomes/")
    assert again.context["snapshot"].computed_at == first.context["snapshot"].computed_at
    assert not any("records_diaryday" in q["sql"] for q in reading.captured_queries)
    assert "Computed" in again.content.decode()
    assert "Recompute now" in again.content.decode()

    # A new trial on a new patient is a changed state: computed again at the next view.
    later = grow(clinician, 1, 120)
    changed = client.get("/clinic/outcomes/")
    assert changed.context["snapshot"].key != first.context["snapshot"].key
    assert _judged(changed) > _judged(first)

    # New diary days alone wait for the next day, or for "Recompute now".
    # (pain 0 since the current trials began: every one of them a responder)
    m.DiaryDay.objects.filter(date__gt=today() - timedelta(days=58)).update(pain_average=0)
    stale = client.get("/clinic/outcomes/")
    assert stale.context["snapshot"].computed_at == changed.context["snapshot"].computed_at
    assert client.post("/clinic/outcomes/").status_code == 302
    fresh = client.get("/clinic/outcomes/")
    assert _responders(fresh) > _responders(stale)
    assert m.Trial.objects.count() == 8
    assert len(made + later) == 4


def test_it_computes_again_over_tables_stored_in_an_older_shape(
    client: Client, clinician: m.Clinician
) -> None:
    grow(clinician, 2, 120)
    client.force_login(clinician.user)
    first = client.get("/clinic/outcomes/").context["snapshot"]
    OutcomesSnapshot.objects.filter(key=first.key).update(tables={"by_class": [{"group": "x", "rate": 0.5}]})
    again = client.get("/clinic/outcomes/")
    assert again.status_code == 200
    assert {row.group for row in again.context["by_class"]} == {"gabapentinoid"}
    assert OutcomesSnapshot.objects.get(key=first.key).tables == first.tables


def test_it_keeps_each_clinicians_outcomes_to_their_own_patients(
    client: Client, clinician: m.Clinician
) -> None:
    grow(clinician, 2, 120)
    other = m.Clinician.objects.create(
        display_name="Dr Other", user=User.objects.create_user("dr.other", password=None)
    )
    grow(other, 5, 120)
    client.force_login(clinician.user)
    mine = client.get("/clinic/outcomes/")
    client.force_login(other.user)
    theirs = client.get("/clinic/outcomes/")
    assert mine.context["snapshot"].key != theirs.context["snapshot"].key
    assert mine.context["snapshot"].trials == 4
    assert theirs.context["snapshot"].trials == 10


def test_it_notices_a_patient_added_or_removed_in_the_whole_clinics_key(clinician: m.Clinician) -> None:
    made = grow(clinician, 3, 30)
    everyone = m.Patient.objects.all()
    before = snapshot_key(everyone)
    assert snapshot_key(m.Patient.objects.all()) == before
    newcomer = m.Patient.objects.create(display_name="New", sex="male")
    added = snapshot_key(everyone)
    made[0].delete()
    removed = snapshot_key(everyone)
    newcomer.delete()
    assert len({before, added, removed, snapshot_key(everyone)}) == 4
    # A clinician's own view is keyed by the ids themselves.
    mine = m.Patient.objects.filter(clinicians=clinician)
    assert snapshot_key(mine) != snapshot_key(mine.exclude(pk=made[1].pk))


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
