from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from nervepath.web.api.main import api
from nervepath.web.api.transactions import atomic_writes

# Not named app_name/namespace: include() would read a module-level app_name as this module's own.
_patterns, _app, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = atomic_writes(_pattern.callback)

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", (_patterns, _app, _namespace))]
