"""Object-level access: the only place that decides which patient records a user may reach.

A patient reaches their own record; a clinician the patients linked to them by a CareLink; an
admin every patient. Anything else is a 404, so a stranger cannot even learn that a record exists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from nervepath.web.accounts.roles import Role, is_care_team, linked_row, role_of
from nervepath.web.records.models import Clinician, Patient, QuestionnaireResponse, Trial


def patients_for_user(user: Any) -> QuerySet[Patient]:
    """Every patient the user may see (possibly none)."""
    role = role_of(user)
    if role is Role.admin:
        return Patient.objects.all()
    if role is Role.clinician:
        return Patient.objects.filter(clinicians__user=user)
    if role is Role.patient:
        return Patient.objects.filter(user=user)
    return Patient.objects.none()


def get_patient_for_user(user: Any, patient_id: Any) -> Patient:
    """One patient the user may see, else 404."""
    try:
        wanted = int(patient_id)
        if role_of(user) is Role.patient:
            # A patient reaches one record, already loaded with the user to learn the role.
            own: Patient = linked_row(user, "patient")
            if own.pk != wanted:
                raise Patient.DoesNotExist
            return own
        return patients_for_user(user).get(pk=wanted)
    except (Patient.DoesNotExist, TypeError, ValueError):
        raise Http404("no such patient") from None


def get_own_patient(user: Any) -> Patient:
    """The signed-in patient's own record; 404 for anyone who is not a patient."""
    patient: Patient | None = linked_row(user, "patient") if role_of(user) is Role.patient else None
    if patient is None:
        raise Http404("these pages are for patients")
    return patient


def get_clinician_for_user(user: Any) -> Clinician:
    """The signed-in clinician's own record; 404 for anyone else."""
    clinician: Clinician | None = linked_row(user, "clinician") if role_of(user) is Role.clinician else None
    if clinician is None:
        raise Http404("this page is for clinicians")
    return clinician


def get_trial_for_user(user: Any, trial_id: Any) -> Trial:
    """One trial of a patient the user may see, else 404."""
    try:
        return Trial.objects.get(pk=int(trial_id), patient__in=patients_for_user(user))
    except (Trial.DoesNotExist, TypeError, ValueError):
        raise Http404("no such trial") from None


def get_response_for_user(user: Any, response_id: Any) -> QuestionnaireResponse:
    """One questionnaire response of a patient the user may see, else 404."""
    try:
        return QuestionnaireResponse.objects.get(pk=int(response_id), patient__in=patients_for_user(user))
    except (QuestionnaireResponse.DoesNotExist, TypeError, ValueError):
        raise Http404("no such questionnaire response") from None


def treated_patients(user: Any) -> QuerySet[Patient]:
    """The patients whose treatment the user may change: a clinician's linked ones, or all for an admin."""
    return patients_for_user(user) if is_care_team(user) else Patient.objects.none()


def get_patient_for_clinician(user: Any, patient_id: Any) -> Patient:
    """One patient whose treatment the user may change (linked clinician, admin), else 404."""
    try:
        return treated_patients(user).get(pk=int(patient_id))
    except (Patient.DoesNotExist, TypeError, ValueError):
        raise Http404("no such patient") from None


def get_trial_for_clinician(user: Any, trial_id: Any) -> Trial:
    """One trial the user may change (a linked clinician's or an admin's), else 404."""
    try:
        return Trial.objects.get(pk=int(trial_id), patient__in=treated_patients(user))
    except (Trial.DoesNotExist, TypeError, ValueError):
        raise Http404("no such trial") from None


def require_care_team(user: Any) -> None:
    """Only clinicians and admins pass (creating patients, for example); others get a 404."""
    if not is_care_team(user):
        raise Http404("this is for clinicians")
