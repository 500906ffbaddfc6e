"""``/patients/{id}/diary``: list days (date range, paging, sync), record a day (add or update), delete
a day and undo the deletion (``/patients/{id}/diary/{date}``, ``.../{date}/restore``)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field

from nervepath.web.accounts.audit import actor, audit
from nervepath.web.accounts.models import AuditAction
from nervepath.web.accounts.permissions import get_patient_for_user
from nervepath.web.api.auth import caller
from nervepath.web.api.errors import ERRORS, WRITE_ERRORS
from nervepath.web.api.fields import Id
from nervepath.web.api.paging import DateRangeQuery, Page, changed_since, conditional, in_range, page
from nervepath.web.api.schemas import DiaryDayIn, DiaryDayOut
from nervepath.web.application.diary import DayInput, delete_diary_day, record_diary_day, restore_diary_day

router = Router(tags=["diary"])
# The day in the path; the records check it (a date as YYYY-MM-DD, not in the future), naming ``date``.
Day = Annotated[str, Field(min_length=1, max_length=32, description="the day, YYYY-MM-DD")]


@router.get(
    "/patients/{patient_id}/diary",
    response={200: Page[DiaryDayOut], 304: None, **ERRORS},
    url_name="diary_list",
)
def diary_list(
    request: HttpRequest, response: HttpResponse, patient_id: Id, query: Query[DateRangeQuery]
) -> Any:
    """Diary days in date order, ``since``/``until`` inclusive; ``updated_since`` for sync."""
    patient = get_patient_for_user(caller(request), patient_id)
    rows = changed_since(in_range(patient.diary_days.order_by("date", "pk"), query, "date"), query)
    audit(request, AuditAction.read, patient, "diary")
    return conditional(request, response, page(rows, query, DiaryDayOut.from_orm))


@router.post(
    "/patients/{patient_id}/diary",
    response={200: DiaryDayOut, 201: DiaryDayOut, **WRITE_ERRORS},
    url_name="diary_write",
)
def diary_write(request: HttpRequest, patient_id: Id, payload: DiaryDayIn) -> Any:
    """Record a day: 201 when the date is new, 200 when it updated an existing entry."""
    patient = get_patient_for_user(caller(request), patient_id)
    day, created = record_diary_day(actor(request), patient, DayInput(**payload.model_dump()))
    return Status(201 if created else 200, day)


@router.delete(
    "/patients/{patient_id}/diary/{date}",
    response={204: None, **WRITE_ERRORS},
    url_name="diary_delete",
)
def diary_delete(request: HttpRequest, patient_id: Id, date: Day) -> Any:
    """Delete a day (its regions and moments with it): 204; 404 when the day has no entry.

    The deletion can be undone for 30 days with ``POST .../diary/{date}/restore``.
    """
    patient = get_patient_for_user(caller(request), patient_id)
    delete_diary_day(actor(request), patient, date)
    return Status(204, None)


@router.post(
    "/patients/{patient_id}/diary/{date}/restore",
    response={200: DiaryDayOut, **WRITE_ERRORS},
    url_name="diary_restore",
)
def diary_restore(request: HttpRequest, patient_id: Id, date: Day) -> Any:
    """Undo the deletion of a day: the day as it was; 404 when there is none to undo, 409 when the date
    has a new entry since."""
    patient = get_patient_for_user(caller(request), patient_id)
    return Status(200, restore_diary_day(actor(request), patient, date))
