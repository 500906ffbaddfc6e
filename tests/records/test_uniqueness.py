"""One running trial and one current medication of a drug per patient, kept by the database itself:
the partial unique indexes, the services' Conflict when an index refuses, each shell's translation of
it, the import's check, and the migration that settles duplicates written before the indexes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from nervepath.cli.main import app
from nervepath.errors import Conflict, InvalidInput
from nervepath.fhir.bundle import from_bundle, to_bundle
from nervepath.web.records.exchange import save_patient_record
from nervepath.web.records.mappers import patient_record
from nervepath.web.records.medications import add_medication, change_medication_dose, get_medication
from nervepath.web.records.models import (
    ONE_RUNNING_TRIAL,
    DiaryDay,
    Medication,
    Patient,
    Trial,
)
from nervepath.web.records.trials import start_trial, stop_trial
from nervepath.web.records.uniqueness import conflict_on
from tests.web.conftest import Clinic, _web_settings, clinic  # noqa: F401 (fixtures)

DAY = date(2026, 3, 1)


def running(patient: Patient, drug: str) -> list[int]:
    return list(
        Trial.objects.filter(patient=patient, drug_id=drug, stop_date=None).values_list("pk", flat=True)
    )


def current(patient: Patient, drug: str) -> list[int]:
    rows = Medication.objects.filter(patient=patient, drug_id=drug, stop_date=None)
    return list(rows.values_list("pk", flat=True))


# --- the indexes ---------------------------------------------------------------------------------


def test_it_keeps_one_running_trial_of_a_drug_per_patient_in_the_database(ann: Patient) -> None:
    first = Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY)
    assert running(ann, "pregabalin") == [first.pk]


def test_it_allows_stopped_trials_other_drugs_and_other_patients(ann: Patient) -> None:
    other = Patient.objects.create(display_name="Bea")
    stopped = {"stop_date": DAY, "stop_reason": "ineffective"}
    Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY, **stopped)
    Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY, **stopped)
    Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY)
    Trial.objects.create(patient=ann, drug_id="duloxetine", start_date=DAY)
    Trial.objects.create(patient=other, drug_id="pregabalin", start_date=DAY)
    assert Trial.objects.count() == 5


def test_it_keeps_one_current_medication_of_a_drug_per_patient_in_the_database(ann: Patient) -> None:
    Medication.objects.create(patient=ann, drug_id="metformin", daily_dose=500, stop_date=DAY)
    first = Medication.objects.create(patient=ann, drug_id="metformin", daily_dose=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        Medication.objects.create(patient=ann, drug_id="metformin", daily_dose=1000)
    assert current(ann, "metformin") == [first.pk]


# --- the services --------------------------------------------------------------------------------


def test_it_tells_a_second_start_of_a_running_drug_as_a_conflict_on_the_drug(ann: Patient) -> None:
    first = start_trial(ann, "pregabalin", DAY, 150)
    with transaction.atomic():  # a caller's transaction, as every page and API write has
        with pytest.raises(Conflict, match=r"^drug: a trial of pregabalin is already running") as caught:
            start_trial(ann, "pregabalin", DAY, 75)
        assert caught.value.field == "drug"
        assert running(ann, "pregabalin") == [first.pk]  # the transaction is still usable
    assert first.doses.count() == 1
    stop_trial(first, DAY, "ineffective")
    again = start_trial(ann, "pregabalin", DAY, 75)  # stopped, the drug can be tried again
    assert running(ann, "pregabalin") == [again.pk]


def test_it_tells_a_second_medication_of_a_current_drug_as_a_conflict_on_the_drug(ann: Patient) -> None:
    first = add_medication(ann, "metformin", 500)
    with transaction.atomic():
        with pytest.raises(Conflict, match=r"^drug: metformin is already a current medication") as caught:
            add_medication(ann, "metformin", 1000)
        assert caught.value.field == "drug"
        assert current(ann, "metformin") == [first.pk]


def test_it_refuses_a_dose_change_made_from_a_stale_copy_of_a_medication(ann: Patient) -> None:
    row = add_medication(ann, "metformin", 500, DAY)
    stale = get_medication(row.pk)
    newer = change_medication_dose(get_medication(row.pk), 1000, DAY + timedelta(days=1))
    with pytest.raises(Conflict, match=f"^medication: medication {row.pk} was changed by someone else"):
        change_medication_dose(stale, 1500, DAY + timedelta(days=2))
    assert current(ann, "metformin") == [newer.pk]
    assert Medication.objects.get(pk=row.pk).stop_date == DAY + timedelta(days=1)


def test_it_lets_any_other_refusal_of_the_database_through(ann: Patient) -> None:
    DiaryDay.objects.create(patient=ann, date=DAY, pain_average=4)
    refused = Conflict("drug", "not this one")
    with pytest.raises(IntegrityError), conflict_on(Trial, ONE_RUNNING_TRIAL, refused):
        DiaryDay.objects.create(patient=ann, date=DAY, pain_average=5)
    with pytest.raises(IntegrityError), conflict_on(Trial, ONE_RUNNING_TRIAL, refused):
        Trial.objects.create(patient=ann, drug_id="pregabalin", start_date=DAY, stop_date=DAY)


# --- the shells: the page form and the command line (the API: tests/api/test_concurrency.py) ------


def test_it_shows_the_conflict_on_the_forms_drug_field(client: Client, clinic: Clinic) -> None:  # noqa: F811
    client.force_login(clinic.bob.user)
    data = {"drug": "pregabalin", "daily_mg": "150", "start": DAY.isoformat()}
    assert client.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data).status_code == 302
    response = client.post(f"/clinic/patients/{clinic.alice.pk}/trials/", data)
    assert response.status_code == 400
    assert response.context["start_form"].errors["drug"] == [
        "drug: a trial of pregabalin is already running for this patient; stop it first"
    ]
    assert len(running(clinic.alice, "pregabalin")) == 1


@pytest.mark.django_db
def test_it_exits_2_naming_the_drug_when_the_command_line_starts_a_running_trial_again(
    tmp_path: Any,
) -> None:
    def run(*args: str) -> Any:
        return CliRunner().invoke(app, ["--home", str(tmp_path), *args])

    patient = json.loads(run("patient", "add", "--name", "Ann", "--format", "json").stdout)["id"]
    start = ("trial", "start", "--patient", str(patient), "--drug", "pregabalin", "--date", "2026-03-01")
    assert run(*start, "--daily-mg", "150").exit_code == 0
    again = run(*start, "--daily-mg", "75")
    assert again.exit_code == 2
    assert "drug: a trial of pregabalin is already running" in " ".join(again.stderr.split())
    assert "Traceback" not in again.stderr
    assert Trial.objects.filter(drug_id="pregabalin").count() == 1


# --- the import ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "what"), [("trials", "running trial"), ("medications", "current medication")]
)
def test_it_refuses_an_import_with_two_unstopped_rows_of_a_drug(ann: Patient, rows: str, what: str) -> None:
    start_trial(ann, "pregabalin", DAY, 150)
    add_medication(ann, "pregabalin", 150)
    record = from_bundle(to_bundle(patient_record(ann)))
    doubled = replace(record, **{rows: getattr(record, rows) * 2})
    expected = f"^MedicationStatement.medication: got 'pregabalin', expected at most one {what} of a drug"
    with pytest.raises(InvalidInput, match=expected):
        save_patient_record(doubled)
    assert Patient.objects.count() == 1
    assert running(save_patient_record(record), "pregabalin")  # the record as exported imports


# --- the migration -------------------------------------------------------------------------------

BEFORE = ("records", "0004_medication_unit_length")
INDEXES = ("records", "0005_one_running_trial_one_current_medication")
UPGRADE = "nervepath upgrade (migration records 0005)"


@pytest.fixture
def before_the_indexes(transactional_db: None) -> Any:
    """The database as it was before the indexes (historical models), migrated forward afterwards."""
    MigrationExecutor(connection).migrate([BEFORE])
    yield MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_it_stops_the_older_duplicates_before_it_adds_the_indexes(
    before_the_indexes: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    old = before_the_indexes
    ann, bea = (old.get_model("records", "Patient").objects.create(display_name=n) for n in ("Ann", "Bea"))
    trial = old.get_model("records", "Trial").objects.create
    a = trial(patient=ann, drug_id="pregabalin", start_date=date(2026, 1, 1))
    kept = trial(patient=ann, drug_id="pregabalin", start_date=date(2026, 2, 1))
    c = trial(patient=ann, drug_id="pregabalin", start_date=date(2026, 1, 15))
    untouched = [
        trial(patient=bea, drug_id="pregabalin", start_date=date(2026, 1, 1)).pk,
        trial(patient=ann, drug_id="gabapentin", start_date=date(2026, 1, 1)).pk,
    ]
    dose = old.get_model("records", "DoseStep").objects.create
    dose(trial=a, date=date(2026, 1, 1), daily_mg=150)
    dose(trial=a, date=date(2026, 2, 10), daily_mg=300)
    medication = old.get_model("records", "Medication").objects.create
    undated = medication(patient=ann, drug_id="metformin", daily_dose=500)
    dated = medication(patient=ann, drug_id="metformin", daily_dose=500, start_date=date(2020, 1, 1))
    first, second = (medication(patient=ann, drug_id="omeprazole", daily_dose=20) for _ in range(2))

    MigrationExecutor(connection).migrate([INDEXES])

    new = MigrationExecutor(connection).loader.project_state([INDEXES]).apps
    trials = new.get_model("records", "Trial").objects
    assert sorted(trials.filter(stop_date=None).values_list("pk", flat=True)) == sorted([kept.pk, *untouched])
    stopped = {t.pk: (t.stop_date, t.stop_reason, t.version) for t in trials.exclude(stop_date=None)}
    assert stopped == {a.pk: (date(2026, 2, 10), "other", 2), c.pk: (date(2026, 2, 1), "other", 2)}
    decisions = new.get_model("records", "TrialDecision").objects.order_by("trial_id")
    assert [(d.trial_id, d.date, d.decision, d.author) for d in decisions] == [
        (a.pk, date(2026, 2, 10), "stop", UPGRADE),
        (c.pk, date(2026, 2, 1), "stop", UPGRADE),
    ]
    assert all(f"trial {kept.pk} of pregabalin runs on" in d.note for d in decisions)
    medications = new.get_model("records", "Medication").objects
    assert sorted(medications.filter(stop_date=None).values_list("pk", flat=True)) == [dated.pk, second.pk]
    assert medications.get(pk=undated.pk).stop_date == date(2020, 1, 1)
    assert medications.get(pk=first.pk).stop_date == timezone.localdate()
    events = new.get_model("accounts", "AuditEvent").objects.filter(username=UPGRADE)
    assert sorted(events.values_list("object_type", "object_id")) == sorted(
        [
            ("trial", str(a.pk)),
            ("trial", str(c.pk)),
            ("medication", str(undated.pk)),
            ("medication", str(first.pk)),
        ]
    )
    assert {(e.action, e.patient_id, e.user_id) for e in events} == {("change", ann.pk, None)}
    assert "stopped 2 older running trial(s) and 2 older current medication(s)" in capsys.readouterr().err
    with pytest.raises(IntegrityError), transaction.atomic():
        trials.create(patient_id=ann.pk, drug_id="pregabalin", start_date=date(2026, 3, 1))


def test_it_changes_nothing_when_there_is_no_duplicate(
    before_the_indexes: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    old = before_the_indexes
    ann = old.get_model("records", "Patient").objects.create(display_name="Ann")
    old.get_model("records", "Trial").objects.create(patient=ann, drug_id="pregabalin", start_date=DAY)
    MigrationExecutor(connection).migrate([INDEXES])
    new = MigrationExecutor(connection).loader.project_state([INDEXES]).apps
    assert new.get_model("records", "Trial").objects.get().stop_date is None
    assert not new.get_model("accounts", "AuditEvent").objects.exists()
    assert "records 0005" not in capsys.readouterr().err
