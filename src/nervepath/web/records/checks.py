"""The prescribing checks kept with a trial or a current medicine (``checks``, a JSON list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from nervepath.web.records.models import Medication, Trial

Checked = TypeVar("Checked", Trial, Medication)


def record_checks(row: Checked, checks: Sequence[Mapping[str, Any]], day: date) -> Checked:
    """Append ``checks`` (contract dicts), each dated ``day``, to the row's stored checks."""
    if checks:
        row.checks = [*row.checks, *({**c, "date": day.isoformat()} for c in checks)]
        row.save(update_fields=["checks", "updated_at"])
    return row
