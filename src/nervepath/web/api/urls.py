from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from nervepath.web.api.main import api

# Not named app_name/namespace: include() would read a module-level app_name as this module's own.
_patterns, _app, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", (_patterns, _app, _namespace))]
