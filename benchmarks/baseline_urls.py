"""The app's routes and ``/bench/bare``: a plain Django JSON view with one indexed read."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, JsonResponse
from django.urls import path

from nervepath.web.urls import urlpatterns as app_urls


def bare(request: HttpRequest) -> JsonResponse:
    """What any answer costs at least: Django's request cycle, one primary-key read, a JSON body."""
    return JsonResponse({"found": User.objects.filter(pk=1).exists()})


urlpatterns = [path("bench/bare", bare), *app_urls]
