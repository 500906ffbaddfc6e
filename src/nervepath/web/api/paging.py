"""Pagination (limit/offset), date-range filters and conditional GET (ETag / If-None-Match) for sync.

A list answers ``{"count", "limit", "offset", "next_offset", "items"}``; ``next_offset`` is null
on the last page. Its ETag is a hash of the JSON body, so a client that sends it back in
If-None-Match gets ``304 Not Modified`` until something in that page changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from ninja import Schema
from pydantic import BaseModel, ConfigDict, model_validator

from nervepath.web.api.fields import AwareDateTime, IsoDate, Limit, Offset

Item = TypeVar("Item", bound=BaseModel)


class Page(Schema, Generic[Item]):
    count: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[Item]


class PageQuery(Schema):
    """Query parameters of every list: the page, and rows changed since a time (for sync)."""

    model_config = ConfigDict(extra="forbid")

    limit: Limit = 50
    offset: Offset = 0
    updated_since: AwareDateTime | None = None


class DateRangeQuery(PageQuery):
    """A list of dated rows: ``since`` and ``until`` are inclusive dates."""

    since: IsoDate | None = None
    until: IsoDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateRangeQuery:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since must be on or before until")
        return self


def in_range(rows: QuerySet[Any], query: DateRangeQuery, date_field: str) -> QuerySet[Any]:
    """Rows whose ``date_field`` lies in ``[since, until]``."""
    if query.since:
        rows = rows.filter(**{f"{date_field}__gte": query.since})
    if query.until:
        rows = rows.filter(**{f"{date_field}__lte": query.until})
    return rows


def changed_since(rows: QuerySet[Any], query: PageQuery) -> QuerySet[Any]:
    """Rows changed after ``updated_since`` (rows without ``updated_at`` are never filtered)."""
    if query.updated_since is None:
        return rows
    return rows.filter(updated_at__gt=query.updated_since)


def page(rows: QuerySet[Any], query: PageQuery, out: Callable[[Any], BaseModel]) -> dict[str, Any]:
    """One page of ``rows`` (already ordered), each turned into its schema by ``out``."""
    count = rows.count()
    chunk = rows[query.offset : query.offset + query.limit]
    end = query.offset + query.limit
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "next_offset": end if end < count else None,
        "items": [out(row).model_dump(mode="json") for row in chunk],
    }


def etag_of(data: Any) -> str:
    """A strong ETag from the JSON form of ``data`` (what the client would receive)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


def conditional(request: HttpRequest, response: HttpResponse, data: Any) -> Any:
    """``data`` with its ETag set on ``response``; a 304 when the client already holds it."""
    tag = etag_of(data)
    if tag in _tags(request.headers.get("If-None-Match", "")):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = tag
        return not_modified
    response["ETag"] = tag
    return data


def _tags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
