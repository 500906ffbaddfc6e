"""Typed access to a form's own copy of a field, where forms set choices from data."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.utils import translation

from nervepath.web.pages.formfields import field_of
from nervepath.web.pages.forms import ReportForm


class PickForm(forms.Form):
    drug = forms.ChoiceField()
    note = forms.CharField()


def test_it_gives_the_forms_own_copy_so_choices_stay_with_one_form() -> None:
    form = PickForm()
    field_of(form, "drug", forms.ChoiceField).choices = [("pregabalin", "Pregabalin")]
    assert list(field_of(form, "drug", forms.ChoiceField).choices) == [("pregabalin", "Pregabalin")]
    assert list(field_of(PickForm(), "drug", forms.ChoiceField).choices) == []


def test_it_refuses_a_field_of_another_kind_naming_form_and_field() -> None:
    with pytest.raises(TypeError, match=r"PickForm\.note is a CharField, not a ChoiceField"):
        field_of(PickForm(), "note", forms.ChoiceField)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_date_picker_writes_an_iso_date_whatever_the_language(language: str) -> None:
    """A browser date picker only takes 2026-12-02; a localised 02/12/2026 showed as an empty field."""
    with translation.override(language):
        html = str(ReportForm(initial={"start": date(2026, 12, 2)})["start"])
    assert 'value="2026-12-02"' in html
