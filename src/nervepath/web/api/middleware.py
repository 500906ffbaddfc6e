"""Gives the API's error shape to the few 4xx answers that Django makes before ninja runs:
an unknown path under ``/api/`` (404) and a method the path does not take (405).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from nervepath.web.api.errors import HTTP_CODES

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        return _shaped(response)


def _shaped(response: HttpResponse) -> HttpResponse:
    status = response.status_code
    message = {404: "no such API path", 405: "this path does not take that method"}.get(
        status, "request refused"
    )
    if status == 405:
        message += f"; allowed: {response.get('Allow', '')}"
    body = {"error": {"code": HTTP_CODES.get(status, "error"), "message": message, "field": None}}
    shaped = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if response.has_header("Allow"):
        shaped["Allow"] = response["Allow"]
    return shaped
