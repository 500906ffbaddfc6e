"""Signing up a patient and linking a patient to a clinician by invitation code, each all-or-nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from nervepath.errors import Conflict
from nervepath.web.accounts.models import Invitation, Preferences
from nervepath.web.records.care import link_patient
from nervepath.web.records.models import CareLink, Patient


def create_patient_account(form: Any, language: str) -> Patient:
    """Create the user, their Patient record and preferences; use the invitation if one was given."""
    with transaction.atomic():
        user = form.save()
        patient = Patient.objects.create(display_name=form.cleaned_data["display_name"], user=user)
        Preferences.objects.create(user=user, language=language)
        invitation = form.cleaned_data.get("invitation")
        if invitation is not None:
            use_invitation(invitation, patient)
    return patient


def use_invitation(invitation: Invitation, patient: Patient) -> CareLink:
    """Link the patient to the invitation's clinician and spend the code (once only, even when raced)."""
    with transaction.atomic():
        spent = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now(), used_by=patient
        )
        if not spent:
            raise Conflict("code", "this code has just been used; ask your clinician for a new one")
        link, _ = link_patient(invitation.clinician, patient)
    return link
