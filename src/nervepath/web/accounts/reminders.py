"""Daily diary and due-questionnaire reminders by e-mail, at the time each patient chose.

Idempotent: a ReminderSent row per patient, kind and day is written before the mail goes out, so
running ``nervepath remind`` twice (or every few minutes from cron) sends each reminder once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from nervepath.instruments import get_instrument
from nervepath.web.accounts.models import Preferences, ReminderSent
from nervepath.web.pages.schedule import due_for
from nervepath.web.records.models import Patient


@dataclass(frozen=True)
class Sent:
    patient_id: int
    kinds: tuple[str, ...]


def reminder_kinds(patient: Patient, day: date) -> list[str]:
    """What to remind the patient of today: the diary if today has no entry, and each due questionnaire."""
    kinds = [] if patient.diary_days.filter(date=day).exists() else ["diary"]
    return kinds + [f"questionnaire:{due.instrument_id}" for due in due_for(patient, day)]


def _claim(patient: Patient, kinds: list[str], day: date) -> list[str]:
    claimed = []
    for kind in kinds:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(patient=patient, kind=kind, day=day)
        except IntegrityError:
            continue
        claimed.append(kind)
    return claimed


def _message(kinds: list[str]) -> str:
    lines = [_("Your nervepath diary for today is waiting: it takes 30 seconds.")] if "diary" in kinds else []
    due = [
        get_instrument(kind.split(":", 1)[1]).short_name
        for kind in kinds
        if kind.startswith("questionnaire:")
    ]
    if due:
        lines.append(_("A questionnaire is due: %(names)s.") % {"names": ", ".join(due)})
    return "\n\n".join(lines)


def send_reminders(now: datetime | None = None) -> list[Sent]:
    """Send every reminder whose chosen time has passed today and that was not sent yet."""
    moment = timezone.localtime(now or timezone.now())
    sent = []
    chosen = Preferences.objects.filter(reminder_time__isnull=False, reminder_time__lte=moment.time())
    for prefs in chosen.select_related("user"):
        patient = Patient.objects.filter(user=prefs.user).first()
        if patient is None or not prefs.user.email:
            continue
        kinds = _claim(patient, reminder_kinds(patient, moment.date()), moment.date())
        if kinds:
            with override(prefs.language):
                send_mail(_("nervepath reminder"), _message(kinds), None, [prefs.user.email])
            sent.append(Sent(patient.pk, tuple(kinds)))
    return sent
