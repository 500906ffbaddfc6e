"""Requests as the middleware and the view decorators leave them, for the type checker.

A view annotates ``request`` with one of these to say what it relies on; Django still passes its own
``HttpRequest`` (nothing is checked at run time), so use each only where its promise holds.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Any request to the site: django-htmx's middleware (in the settings) adds ``request.htmx``."""

    htmx: HtmxDetails


class SignedInRequest(HttpRequest):
    """A request to a ``login_required`` view: ``request.user`` is a signed-in user, never anonymous."""

    user: User
