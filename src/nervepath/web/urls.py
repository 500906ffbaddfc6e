"""URL routes of the web app. The pages and API apps add their routes to this list."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from nervepath.web.health import health

urlpatterns: list[URLPattern | URLResolver] = [path("health", health, name="health")]

# Patient and clinician pages, accounts, and the language switch (Django's set_language view).
# The JSON API (/api/v1/, docs at /api/v1/docs).
urlpatterns += [path("", include("nervepath.web.api.urls"))]
urlpatterns += [
    path("accounts/", include("nervepath.web.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("nervepath.web.pages.urls")),
]
