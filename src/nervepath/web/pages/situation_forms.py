"""Forms of the clinician's situation page: the clinical situation, conditions and current medicines.

They check shape only; ``web/records`` (situation, conditions, medications) and, through it,
``nervepath.clinical.case.parse_case`` check meaning, so ranges and identifiers live in one place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.identifiers import conditions, etiologies, tests
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.vocabulary import Vocabulary, label
from nervepath.web.pages.data_words import data_text
from nervepath.web.pages.formfields import date_input, field_of
from nervepath.web.pages.prescribing import OverridableForm
from nervepath.web.records.models import Medication, Patient
from nervepath.web.records.validation import NOTE_MAX_LENGTH, today

_DATE = date_input()
UNKNOWN_ETIOLOGY = "unknown"
_DECIMAL = forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})


def known(label: Any, help_text: Any = "") -> forms.NullBooleanField:
    """Yes / No / Unknown: an unknown answer is left out of the case rather than read as No."""
    return forms.NullBooleanField(label=label, required=False, help_text=help_text)


def number(label: Any, help_text: Any = "") -> forms.FloatField:
    return forms.FloatField(label=label, required=False, help_text=help_text, widget=_DECIMAL)


class SituationForm(forms.Form):
    birth_date = forms.DateField(
        label=_("Birth date"), required=False, widget=_DATE, help_text=_("The age is worked out from it.")
    )
    age = forms.IntegerField(
        label=_("Age (years)"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Only when the birth date is not known."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[
            ("unknown", _("Not known")),
            ("female", _("Female")),
            ("male", _("Male")),
            ("other", _("Other")),
        ],
        help_text=_("Female or male is needed for creatinine clearance (Cockcroft–Gault)."),
    )
    weight_kg = number(_("Weight (kg)"))
    height_cm = number(
        _("Height (cm)"), _("With the weight: from a BMI of 30, kidney function uses adjusted weight.")
    )
    serum_creatinine_mg_dl = number(_("Serum creatinine (mg/dL)"))
    pregnant = known(_("Pregnant"))
    lactating = known(_("Breastfeeding"))
    hla_b_1502 = forms.ChoiceField(
        label=_("HLA-B*15:02"),
        required=False,
        choices=[("", _("Not tested")), ("positive", _("Positive (carrier)")), ("negative", _("Negative"))],
    )
    hla_risk_ancestry = known(
        _("Ancestry where HLA-B*15:02 is common"),
        _("Asian ancestry, including South Asian (carbamazepine label, CPIC)."),
    )
    pain_etiology = forms.ChoiceField(label=_("Cause of the pain"), required=False)
    pain_duration_months = number(_("Pain duration (months)"))
    pain_distribution_plausible = known(
        _("Distribution neuroanatomically plausible"), _("Does the painful area fit the suspected lesion?")
    )
    pain_localized = known(_("Localized pain"), _("A small, well-defined area (topical treatments)."))
    pain_distal_symmetric = known(
        _("Distal and symmetric (feet first, both sides)"),
        _("A polyneuropathy picture: the first tests look for its cause."),
    )
    sensory_signs_in_painful_area = known(_("Sensory signs in the painful area (examination)"))
    tests_confirm_lesion = known(
        _("A test confirms the lesion"), _("For example nerve conduction or imaging.")
    )
    tests_done = forms.MultipleChoiceField(
        label=_("Work-up tests already done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    red_flag_findings = forms.MultipleChoiceField(
        label=_("Red-flag findings"), required=False, widget=forms.CheckboxSelectMultiple
    )
    alcohol_units_per_week = number(_("Alcohol (units per week)"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        # "Not known" is the empty choice; the vocabulary's own ``unknown`` means the same and is not offered.
        causes = [(e, label(Vocabulary.etiology, e, language)) for e in etiologies() if e != UNKNOWN_ETIOLOGY]
        field_of(self, "pain_etiology", forms.ChoiceField).choices = [("", _("Not known")), *causes]
        if self.initial.get("pain_etiology") == UNKNOWN_ETIOLOGY:
            self.initial["pain_etiology"] = ""
        # Built per form, so the data files' names come in the request's language.
        field_of(self, "tests_done", forms.ChoiceField).choices = [
            (t.id, data_text(t.name)) for t in tests().values()
        ]
        field_of(self, "red_flag_findings", forms.ChoiceField).choices = [
            (f.id, f"{data_text(f.name)} ({data_text(f.may_mean)})") for f in red_flag_catalogue().values()
        ]


class ConditionForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition"))
    onset_date = forms.DateField(label=_("Since"), required=False, widget=_DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        named = [(c, label(Vocabulary.condition, c, language)) for c in conditions()]
        choices = sorted(named, key=lambda choice: choice[1].casefold())
        field_of(self, "condition", forms.ChoiceField).choices = [("", _("Choose a condition")), *choices]


class RemoveConditionForm(forms.Form):
    condition = forms.ChoiceField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded = patient.conditions.values_list("condition_id", flat=True)
        field_of(self, "condition", forms.ChoiceField).choices = [(c, c) for c in recorded]


class MedicationForm(OverridableForm):
    drug = forms.ChoiceField(label=_("Medicine"))
    daily_dose = forms.FloatField(
        label=_("Daily dose"),
        min_value=0.001,
        widget=_DECIMAL,
        help_text=_("In mg per day; for the fentanyl patch in micrograms per hour."),
    )
    start_date = forms.DateField(label=_("Since"), required=False, widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = sorted(((d.id, data_text(d.name)) for d in load_drugs().values()), key=lambda d: d[1].lower())
        choices = [("", _("Choose a medicine")), *names]
        field_of(self, "drug", forms.ChoiceField).choices = choices


class StopMedicationForm(forms.Form):
    medication = forms.ModelChoiceField(queryset=Medication.objects.none(), widget=forms.HiddenInput)
    date = forms.DateField(label=_("Stopped on"), initial=today, widget=_DATE)

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = patient.medications.filter(stop_date__isnull=True)
        field_of(self, "medication", forms.ModelChoiceField).queryset = current
