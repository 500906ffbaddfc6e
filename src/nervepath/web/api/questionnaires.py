"""``/patients/{id}/questionnaires``: responses, scored on write by the one engine."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user, get_response_for_user
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS, api_fields
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import DateRangeQuery, Page, conditional, in_range, page
from nervepath.web.api.schemas import QuestionnaireIn, QuestionnaireOut
from nervepath.web.application.questionnaires import record_questionnaire

router = Router(tags=["questionnaires"])


@router.get(
    "/patients/{patient_id}/questionnaires",
    response={200: Page[QuestionnaireOut], 304: None, **ERRORS},
    url_name="questionnaire_list",
)
def questionnaire_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[DateRangeQuery]
) -> Any:
    """Responses in the order taken; ``since``/``until`` filter on the day taken (responses never change)."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = in_range(patient.questionnaires.order_by("taken_at", "pk"), query, "taken_at__date")
    if query.updated_since is not None:
        rows = rows.filter(taken_at__gt=query.updated_since)
    audit(request, AuditAction.read, patient, "questionnaireresponse")
    return conditional(request, response, page(rows, query, QuestionnaireOut.from_orm))


@router.post(
    "/patients/{patient_id}/questionnaires",
    response={201: QuestionnaireOut, **WRITE_ERRORS},
    url_name="questionnaire_create",
)
def questionnaire_create(request: HttpRequest, patient_id: Id, payload: QuestionnaireIn) -> Any:
    """Score the answers with ``nervepath.instruments.score`` and store them; 422 names a bad item.

    ``taken_at`` (default now) lets a client that was offline send when the questionnaire was answered.
    """
    patient = get_patient_for_user(caller(request), patient_id)
    with api_fields({"instrument": "instrument_id"}):
        saved = record_questionnaire(
            actor(request), patient, payload.instrument_id, payload.answers, payload.taken_at
        )
    return Status(201, saved)


@router.get(
    "/questionnaires/{response_id}",
    response={200: QuestionnaireOut, **ERRORS},
    url_name="questionnaire",
)
def questionnaire_detail(request: HttpRequest, response_id: Id) -> Any:
    """One stored response; 404 unless it belongs to a patient the caller may see."""
    found = get_response_for_user(caller(request), response_id)
    audit(request, AuditAction.read, found.patient, found)
    return found
