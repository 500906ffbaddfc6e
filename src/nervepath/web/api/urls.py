from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from nervepath.web.api.main import api

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", api.urls)]
