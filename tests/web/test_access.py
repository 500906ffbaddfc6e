"""Each page at its access boundary: own/linked → 200, other → 404, anonymous → login redirect."""

from __future__ import annotations

import pytest
from django.test import Client

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.models import Trial
from nervepath.web.records.questionnaires import record_questionnaire
from tests.web.conftest import Clinic, login

PATIENT_PAGES = ["/today/", "/check/", "/treatments/", "/plan/", "/check/dn4_interview/", "/accounts/link/"]
CLINIC_PAGES = ["/clinic/"]


@pytest.mark.parametrize(
    "url", [*PATIENT_PAGES, *CLINIC_PAGES, "/accounts/settings/", "/accounts/invitations/"]
)
def test_it_sends_anonymous_visitors_to_the_login_page(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_it_shows_a_patient_their_own_pages(as_alice: Client, url: str) -> None:
    assert as_alice.get(url).status_code == 200


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_it_hides_patient_pages_from_clinicians(as_bob: Client, url: str) -> None:
    assert as_bob.get(url).status_code == 404


def test_it_hides_the_clinic_from_patients(as_alice: Client, clinic: Clinic) -> None:
    assert as_alice.get("/clinic/").status_code == 404
    assert as_alice.get(f"/clinic/patients/{clinic.alice.pk}/").status_code == 404


def test_it_shows_a_clinician_only_linked_patients(as_bob: Client, clinic: Clinic) -> None:
    assert as_bob.get(f"/clinic/patients/{clinic.alice.pk}/").status_code == 200
    assert as_bob.get(f"/clinic/patients/{clinic.dave.pk}/").status_code == 404
    listing = as_bob.get("/clinic/").content.decode()
    assert "Alice Patient" in listing
    assert "Dave Other" not in listing


def test_it_shows_an_unrelated_clinician_nobody(as_carol: Client, clinic: Clinic) -> None:
    assert as_carol.get(f"/clinic/patients/{clinic.alice.pk}/").status_code == 404
    assert "Alice Patient" not in as_carol.get("/clinic/").content.decode()


def test_it_shows_an_admin_every_patient(as_root: Client, clinic: Clinic) -> None:
    assert as_root.get(f"/clinic/patients/{clinic.dave.pk}/").status_code == 200
    listing = as_root.get("/clinic/").content.decode()
    assert "Alice Patient" in listing
    assert "Dave Other" in listing


def test_it_returns_404_for_another_patients_questionnaire_result(client: Client, clinic: Clinic) -> None:
    theirs = record_questionnaire(clinic.dave, "phq9", [0] * 9)
    assert login(client, clinic.alice.user).get(f"/check/result/{theirs.pk}/").status_code == 404
    assert login(client, clinic.bob.user).get(f"/check/result/{theirs.pk}/").status_code == 404
    assert login(client, clinic.dave.user).get(f"/check/result/{theirs.pk}/").status_code == 200


def test_it_refuses_trial_changes_on_unlinked_patients(as_carol: Client, clinic: Clinic) -> None:
    response = as_carol.post(f"/clinic/patients/{clinic.alice.pk}/trials/", {"drug": "pregabalin"})
    assert response.status_code == 404
    assert not Trial.objects.exists()


def test_it_audits_every_read_of_a_patient_record(as_bob: Client, clinic: Clinic) -> None:
    as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    event = AuditEvent.objects.get()
    assert (event.username, event.action, event.patient_id) == ("bob", "read", clinic.alice.pk)
    assert event.object_type == "patient"
    assert event.ip == "127.0.0.1"


def test_it_writes_no_audit_event_for_a_refused_read(as_carol: Client, clinic: Clinic) -> None:
    as_carol.get(f"/clinic/patients/{clinic.alice.pk}/")
    assert not AuditEvent.objects.exists()


def test_it_keeps_the_audit_log_append_only(as_bob: Client, clinic: Clinic) -> None:
    from nervepath.errors import Conflict

    as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    event = AuditEvent.objects.get()
    event.action = "change"
    with pytest.raises(Conflict):
        event.save()
    with pytest.raises(Conflict):
        event.delete()
    assert AuditEvent.objects.get().action == "read"


def test_it_sets_a_strict_content_security_policy(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
