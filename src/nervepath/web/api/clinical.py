"""``POST /assess`` (the CLI's case contract) and ``GET /knowledge/search``: no patient record involved."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Body, Query, Router, Schema
from pydantic import ConfigDict, Field

from nervepath.clinical.assess import assess_json
from nervepath.knowledge import search
from nervepath.web.api.errors import ERRORS
from nervepath.web.api.schemas import HitOut, SearchOut

router = Router(tags=["clinical"])


class SearchQuery(Schema):
    model_config = ConfigDict(extra="forbid")

    q: Annotated[str, Field(min_length=1, max_length=200, description="what to look for, in plain words")]
    limit: Annotated[int, Field(ge=1, le=50)] = 10


@router.post("/assess", response={200: dict[str, Any], **ERRORS}, url_name="assess")
def assess(request: HttpRequest, case: Annotated[dict[str, Any], Body(...)]) -> Any:
    """Assess one case (contracts/case-format.md); answers what ``nervepath assess --format json`` prints."""
    return assess_json(case)


@router.get("/knowledge/search", response={200: SearchOut, **ERRORS}, url_name="knowledge_search")
def knowledge_search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    """Ranked entries of the knowledge base, each with its sources."""
    hits = search(query.q, limit=query.limit)
    return {"query": query.q, "hits": [HitOut(**_hit(h)) for h in hits]}


def _hit(hit: Any) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "summary": hit.summary,
        "category": hit.category,
        "sources": list(hit.sources),
        "score": hit.score,
    }
