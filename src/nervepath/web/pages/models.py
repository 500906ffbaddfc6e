"""Questionnaires a clinician assigns to a patient, once or on a schedule."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from nervepath.web.records.models import Clinician, Patient


class QuestionnaireAssignment(models.Model):
    """Ask ``instrument_id`` from ``start_date``; ``every_days`` None means once."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="assignments")
    instrument_id = models.CharField(max_length=64)
    every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    assigned_by = models.ForeignKey(Clinician, null=True, blank=True, on_delete=models.SET_NULL)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["instrument_id", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(every_days__isnull=True) | Q(every_days__gte=1),
                name="assignment_every_days_positive",
            ),
        ]


class OutcomesSnapshot(models.Model):
    """The clinic outcomes tables, computed once for one scope of patients and state of their trials.

    ``key`` names what they were computed from (see ``nervepath.web.pages.views.outcomes``), so a
    changed trial, another set of patients or a new day makes a new snapshot; ``tables`` holds the
    computed rows as JSON.
    """

    key = models.CharField(max_length=64, unique=True)
    computed_at = models.DateTimeField()
    trials = models.PositiveIntegerField()
    tables = models.JSONField()


class GuidedStart(models.Model):
    """A patient's first-steps card on Today: when they first read a Learn entry (or said they had)
    and when they hid the card. The other steps are read from their records."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="guided_start")
    read_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
