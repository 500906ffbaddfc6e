"""A patient's rights at the access boundary: download everything, revoke a clinician, delete
the account. Each test checks the response, then the database, then the audit row.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from nervepath.fhir.bundle import from_bundle
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.accounts.rights import ARCHIVE_FILES
from nervepath.web.records.models import CareLink, DiaryDay, Patient, QuestionnaireResponse, Trial
from tests.api.conftest import World
from tests.security.conftest import PASSWORD


def as_user(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_it_gives_a_patient_their_whole_record_as_fhir_and_csv(world: World) -> None:
    DiaryDay.objects.create(patient=world.clinic.alice, date="2026-01-02", pain_average=6, note="bad night")
    response = as_user(world, "alice").get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(ARCHIVE_FILES)
    record = from_bundle(json.loads(archive.read("nervepath-record.fhir.json")))
    assert record.patient.display_name == "Alice Patient"
    assert [t.drug for t in record.trials] == ["pregabalin"]
    rows = list(csv.DictReader(io.StringIO(archive.read("nervepath-diary.csv").decode())))
    assert [(r["date"], r["pain_average"], r["note"]) for r in rows] == [("2026-01-02", "6", "bad night")]
    event = AuditEvent.objects.get(object_type="export")
    assert (event.username, event.action, event.patient_id) == ("alice", "read", world.clinic.alice.pk)


def test_it_refuses_the_download_to_anyone_but_the_patient(world: World) -> None:
    for name in ("bob", "carol", "root"):
        assert as_user(world, name).get(reverse("accounts:export")).status_code == 404
    assert Client().get(reverse("accounts:export"))["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.filter(object_type="export").exists()


def test_it_lets_a_patient_revoke_a_clinicians_access(world: World) -> None:
    alice, bob = world.clinic.alice, world.clinic.bob
    patient_page = reverse("pages:patient", args=[alice.pk])
    assert as_user(world, "bob").get(patient_page).status_code == 200
    response = as_user(world, "alice").post(reverse("accounts:revoke"), {"clinician": bob.pk})
    assert response["Location"] == reverse("accounts:my_data")
    assert not CareLink.objects.filter(patient=alice, clinician=bob).exists()
    assert as_user(world, "bob").get(patient_page).status_code == 404
    event = AuditEvent.objects.filter(action="change").latest("pk")
    assert (event.username, event.patient_id, event.object_type) == (
        "alice",
        alice.pk,
        f"carelink:{bob.pk}:revoked",
    )


def test_it_refuses_to_revoke_a_clinician_who_is_not_linked(world: World) -> None:
    carol = world.clinic.carol
    assert (
        as_user(world, "alice").post(reverse("accounts:revoke"), {"clinician": carol.pk}).status_code == 404
    )
    assert as_user(world, "alice").post(reverse("accounts:revoke"), {"clinician": "x"}).status_code == 400
    bob_link = {"clinician": world.clinic.bob.pk}
    for name in ("bob", "dave", "root"):
        assert as_user(world, name).post(reverse("accounts:revoke"), bob_link).status_code == 404
    assert CareLink.objects.filter(patient=world.clinic.alice, clinician=world.clinic.bob).exists()
    assert not AuditEvent.objects.exists()


def test_it_deletes_nothing_without_the_right_password(world: World) -> None:
    response = as_user(world, "alice").post(reverse("accounts:delete_account"), {"password": "wrong"})
    assert response.status_code == 400
    assert "not your password" in response.content.decode()
    assert Patient.objects.filter(pk=world.clinic.alice.pk).exists()
    assert not AuditEvent.objects.exists()


def test_it_deletes_the_patients_record_and_account_and_keeps_the_deletion_in_the_audit_log(
    world: World,
) -> None:
    alice = world.clinic.alice
    DiaryDay.objects.create(patient=alice, date="2026-01-02", pain_average=6, note="bad night")
    client = as_user(world, "alice")
    client.get(reverse("pages:plan"))  # an earlier read, which stays in the log
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD["alice"]})
    assert response["Location"] == reverse("pages:home")
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="alice").exists()
    assert not Patient.objects.filter(pk=alice.pk).exists()
    for model in (DiaryDay, Trial, QuestionnaireResponse, CareLink):
        assert not model.objects.filter(patient_id=alice.pk).exists(), model.__name__
    assert Patient.objects.filter(pk=world.clinic.dave.pk).exists()
    assert Trial.objects.filter(patient=world.clinic.dave).count() == 1
    deletion = AuditEvent.objects.get(action="delete")
    kept = (deletion.username, deletion.patient_id, deletion.object_type, deletion.object_id, deletion.user)
    assert kept == ("alice", alice.pk, "account", "", None)
    assert AuditEvent.objects.filter(patient_id=alice.pk).count() == 2
    assert as_user(world, "bob").get(reverse("pages:patient", args=[alice.pk])).status_code == 404


def test_it_offers_account_deletion_to_patients_only(world: World) -> None:
    for name in ("bob", "root"):
        client = as_user(world, name)
        response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD[name]})
        assert response.status_code == 404
        assert User.objects.filter(username=name).exists()
