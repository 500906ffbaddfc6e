"""What goes with more or less pain in the patient's diary: ``GET /patients/{id}/insights`` (care team).

The analysis is ``nervepath.outcomes.insights`` (associations with a 95 % CI, HAC standard errors,
Benjamini-Hochberg q-values, the treatment period as a covariate); the sentences follow the
request's language (English or Spanish).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from nervepath.errors import InvalidInput
from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS
from nervepath.web.api.fields import Id
from nervepath.web.records.mappers import diary, trials

router = Router(tags=["insights"])


class InsightsQuery(Schema):
    start: date | None = Field(default=None, alias="from", description="first day (default: first diary day)")
    end: date | None = Field(default=None, alias="to", description="last day (default: last diary day)")


class FactorOut(Schema):
    id: str = Field(
        description="the diary's id of the factor: a scale such as mood or a trigger such as cold"
    )
    kind: Literal["trigger", "scale"]
    lag: Literal[0, 1] = Field(description="0: pain the same day; 1: pain the next day")
    effect: float = Field(description="difference in average pain (trigger) or change per point (scale)")
    ci95: tuple[float, float]
    p_value: float
    q_value: float = Field(description="Benjamini-Hochberg over every factor and lag")
    n_days: int
    finding: bool = Field(description="q_value < 0.10")
    sentence: str


class InsightsOut(Schema):
    patient: int
    days: int
    factors: list[FactorOut]
    not_enough_data: list[str]


@router.get("/patients/{patient_id}/insights", response={200: InsightsOut, **ERRORS}, url_name="insights")
def insights(request: HttpRequest, patient_id: Id, query: Query[InsightsQuery]) -> Any:
    """Which diary factors go with more or less pain (associations, not causes), findings first."""
    patient = get_patient_for_user(caller(request), patient_id)
    if query.start is not None and query.end is not None and query.end < query.start:
        raise InvalidInput("to", query.end.isoformat(), f"a day on or after from ({query.start})")
    from nervepath.outcomes.insights import analyse

    result = analyse(diary(patient), trials(patient), query.start, query.end)
    audit(request, AuditAction.read, patient, "insights")
    return result.to_dict(patient.pk, translation.get_language() or "en")
