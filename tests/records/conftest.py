"""Personas for the record tests: Ann, a patient with a diary; the database is the test database."""

from __future__ import annotations

from datetime import date

import pytest

from nervepath.web.records.models import Patient
from nervepath.web.records.patients import add_patient


@pytest.fixture
def ann(db: None) -> Patient:
    return add_patient("Ann Example", date(1958, 4, 2), "female")
