"""A personal API token as stored: only its SHA-256 digest, never the token itself."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Scope(models.TextChoices):
    read = "read"
    write = "write"


class ApiToken(models.Model):
    """One token of one user: ``read`` allows safe methods, ``write`` every method.

    ``prefix`` (the first characters of the token) lets a person recognise a token in a list
    without the secret being kept anywhere.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, default="")
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.read)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(scope__in=["read", "write"]), name="apitoken_scope_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.scope})"
