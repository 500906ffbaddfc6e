from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from nervepath.web.api.main import api
from nervepath.web.transactions import atomic_writes, wrap_views

# Not named app_name/namespace: include() would read a module-level app_name as this module's own.
_patterns, _app, _namespace = api.urls
wrap_views(_patterns, atomic_writes)

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", (_patterns, _app, _namespace))]
