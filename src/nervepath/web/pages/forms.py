"""Forms of the patient and clinician pages. They check shape only; the services check meaning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nervepath.errors import Conflict, InvalidInput
from nervepath.outcomes.diary_fields import DiaryField, DiaryFields, diary_fields
from nervepath.outcomes.records import RegionScore
from nervepath.web.application.diary import check_worst
from nervepath.web.pages.choices import SCALE, STOP_REASONS
from nervepath.web.pages.formfields import date_input, field_of
from nervepath.web.pages.prescribing import OverridableForm, add_service_error
from nervepath.web.records.validation import NOTE_MAX_LENGTH, today

T = TypeVar("T")


class ScaleRadio(forms.RadioSelect):
    """0-10 as a row of big buttons (not a slider: sliders are hard to set precisely on a phone)."""

    template_name = "pages/widgets/scale.html"


def scale(label: Any, *, required: bool = False, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=required,
        widget=ScaleRadio,
        help_text=help_text,
    )


def call_service(form: forms.Form, service: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a service; its InvalidInput/Conflict becomes an error next to the named field (None returned)."""
    try:
        return service(*args, **kwargs)
    except (InvalidInput, Conflict) as exc:
        add_service_error(form, exc)
        return None


def _spoken(text_in: Callable[[str], str]) -> str:
    """``text_in(language)`` in the language of the page being rendered (a form field is made earlier)."""
    return text_in(get_language() or "en")


spoken = lazy(_spoken, str)


class DiaryForm(forms.Form):
    """The Today page: a field per diary field entered on the web, as ``data/diary/fields.yaml`` says
    (labels and what 0 and 10 mean in the page's language), and a 0-10 scale per body region."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = diary_fields()
        for field in fields.entered_in("web"):
            if field.kind == "region_scores":
                for region in fields.terms(field):
                    self.fields[REGION_PREFIX + region.id] = scale(spoken(region.label.in_language))
            else:
                self.fields[field.id] = _form_field(fields, field)

    def clean(self) -> dict[str, Any]:
        """The records' rule that the worst pain is not below the average, told in the page's language."""
        data = super().clean() or {}
        average, worst = data.get("pain_average"), data.get("pain_worst")
        try:
            check_worst(average, worst)
        except InvalidInput:
            message = _("The worst pain cannot be lower than the average pain (%(average)s).")
            self.add_error("pain_worst", message % {"average": average})
        return data

    def region_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(REGION_PREFIX)]

    def regions(self) -> list[RegionScore]:
        """The regions given a pain score (a region left blank is not recorded)."""
        names = [name for name in self.fields if name.startswith(REGION_PREFIX)]
        scores = ((name.removeprefix(REGION_PREFIX), self.cleaned_data.get(name)) for name in names)
        return [RegionScore(region_id, pain) for region_id, pain in scores if pain is not None]


def _form_field(fields: DiaryFields, field: DiaryField) -> forms.Field:
    label, required = spoken(field.label.in_language), field.required
    if field.kind == "score":
        return scale(label, required=required, help_text=spoken(field.anchors_text))
    if field.kind == "ids":
        choices = [(term.id, spoken(term.label.in_language)) for term in fields.terms(field)]
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
        )
    if field.kind == "text":
        return forms.CharField(
            label=label,
            required=required,
            max_length=field.max_length,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    if field.kind == "hours":
        low, high = field.bounds or (0, 24)
        return forms.FloatField(label=label, required=required, min_value=low, max_value=high)
    return forms.DateField(label=label, required=required, widget=date_input())


REGION_PREFIX = "region_"


class DayForm(forms.Form):
    """The day a Today page button acts on: delete its entry, or undo the deletion."""

    date = forms.DateField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    """One questionnaire item; its choices come from the instrument's data file."""

    answer = forms.ChoiceField(label="", widget=forms.RadioSelect)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]], required: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "answer", forms.ChoiceField).choices = choices
        self.fields["answer"].required = required


class StartTrialForm(OverridableForm):
    drug = forms.ChoiceField(label=_("Medicine"))
    daily_mg = forms.FloatField(label=_("Starting daily dose (mg)"), min_value=0.001)
    start = forms.DateField(label=_("Start date"), initial=today, widget=date_input())
    review_date = forms.DateField(label=_("Review on"), required=False, widget=date_input())

    def __init__(self, *args: Any, drugs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "drug", forms.ChoiceField).choices = drugs


class DoseForm(OverridableForm):
    daily_mg = forms.FloatField(label=_("New daily dose (mg)"), min_value=0.001)
    date = forms.DateField(label=_("From"), initial=today, widget=date_input())
    version = forms.IntegerField(widget=forms.HiddenInput)


class StopForm(forms.Form):
    """Stopping a trial takes two steps: this form, then a page that asks to confirm (``confirm``
    is set only by that page's button). No reason is chosen in advance."""

    because = forms.ChoiceField(label=_("Reason"), choices=[("", _("Choose a reason")), *STOP_REASONS])
    date = forms.DateField(label=_("Stopped on"), initial=today, widget=date_input())
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AcknowledgeForm(forms.Form):
    """A clinician's note that a flag was seen (the flag rests until new data raises it again)."""

    flag = forms.CharField(max_length=100, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you saw or did, for the team (for example: spoke with the patient today)."),
    )


class AssignForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    every_days = forms.TypedChoiceField(
        label=_("How often"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", _("Once")),
            ("7", _("Every week")),
            ("28", _("Every 4 weeks")),
            ("91", _("Every 3 months")),
        ],
    )

    def __init__(self, *args: Any, instruments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "instrument", forms.ChoiceField).choices = instruments


class ClinicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    attention = forms.BooleanField(label=_("Only patients who need attention"), required=False)


class ReportForm(forms.Form):
    """The period and paper of a PDF report; every field optional (defaults: whole diary, A4)."""

    start = forms.DateField(label=_("From"), required=False, widget=date_input())
    end = forms.DateField(label=_("To"), required=False, widget=date_input())
    paper = forms.ChoiceField(
        label=_("Paper"), required=False, choices=[("a4", "A4"), ("letter", _("US Letter"))]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end must be on or after the start."))
        return data
