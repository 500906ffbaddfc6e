"""Mood entered at the command line is turned the web's way round: 0 = very low, 10 = very good.

A data migration of the diary (``records.DiaryDay``) kept with the audit log it reads: the records
app knows nothing of the accounts app above it, so this step lives here.

Until now ``nervepath diary add --mood`` asked for "how low your mood was, 0-10", the reverse of the
Today page ("0 = very low, 10 = very good") and of what every other surface assumed, and both wrote
the same column. From this version the data file holds one direction (ADR 0010). A stored mood is
inverted (10 - mood) only where the audit log shows the command line entered it:

- the day has change events and every one of them was written at the command line (the operator's
  name ends in " (command line)"), so no page or API call has saved the day since;
- the first of them is within a minute of the row's creation: the command line created the day, so
  its mood was not already there from an import, the demo or an earlier unaudited write;
- no diary CSV import of that patient happened since the day was created (an import names no day
  and may have set its mood).

Every other day keeps its mood: it came from the web, the API or an import, or its origin cannot be
told (command-line writes were audited only from the application layer on). Inverting is its own
inverse, so the reverse migration runs the same function. The count is printed for the operator.
"""

import sys
from datetime import timedelta
from typing import Any

from django.db import migrations
from django.db.models import Count, Max, Min, Q

COMMAND_LINE = " (command line)"  # accounts.audit.operator() names the operator so
CREATED_WITHIN = timedelta(minutes=1)
BATCH = 500


def _entered_at_the_command_line(apps: Any) -> dict[int, Any]:
    """Day id -> its first change event, for days whose every change event is the command line's."""
    events = apps.get_model("accounts", "AuditEvent").objects
    days = (
        events.filter(object_type="diaryday", action="change")
        .order_by()
        .values("object_id")
        .annotate(first=Min("at"), elsewhere=Count("pk", filter=~Q(username__endswith=COMMAND_LINE)))
        .filter(elsewhere=0)
    )
    return {int(row["object_id"]): row["first"] for row in days if row["object_id"].isdigit()}


def _last_imports(apps: Any) -> dict[int, Any]:
    """Patient id -> when a diary CSV was last imported into their diary."""
    events = apps.get_model("accounts", "AuditEvent").objects.filter(object_type="diary_import")
    return {
        row["patient_id"]: row["last"]
        for row in events.order_by().values("patient_id").annotate(last=Max("at"))
    }


def invert_command_line_mood(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("records", "DiaryDay")
    firsts, imports = _entered_at_the_command_line(apps), _last_imports(apps)
    ids, changed = sorted(firsts), []
    for start in range(0, len(ids), BATCH):
        rows = model.objects.filter(pk__in=ids[start : start + BATCH], mood__isnull=False)
        for day in rows.only("pk", "patient_id", "mood", "created_at"):
            created = day.created_at
            if not created <= firsts[day.pk] <= created + CREATED_WITHIN:
                continue
            if imports.get(day.patient_id) is not None and imports[day.patient_id] >= created:
                continue
            day.mood = 10 - day.mood
            changed.append(day)
    model.objects.bulk_update(changed, ["mood"], batch_size=BATCH)
    if changed:  # the operator running the upgrade reads it
        sys.stderr.write(
            f"\n  accounts 0004: turned the mood of {len(changed)} diary day(s) entered at the command "
            "line the web's way round (10 - mood: 0 = very low, 10 = very good)\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_account_events_and_two_factor_requirement"),
        ("records", "0001_initial"),  # DiaryDay with its mood and created_at
    ]

    operations = [migrations.RunPython(invert_command_line_mood, invert_command_line_mood)]
