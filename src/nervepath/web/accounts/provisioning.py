"""Accounts an operator creates at the server (``nervepath user create``) and the list of accounts.

Nothing here is a second way to make an account: the web sign-up's form checks the user name, the
e-mail and the password (Django's ``AUTH_PASSWORD_VALIDATORS``); a patient's account is made by the
sign-up's own ``create_patient_account``, a clinician by ``add_clinician`` and linked to patients by
``link_patient``. Each creation is all-or-nothing, with its audit events: one for the account
(under the patient's id for a patient, no patient otherwise) and one per patient linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from nervepath.errors import InvalidInput
from nervepath.web.accounts import twofactor
from nervepath.web.accounts.audit import Actor, log_event
from nervepath.web.accounts.forms import SignupForm
from nervepath.web.accounts.linking import create_patient_account
from nervepath.web.accounts.models import AuditAction, Preferences
from nervepath.web.accounts.roles import USER_ROWS, Role, linked_row, role_of
from nervepath.web.records import validation as v
from nervepath.web.records.care import add_clinician, link_patient
from nervepath.web.records.models import CareLink, Clinician, Patient
from nervepath.web.records.patients import get_patient

ROLES = [Role.clinician.value, Role.admin.value, Role.patient.value]
# The sign-up form's fields, by the names a person gives them here.
_FIELDS = {"username": "username", "email": "email", "display_name": "name", "password1": "password"}
_FIELDS["password2"] = "password"
HIDDEN = "(hidden)"  # what an error shows instead of the password


class _AccountForm(SignupForm):
    """The sign-up form with the e-mail optional: an operator may not know a person's address."""

    email = forms.EmailField(required=False)


@dataclass(frozen=True)
class NewAccount:
    """What ``create_account`` needs besides the password; ``name`` is the display name of a
    clinician or patient."""

    username: str
    role: str
    name: str = ""
    email: str = ""
    patient_ids: tuple[int, ...] = ()
    require_two_factor: bool = False


@dataclass(frozen=True)
class AccountSummary:
    """One account as ``nervepath user list`` shows it: never a password hash, secret or code."""

    username: str
    role: Role
    two_factor: str  # "on", "required" (of this role or by an operator, not enrolled yet) or "off"
    patients: tuple[int, ...]  # a clinician's linked patients; a patient's own record
    active: bool


def check_account(new: NewAccount) -> tuple[Role, list[Patient]]:
    """The checks that need no password, so that a shell can make them before asking for it;
    returns the role and the patients to link.

    Raises: InvalidInput (role, an option that does not fit the role, a bad or taken user name, a
    bad e-mail or name); NotFound for an unknown patient id.
    """
    role = Role(v.choice("role", new.role, ROLES))
    _check_fits(role, new)
    patients = [get_patient(pk) for pk in dict.fromkeys(new.patient_ids)]
    _form(new, role, password=None)
    # The sign-up form names a taken name only once the password is right (no enumeration on the web);
    # an operator at the command line is told before typing a password.
    if User.objects.filter(username__iexact=new.username).exists():
        raise InvalidInput("username", new.username, "a user name not yet taken (this name is taken)")
    return role, patients


def create_account(who: Actor, new: NewAccount, password: str) -> User:
    """Create the account of ``new.role``, link a clinician's patients, demand two-factor if asked,
    and write the audit events, all or nothing; returns the user.

    Raises: as ``check_account``, and InvalidInput for a bad user name, e-mail or name, or a
    password that Django's configured validators refuse (the password is never shown).
    """
    role, patients = check_account(new)
    form = _form(new, role, password)
    try:
        with transaction.atomic():
            user, patient, links = _create(role, form, patients)
            log_event(who, AuditAction.change, patient.pk if patient else None, user)
            for link in links:
                log_event(who, AuditAction.change, link.patient_id, link)
            if new.require_two_factor:
                twofactor.require(user)
    except IntegrityError:
        if User.objects.filter(username=new.username).exists():  # taken meanwhile, after the form's check
            raise InvalidInput("username", new.username, "a user name not yet taken") from None
        raise
    return user


def _check_fits(role: Role, new: NewAccount) -> None:
    if role is Role.admin and new.name.strip():
        raise InvalidInput("name", new.name, "no name for an admin (only clinicians and patients have one)")
    if role is not Role.clinician and new.patient_ids:
        raise InvalidInput("patient", list(new.patient_ids), "patients are linked to a clinician account")
    if role is Role.patient and new.require_two_factor:
        raise InvalidInput(
            "require_two_factor", True, "a clinician or admin account (two-factor is offered to them only)"
        )


def _form(new: NewAccount, role: Role, password: str | None) -> _AccountForm:
    """The sign-up form, valid; without a password (None) only the other fields are checked."""
    display_name = new.name if role is not Role.admin else new.username
    data = {"username": new.username, "email": new.email, "display_name": display_name}
    form = _AccountForm(data | {"password1": password or "", "password2": password or ""})
    form.is_valid()
    for name, errors in form.errors.items():
        shown = _FIELDS.get(name, name)
        if shown == "password" and password is None:
            continue
        value = HIDDEN if shown == "password" else form.data.get(name)
        raise InvalidInput(shown, value, f"a valid {shown} ({' '.join(str(e) for e in errors)})")
    return form


def _create(
    role: Role, form: _AccountForm, patients: list[Patient]
) -> tuple[User, Patient | None, list[CareLink]]:
    language = settings.LANGUAGE_CODE
    if role is Role.patient:
        patient = create_patient_account(form, language)
        return form.instance, patient, []  # the user the form saved
    user: User = form.save(commit=False)
    user.is_staff = role is Role.admin
    user.save()
    Preferences.objects.create(user=user, language=language)
    if role is not Role.clinician:
        return user, None, []
    clinician = add_clinician(form.cleaned_data["display_name"], user)
    return user, None, [link_patient(clinician, p)[0] for p in patients]


def list_accounts() -> list[AccountSummary]:
    """Every account, by user name, with its role, two-factor state and patients."""
    users = twofactor.with_second_factor_flags(
        User.objects.select_related(*USER_ROWS).prefetch_related("clinician__patients").order_by("username")
    )
    return [account_summary(u) for u in users]


def account_summary(user: User) -> AccountSummary:
    """One account's summary (a few queries unless its rows were joined, as ``list_accounts`` does)."""
    return AccountSummary(
        username=user.get_username(),
        role=role_of(user),
        two_factor=_two_factor_state(user),
        patients=_patients_of(user),
        active=user.is_active,
    )


def _two_factor_state(user: User) -> str:
    if twofactor.is_enrolled(user):
        return "on"
    return "required" if twofactor.required(user) else "off"


def _patients_of(user: User) -> tuple[int, ...]:
    clinician: Clinician | None = linked_row(user, "clinician")
    if clinician is not None:
        return tuple(sorted(p.pk for p in clinician.patients.all()))
    patient: Patient | None = linked_row(user, "patient")
    return (patient.pk,) if patient is not None else ()
