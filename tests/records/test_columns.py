"""The column names the hand-written SQL (the diary day's upsert, the audited write) takes from the models."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldDoesNotExist

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.records.columns import column, stored_field
from nervepath.web.records.models import DiaryDay, Patient


def test_it_names_the_column_of_a_field_and_of_a_foreign_key() -> None:
    assert column(DiaryDay._meta.get_field("pain_average")) == "pain_average"
    assert column(DiaryDay._meta.get_field("patient")) == "patient_id"
    assert column(stored_field(AuditEvent, "user")) == "user_id"


def test_it_refuses_a_relation_stored_in_another_table() -> None:
    with pytest.raises(FieldDoesNotExist, match="not stored in a column"):
        column(Patient._meta.get_field("diary_days"))
    with pytest.raises(FieldDoesNotExist, match=r"records\.Patient\.diary_days"):
        stored_field(Patient, "diary_days")


def test_it_refuses_a_field_the_model_does_not_have() -> None:
    with pytest.raises(FieldDoesNotExist):
        stored_field(DiaryDay, "no_such_field")
