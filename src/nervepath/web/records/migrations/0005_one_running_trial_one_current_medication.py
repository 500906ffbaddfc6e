"""One running trial and one current medication of a drug per patient, as partial unique indexes.

Rows written before this migration can break the rule: concurrent "start trial" or "add medication"
requests all passed the service's check in Python, and an imported bundle was not checked. The
migration first settles every such group the same way (docs/decisions/0008): the newest row (latest
start date, then highest id) stays running and each older one is stopped, so nothing is deleted.

- An older trial stops on the newest one's start date, or on its own last dose change if that is
  later, with reason "other", a "stop" decision whose note names the trial kept, and ``version`` + 1.
- An older medication stops on the newest one's start date (on the day of the upgrade when the
  newest has none).

Each stop is an audit event (a change, by ``UPGRADE``, which no account's user name can be) and the
count is printed, so a clinic can see which records the upgrade touched.
"""

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

UPGRADE = "nervepath upgrade (migration records 0005)"


def _duplicates(rows: Iterable[Any]) -> Iterator[tuple[Any, list[Any]]]:
    """(the row kept, the older rows) of each patient and drug with more than one unstopped row."""
    groups: defaultdict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in rows:
        groups[(row.patient_id, row.drug_id)].append(row)
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda row: (row.start_date or date.min, row.pk))
            yield group[-1], group[:-1]


def _audit(apps: Any, row: Any) -> None:
    apps.get_model("accounts", "AuditEvent").objects.create(
        at=timezone.now(),
        user=None,
        username=UPGRADE,
        action="change",
        patient_id=row.patient_id,
        object_type=row._meta.model_name,
        object_id=str(row.pk),
    )


def _stop_trial(apps: Any, trial: Any, kept: Any) -> None:
    last_dose = trial.doses.aggregate(last=models.Max("date"))["last"]
    when = max(day for day in (kept.start_date, last_dose) if day is not None)
    trial.stop_date, trial.stop_reason, trial.version = when, "other", F("version") + 1
    trial.save(update_fields=["stop_date", "stop_reason", "version", "updated_at"])
    note = (
        f"Stopped by the upgrade that keeps one running trial of a drug: trial {kept.pk} of "
        f"{kept.drug_id} runs on."
    )
    apps.get_model("records", "TrialDecision").objects.create(
        trial=trial, date=when, decision="stop", author=UPGRADE, note=note
    )
    _audit(apps, trial)


def _stop_medication(apps: Any, medication: Any, kept: Any) -> None:
    medication.stop_date = kept.start_date or timezone.localdate()
    medication.save(update_fields=["stop_date", "updated_at"])
    _audit(apps, medication)


def settle_duplicates(apps: Any, schema_editor: Any) -> None:
    stopped = {"trial": 0, "medication": 0}
    for model, stop in (("Trial", _stop_trial), ("Medication", _stop_medication)):
        unstopped = apps.get_model("records", model).objects.filter(stop_date__isnull=True)
        for kept, older in _duplicates(unstopped.order_by("pk")):
            for row in older:
                stop(apps, row, kept)
                stopped[model.lower()] += 1
    if any(stopped.values()):  # the operator running the upgrade reads it
        sys.stderr.write(
            f"\n  records 0005: stopped {stopped['trial']} older running trial(s) and "
            f"{stopped['medication']} older current medication(s) of a drug that had a newer one "
            "(each in the audit log)\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_medication_unit_length"),
        ("accounts", "0003_account_events_and_two_factor_requirement"),
    ]

    operations = [
        migrations.RunPython(settle_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="medication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("stop_date__isnull", True)),
                fields=("patient", "drug_id"),
                name="medication_one_current_per_drug",
            ),
        ),
        migrations.AddConstraint(
            model_name="trial",
            constraint=models.UniqueConstraint(
                condition=models.Q(("stop_date__isnull", True)),
                fields=("patient", "drug_id"),
                name="trial_one_running_per_drug",
            ),
        ),
    ]
