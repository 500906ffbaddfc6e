"""A new patient's first steps, shown as a checklist on Today until they are done or hidden.

Four steps: answer a first questionnaire, link a clinician, read a Learn entry, write a first diary
day. Each is done by what the records hold (a questionnaire response, a care link, a diary day); the
reading is done when the patient opened a Learn entry or said they had read, kept in ``GuidedStart``
with the moment the patient hid the card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nervepath.errors import UnknownIdentifier
from nervepath.instruments import get_instrument
from nervepath.knowledge.loader import get_entry
from nervepath.web.accounts.roles import Role, linked_row, role_of
from nervepath.web.pages.models import GuidedStart
from nervepath.web.records.models import Patient

FIRST_QUESTIONNAIRE = "dn4_interview"  # the screening questions a patient can answer alone
FIRST_READING = "neuropathic_pain"  # the Learn overview entry


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    help: str
    url: str
    done: bool
    instrument: str = ""  # the questionnaire the step names, shown in the page's language


@dataclass(frozen=True)
class FirstSteps:
    steps: list[Step]

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)


def _reading_url() -> str:
    try:
        get_entry(FIRST_READING)
    except UnknownIdentifier:
        return reverse("pages:learn")
    return reverse("pages:entry", args=[FIRST_READING])


def _steps(patient: Patient, read: bool) -> list[Step]:
    count = len(get_instrument(FIRST_QUESTIONNAIRE).items)
    questions = _("%(count)s questions, one per screen.") % {"count": count}
    return [
        Step(
            "questionnaire",
            _("Answer a first questionnaire"),
            questions,
            reverse("pages:check_step", args=[FIRST_QUESTIONNAIRE]) + "?restart=1",
            patient.questionnaires.exists(),
            FIRST_QUESTIONNAIRE,
        ),
        Step(
            "clinician",
            _("Link to your clinician"),
            _("With the code your clinician gives you, they see your diary and results."),
            reverse("accounts:link"),
            patient.clinicians.exists(),
        ),
        Step(
            "reading",
            _("Read what neuropathic pain is"),
            _("A short page in Learn, with its sources."),
            _reading_url(),
            read,
        ),
        Step(
            "diary",
            _("Write your first diary entry"),
            _("How your pain was today, from 0 to 10. It takes a minute."),
            reverse("pages:today") + "#diary",
            patient.diary_days.exists(),
        ),
    ]


def first_steps(patient: Patient) -> FirstSteps | None:
    """The checklist to show, or None once the patient hid it or did every step."""
    start = GuidedStart.objects.filter(patient=patient).first()
    if start is not None and start.dismissed_at is not None:
        return None
    found = FirstSteps(_steps(patient, read=start is not None and start.read_at is not None))
    return None if found.done == len(found.steps) else found


def _mark(patient: Patient, field: str) -> None:
    """Set ``field`` (``read_at`` or ``dismissed_at``) to now, once: a later call keeps the first time."""
    now = timezone.now()
    if not GuidedStart.objects.filter(patient=patient, **{f"{field}__isnull": True}).update(**{field: now}):
        GuidedStart.objects.get_or_create(patient=patient, defaults={field: now})


def mark_read(patient: Patient) -> None:
    _mark(patient, "read_at")


def dismiss(patient: Patient) -> None:
    _mark(patient, "dismissed_at")


def note_reading(user: Any) -> None:
    """A patient opened a Learn entry: the reading step is done. Anyone else: nothing."""
    if role_of(user) is Role.patient:
        mark_read(linked_row(user, "patient"))
