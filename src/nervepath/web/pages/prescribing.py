"""Prescribing checks on the clinician's forms, and in words wherever a trial or a medicine is shown.

The checks are the application layer's (``nervepath.clinical.prescribing``, run by the use cases):
nothing is decided here. A blocked start, dose change or medicine goes back to the form with the
checks next to the field they name (the daily dose or the drug) and the reason field shown; a
reason of at least ``OVERRIDE_MIN_LENGTH`` characters lets the same request through. Stored checks
(``Trial.checks``, ``Medication.checks``: lists of check dicts) become :class:`CheckLine` for the
pages: the core's sentence for the clinician, plain words for the patient.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.prescribing import Check
from nervepath.errors import Conflict, InvalidInput, PrescribingBlocked
from nervepath.reports.inputs import PrescribingRecord, ReportInput
from nervepath.web.accounts.models import AuditEvent
from nervepath.web.pages.sentences import sentence_text
from nervepath.web.records.models import Clinician, Patient
from nervepath.web.records.validation import NOTE_MAX_LENGTH

OVERRIDE_FIELD = "override_reason"
OVERRIDE_MIN_LENGTH = 10
# The field a block names (``PrescribingBlocked.field``) and the form fields that hold it, in order.
BLOCKED_FIELDS: dict[str, tuple[str, ...]] = {
    "daily_mg": ("daily_mg", "daily_dose"),
    "drug_id": ("drug",),
}
# Why the form came back, in one plain sentence per kind of block (by the first blocking check's flag).
EXPLANATIONS: dict[str, Promise] = {
    "above_maximum": _("This is above the maximum for this patient. To go ahead anyway, give your reason."),
    "duplicate_class": _(
        "The patient already takes a medicine of the same class. To go ahead anyway, give your reason."
    ),
}
EXPLAIN_AVOID = _("This medicine is to be avoided for this patient. To go ahead anyway, give your reason.")
OVERRIDE_HELP = _(
    "At least %(n)s characters. It is kept with the prescription, with your name, and in the audit log."
)
# Plain words for the patient (no rule ids): what a kept check means for them.
PLAIN_OVERRIDDEN: dict[str, Promise] = {
    "above_maximum": _(
        "This dose is higher than the usual most for you. Your clinician chose it on purpose. "
        "Never take more than you have been told."
    ),
    "duplicate_class": _(
        "You take another medicine of the same kind. Your clinician chose this on purpose. "
        "Ask before you change either one."
    ),
}
PLAIN_OVERRIDDEN_OTHER = _(
    "This medicine is usually avoided in your situation. Your clinician chose it on purpose. "
    "Tell them at once if you feel unwell."
)
PLAIN_WARNING = _("There is something to watch with this medicine. Ask your clinician what it means for you.")


def override_field() -> forms.CharField:
    """The reason for going ahead despite a blocking check: hidden until a check blocks or it is given."""
    return forms.CharField(
        label=_("Reason for going ahead anyway"),
        required=False,
        min_length=OVERRIDE_MIN_LENGTH,
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.HiddenInput,
        error_messages={
            "min_length": _(
                "Give a reason of at least %(limit_value)d characters (this one has %(show_value)d)."
            )
        },
    )


class OverridableForm(forms.Form):
    """A form whose request runs the prescribing checks: it carries ``override_reason``."""

    blocked: Sequence[Check] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[OVERRIDE_FIELD] = override_field()
        self.blocked = []
        given = self.data.get(self.add_prefix(OVERRIDE_FIELD), "") if self.is_bound else ""
        if str(given).strip():
            self.show_override()

    def show_override(self, explanation: object = None) -> None:
        """Show the reason field, with ``explanation`` (why the form came back) before what it needs."""
        field = self.fields[OVERRIDE_FIELD]
        if field.widget.is_hidden:
            widget = forms.Textarea(attrs={"rows": 2})
            widget.is_required = False
            widget.attrs.update(field.widget_attrs(widget))
            field.widget = widget
        need = str(OVERRIDE_HELP) % {"n": OVERRIDE_MIN_LENGTH}
        field.help_text = f"{explanation} {need}" if explanation else need
        self[OVERRIDE_FIELD].help_text = field.help_text  # a bound field copies it when first made

    def override_reason(self) -> str | None:
        return (self.cleaned_data.get(OVERRIDE_FIELD) or "").strip() or None


def call_checked(form: OverridableForm, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a use case that runs the prescribing checks, with the form's override reason.

    Returns: the use case's result, or None when it refused: a block goes next to the field it names
    with the reason field shown; any other InvalidInput/Conflict next to its field.
    """
    try:
        return service(*args, override_reason=form.override_reason(), **kwargs)
    except PrescribingBlocked as exc:
        show_blocked(form, exc)
    except (InvalidInput, Conflict) as exc:
        if exc.field.split(".")[-1] == OVERRIDE_FIELD:
            form.show_override()
        add_service_error(form, exc)
    return None


def add_service_error(form: forms.Form, exc: InvalidInput | Conflict) -> None:
    """The error of a use case next to the field it names, or on top when the form has no such field."""
    name = exc.field.split(".")[-1]
    shown = name in form.fields and not form.fields[name].widget.is_hidden
    form.add_error(name if shown else None, service_message(exc))


def service_message(exc: InvalidInput | Conflict) -> str:
    """The sentence a form shows for a service error."""
    return f"{exc.expected[:1].upper()}{exc.expected[1:]}." if isinstance(exc, InvalidInput) else str(exc)


def show_blocked(form: OverridableForm, exc: PrescribingBlocked) -> None:
    """Every check of a block next to the field it names, the reason field shown with why."""
    blocking = [c for c in exc.checks if c.severity == "block"]
    form.blocked = list(exc.checks)
    name = next((n for n in BLOCKED_FIELDS.get(exc.field, ()) if n in form.fields), None)
    for check in blocking or exc.checks:
        form.add_error(name, _sentence(sentence_text(check.message)))
    first = blocking[0].flag if blocking else ""
    form.show_override(EXPLANATIONS.get(first, EXPLAIN_AVOID))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True)
class CheckLine:
    """One stored check, ready to show: the core's sentence for the clinician, plain words for the patient.

    ``date`` is the day of the start or dose change it was made for ("" when not stored); ``by`` the
    clinician who overrode it ("" when not known)."""

    flag: str
    blocking: bool
    overridden: bool
    message: str
    reason: str
    by: str = ""
    date: str = ""

    @property
    def plain(self) -> str:
        """What it means for the patient, in the page's language, without rule or flag ids."""
        if self.overridden:
            return str(PLAIN_OVERRIDDEN.get(self.flag, PLAIN_OVERRIDDEN_OTHER))
        return str(PLAIN_WARNING)


def check_lines(
    checks: Iterable[Mapping[str, Any] | Check] | None, authors: Sequence[str] = ()
) -> list[CheckLine]:
    """The stored checks of a trial or medicine worth showing now: every check of the latest start or
    dose change, and every overridden check of an earlier one; overrides first, each shown once.

    ``authors``: who made each override, in the order they were made (the audit log's override events
    of the row, :func:`override_authors`); the n-th dose with an overridden check gets the n-th name.
    """
    stored = [c.to_dict() if isinstance(c, Check) else dict(c) for c in checks or ()]
    days = list(dict.fromkeys(str(c.get("date") or "") for c in stored))
    latest = days[-1] if days else ""
    overridden_days = list(dict.fromkeys(str(c.get("date") or "") for c in stored if c.get("overridden")))
    by_day = dict(zip(overridden_days, authors, strict=False))
    lines = [
        _line(c, by_day.get(str(c.get("date") or ""), ""))
        for c in stored
        if c.get("overridden") or str(c.get("date") or "") == latest
    ]
    shown = list(dict.fromkeys(lines))
    return sorted(shown, key=lambda line: (not line.overridden, not line.blocking))


def _line(check: Mapping[str, Any], author: str) -> CheckLine:
    return CheckLine(
        flag=str(check.get("flag") or ""),
        blocking=check.get("severity") == "block",
        overridden=bool(check.get("overridden")),
        message=_sentence(sentence_text(str(check.get("message") or ""))),
        reason=str(check.get("reason") or ""),
        by=str(check.get("by") or author or ""),
        date=str(check.get("date") or ""),
    )


def override_authors(patient: Patient) -> dict[tuple[str, int], list[str]]:
    """Who overrode a prescribing check on each trial and medicine of ``patient``, oldest first:
    ``{("trial", id): [name, ...], ("medication", id): [...]}`` from the audit log's override events
    (a clinician's display name, else the user name)."""
    kinds = {f"{kind}_override": kind for kind in ("trial", "medication")}
    events = (
        AuditEvent.objects.filter(patient_id=patient.pk, object_type__in=kinds)
        .select_related("user__clinician")
        .order_by("at", "pk")
    )
    authors: dict[tuple[str, int], list[str]] = {}
    for event in events:
        if event.object_id.isdigit():
            key = (kinds[event.object_type], int(event.object_id))
            authors.setdefault(key, []).append(_name(event))
    return authors


def with_authors(report: ReportInput, authors: Mapping[tuple[str, int], Sequence[str]]) -> ReportInput:
    """``report`` with ``by`` on every overridden check whose author the audit log names (see
    :func:`override_authors`; the n-th dose with an override gets the n-th name)."""
    records = []
    for record in report.prescribing:
        names = _authors_of(record, authors)
        days = list(dict.fromkeys(str(c.get("date") or "") for c in record.checks if c.get("overridden")))
        by_day = dict(zip(days, names, strict=False))
        checks = tuple(
            {**c, "by": c.get("by") or by_day.get(str(c.get("date") or ""), "")} if c.get("overridden") else c
            for c in record.checks
        )
        records.append(replace(record, checks=checks))
    return replace(report, prescribing=tuple(records))


def _authors_of(record: PrescribingRecord, authors: Mapping[tuple[str, int], Sequence[str]]) -> Sequence[str]:
    if record.trial_id is not None:
        return authors.get(("trial", record.trial_id), ())
    if record.medication_id is not None:
        return authors.get(("medication", record.medication_id), ())
    return ()


def _name(event: AuditEvent) -> str:
    clinician = getattr(event.user, "clinician", None) if event.user else None
    return clinician.display_name if isinstance(clinician, Clinician) else event.username


def checks_said(message: str, checks: Iterable[Mapping[str, Any] | Check] | None) -> str:
    """A success message with what the clinician should keep in mind about the change just made (the
    checks of the latest start or dose change): kept overrides and warnings."""
    stored = [c.to_dict() if isinstance(c, Check) else dict(c) for c in checks or ()]
    latest = str(stored[-1].get("date") or "") if stored else ""
    lines = [line for line in check_lines(stored) if line.date == latest]
    kept = [f"{line.message} ({line.reason})" for line in lines if line.overridden]
    warned = [line.message for line in lines if not line.overridden]
    parts = [message]
    if kept:
        parts.append(gettext("Overridden, with your reason: %(checks)s") % {"checks": " ".join(kept)})
    if warned:
        parts.append(gettext("To keep in mind: %(checks)s") % {"checks": " ".join(warned)})
    return " ".join(parts)
