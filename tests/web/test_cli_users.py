"""`nervepath user create|list`: real accounts from the command line, on the clinic's personas
(alice and dave, patients; bob, alice's clinician; carol, a clinician; root, an admin).

The operator at the command line is "ops" (the operating system's user name, patched).
"""

from __future__ import annotations

import json

import pyotp
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner, Result

from nervepath.cli.main import app
from nervepath.web.accounts import twofactor
from nervepath.web.accounts.models import AuditEvent, Preferences, TwoFactorRequirement
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.records.models import CareLink, Clinician, Patient
from tests.web.conftest import Clinic

PASSWORD = "a-long-clinic-passphrase"
LOGIN = "/accounts/login/"
OPERATOR = "ops (command line)"


@pytest.fixture(autouse=True)
def _operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nervepath.web.accounts.audit.getpass.getuser", lambda: "ops")


def create(*args: str, password: str = PASSWORD) -> Result:
    """`user create ARGS`, typing the password twice at the prompt."""
    return CliRunner().invoke(app, ["user", "create", *args], input=f"{password}\n{password}\n")


def test_it_creates_an_admin_with_the_password_asked_twice_and_hidden(clinic: Clinic) -> None:
    result = create("ada", "--role", "admin", "--email", "ada@example.org")
    assert result.exit_code == 0, result.stderr
    assert "created admin account ada" in result.stdout
    assert result.stderr.count("Password") == 1
    assert "Repeat for confirmation" in result.stderr
    assert PASSWORD not in result.output
    ada = User.objects.get(username="ada")
    assert role_of(ada) is Role.admin
    assert ada.check_password(PASSWORD)
    assert ada.email == "ada@example.org"
    assert Preferences.objects.filter(user=ada).exists()


def test_it_creates_a_clinician_linked_to_patients_with_one_audit_event_each(clinic: Clinic) -> None:
    ids = [str(clinic.alice.pk), str(clinic.dave.pk)]
    result = create("drx", "--role", "clinician", "--name", "Dr X", "--patient", ids[0], "--patient", ids[1])
    assert result.exit_code == 0, result.stderr
    clinician = Clinician.objects.get(user__username="drx")
    assert clinician.display_name == "Dr X"
    assert set(clinician.patients.all()) == {clinic.alice, clinic.dave}
    events = AuditEvent.objects.filter(username=OPERATOR).order_by("pk")
    assert [(e.action, e.patient_id, e.object_type) for e in events] == [
        ("change", None, "user"),
        ("change", clinic.alice.pk, "carelink"),
        ("change", clinic.dave.pk, "carelink"),
    ]
    assert events[0].object_id == str(clinician.user.pk)  # type: ignore[union-attr]
    assert events[0].user_id is None
    assert events[0].ip is None


def test_it_creates_a_patient_and_their_record_as_the_sign_up_does(clinic: Clinic) -> None:
    result = create("pat", "--role", "patient", "--name", "Pat Example", "--format", "json")
    assert result.exit_code == 0, result.stderr
    patient = Patient.objects.get(user__username="pat")
    assert patient.display_name == "Pat Example"
    assert Preferences.objects.get(user=patient.user).language == "en"
    assert json.loads(result.stdout) == {
        "username": "pat",
        "role": "patient",
        "two_factor": "off",
        "patients": [patient.pk],
        "active": True,
    }
    event = AuditEvent.objects.get(username=OPERATOR)
    assert (event.patient_id, event.object_type) == (patient.pk, "user")


def test_it_reads_the_password_from_standard_input_with_the_flag(clinic: Clinic) -> None:
    args = ["user", "create", "drx", "--role", "clinician", "--name", "Dr X", "--password-stdin"]
    result = CliRunner().invoke(app, args, input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.stderr
    assert "Password" not in result.output
    assert User.objects.get(username="drx").check_password(PASSWORD)


def test_it_refuses_an_empty_line_on_standard_input(clinic: Clinic) -> None:
    result = CliRunner().invoke(
        app, ["user", "create", "ada", "--role", "admin", "--password-stdin"], input="\n"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: password:")
    assert not User.objects.filter(username="ada").exists()


@pytest.mark.parametrize("weak", ["short-9", "password123", "31415926535897", "drxdrxdrx1"])
def test_it_refuses_a_weak_password_naming_the_field_and_creates_nothing(clinic: Clinic, weak: str) -> None:
    result = create(
        "drxdrxdrx", "--role", "clinician", "--name", "Dr X", "--patient", str(clinic.alice.pk), password=weak
    )
    assert result.exit_code == 2
    assert "error: password:" in result.stderr
    assert weak not in result.output
    assert "Traceback" not in result.output
    assert not User.objects.filter(username="drxdrxdrx").exists()
    assert not Clinician.objects.filter(display_name="Dr X").exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("taken", ["bob", "BOB"])
def test_it_refuses_a_taken_user_name_before_asking_the_password(clinic: Clinic, taken: str) -> None:
    result = create(taken, "--role", "admin")
    assert result.exit_code == 2
    assert "error: username:" in result.stderr
    assert "Password" not in result.stderr
    assert User.objects.filter(username__iexact="bob").count() == 1


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--role", "nurse"], "role"),
        (["--role", "clinician"], "name"),
        (["--role", "clinician", "--name", "Dr X", "--email", "not-an-address"], "email"),
        (["--role", "admin", "--name", "Ada"], "name"),
        (["--role", "patient", "--name", "Pat", "--patient", "1"], "patient"),
        (["--role", "patient", "--name", "Pat", "--require-two-factor"], "require_two_factor"),
    ],
)
def test_it_refuses_an_option_that_does_not_fit_naming_it(
    clinic: Clinic, args: list[str], field: str
) -> None:
    result = create("newcomer", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {field}:")  # before the password is asked
    assert not User.objects.filter(username="newcomer").exists()


def test_it_refuses_an_unknown_patient_and_links_nobody(clinic: Clinic) -> None:
    result = create(
        "drx", "--role", "clinician", "--name", "Dr X", "--patient", str(clinic.alice.pk), "--patient", "999"
    )
    assert result.exit_code == 2
    assert "patient 999 was not found" in result.stderr
    assert CareLink.objects.count() == 1  # bob and alice's, from the personas


def test_it_sends_a_user_who_must_enrol_to_the_enrolment_page_at_each_sign_in_until_enrolled(
    clinic: Clinic,
) -> None:
    assert create("drx", "--role", "clinician", "--name", "Dr X", "--require-two-factor").exit_code == 0
    drx = User.objects.get(username="drx")
    assert TwoFactorRequirement.objects.filter(user=drx).exists()
    client = Client()
    response = client.post(LOGIN + "?next=/clinic/", {"username": "drx", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:two_factor")
    assert client.session["_auth_user_id"] == str(drx.pk)
    page = client.get(reverse("accounts:two_factor"))
    client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(page.context["secret"]).now()})
    assert twofactor.enrolled(drx)
    again = Client().post(LOGIN, {"username": "drx", "password": PASSWORD})
    assert again["Location"] == reverse("accounts:two_factor_verify")


def test_it_lets_a_user_not_required_to_enrol_sign_in_as_before(clinic: Clinic) -> None:
    assert create("drx", "--role", "clinician", "--name", "Dr X").exit_code == 0
    response = Client().post(LOGIN + "?next=/clinic/", {"username": "drx", "password": PASSWORD})
    assert response["Location"] == "/clinic/"


def test_it_lists_every_account_with_role_two_factor_and_patients_and_no_secret(clinic: Clinic) -> None:
    secret = twofactor.new_secret()
    twofactor.confirm(clinic.bob.user, secret, pyotp.TOTP(secret).now())
    assert create("drx", "--role", "clinician", "--name", "Dr X", "--require-two-factor").exit_code == 0
    result = CliRunner().invoke(app, ["user", "list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    users = {u["username"]: u for u in json.loads(result.stdout)["users"]}
    assert list(users) == ["alice", "bob", "carol", "dave", "drx", "root"]
    assert (users["bob"]["role"], users["bob"]["two_factor"], users["bob"]["patients"]) == (
        "clinician",
        "on",
        [clinic.alice.pk],
    )
    assert (users["drx"]["two_factor"], users["drx"]["patients"]) == ("required", [])
    assert (users["alice"]["role"], users["alice"]["patients"]) == ("patient", [clinic.alice.pk])
    assert (users["root"]["role"], users["root"]["two_factor"]) == ("admin", "off")
    assert set(users["root"]) == {"username", "role", "two_factor", "patients", "active"}
    for hash_ in User.objects.values_list("password", flat=True):
        assert hash_ not in result.stdout
    assert secret not in result.stdout


def test_it_lists_accounts_as_a_table_for_people(clinic: Clinic) -> None:
    result = CliRunner().invoke(app, ["user", "list"])
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("│")}
    assert "clinician" in rows["bob"]
    assert str(clinic.alice.pk) in rows["bob"]
    assert "admin" in rows["root"]
    assert "md5$" not in result.stdout


def test_it_names_an_operator_without_a_login_name_as_unknown(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_name() -> str:
        raise OSError("no login name")

    monkeypatch.setattr("nervepath.web.accounts.audit.getpass.getuser", no_name)
    assert create("ada", "--role", "admin").exit_code == 0
    assert AuditEvent.objects.get().username == "unknown (command line)"


def test_it_shows_an_account_event_without_a_patient_in_the_admins_audit_log(
    as_root: Client, clinic: Clinic
) -> None:
    assert create("ada", "--role", "admin").exit_code == 0
    page = as_root.get("/accounts/audit-log/").content.decode()
    row = next(r for r in page.split("<tr>") if OPERATOR in r)
    assert "account #" in row  # the object type "user" in words
    assert "<td>None</td>" not in row
    assert row.count("<td>—</td>") == 2  # no patient, no IP
