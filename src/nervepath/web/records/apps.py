from __future__ import annotations

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "nervepath.web.records"
    label = "records"
    verbose_name = "Patient records"
    default_auto_field = "django.db.models.BigAutoField"
