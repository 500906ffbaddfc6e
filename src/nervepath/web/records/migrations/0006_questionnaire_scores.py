"""A questionnaire response keeps the engine's whole verdict, and every stored verdict is made true.

From this version on the stored score, band, subscores, flags and completeness are the one truth
that every page, report, the assessment, the attention list and the API read (ADR 0009). Rows
written before it cannot all be trusted: the FHIR import stored the score and band the bundle
carried (a PHQ-9 with every answer 3 could be stored as 0, "minimal") and no flags at all. So every
stored response is scored again from its answers by the instruments engine:

- answers the engine accepts: score, band, subscores, flags and completeness are the engine's;
- answers it rejects (an import stored them unchecked) or an unknown instrument: the answers are
  kept, the score becomes null and band, subscores and flags empty, so nothing claims a result.

The number of rows changed and left without a score is printed for the operator running the upgrade.
"""

import json
import sys
from typing import Any

from django.db import migrations, models

from nervepath.errors import InvalidInput
from nervepath.instruments import score

FIELDS = ("score", "band", "subscores", "flags", "complete")
UNSCORED = {"score": None, "band": "", "subscores": {}, "flags": [], "complete": True}


def _verdict(instrument_id: str, answers: Any, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    key = json.dumps([instrument_id, answers], sort_keys=True)
    if key not in cache:
        try:
            result = score(instrument_id, answers)
        except InvalidInput:  # UnknownIdentifier included
            cache[key] = UNSCORED
        else:
            cache[key] = {
                "score": float(result.score),
                "band": result.band or "",
                "subscores": dict(result.subscores),
                "flags": list(result.flags),
                "complete": result.complete,
            }
    return cache[key]


def rescore(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("records", "QuestionnaireResponse")
    cache: dict[str, dict[str, Any]] = {}
    changed, unscored, batch = 0, 0, []
    for row in model.objects.order_by("pk").iterator(chunk_size=2000):
        verdict = _verdict(row.instrument_id, row.answers, cache)
        if all(getattr(row, name) == verdict[name] for name in FIELDS):
            continue
        for name in FIELDS:
            setattr(row, name, verdict[name])
        changed += 1
        unscored += verdict["score"] is None
        batch.append(row)
        if len(batch) == 2000:
            model.objects.bulk_update(batch, FIELDS)
            batch = []
    model.objects.bulk_update(batch, FIELDS)
    if changed:  # the operator running the upgrade reads it
        sys.stderr.write(
            f"\n  records 0006: scored {changed} questionnaire response(s) again from their answers "
            f"({unscored} of them left without a score: the answers are not valid for the instrument)\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0005_one_running_trial_one_current_medication"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionnaireresponse",
            name="subscores",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="questionnaireresponse",
            name="complete",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(rescore, migrations.RunPython.noop),
    ]
