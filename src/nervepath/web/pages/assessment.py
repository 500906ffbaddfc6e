"""The ``assess`` panel of the clinician's patient page: the core's result, arranged for reading.

No clinical rule here: ``assess_patient`` hands the case built from the records, with the stored
questionnaire results, to ``nervepath.clinical.assess``, which decides everything; this module
only looks up names (tests, safety flags, sources) and splits the options into those to consider
now and the rest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.catalogue import Kind
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.rulebook import safety_flags
from nervepath.clinical.statuses import TRIED, USABLE, OptionFlag, OptionStatus
from nervepath.errors import InvalidInput, UnknownIdentifier
from nervepath.outcomes import PatientSummary
from nervepath.reports.labels import workup_test_name
from nervepath.sources import all_sources
from nervepath.web.pages.data_words import data_text
from nervepath.web.pages.sentences import sentence_text
from nervepath.web.records.assessment import assess_patient
from nervepath.web.records.models import Patient

STATUS_LABELS: dict[OptionStatus, Promise] = {
    OptionStatus.recommended: _("Recommended"),
    OptionStatus.caution: _("Use with caution"),
    OptionStatus.avoid: _("Avoid"),
    OptionStatus.not_recommended: _("Not recommended"),
    OptionStatus.tried_ineffective: _("Tried: not effective"),
    OptionStatus.tried_intolerant: _("Tried: not tolerated"),
    OptionStatus.not_yet: _("Later line"),
}
# Every catalogue Kind in words (tests/web/test_status_words.py checks that none is missing).
KIND_LABELS = {
    Kind.drug: _("medicine"),
    Kind.nondrug: _("non-drug"),
    Kind.interventional: _("interventional"),
}
# What to consider now; avoided, later-line and not-recommended options go in a collapsed list.
_NOW = USABLE | TRIED


def assessment_panel(
    patient: Patient, on: date | None = None, summary: PatientSummary | None = None
) -> dict[str, Any]:
    """``{"result", "now", "later", "workup", "red_flags"}``, or ``{"missing": {...}}`` when the
    records cannot make a case (for example no age): the field and what to record."""
    try:
        result = assess_patient(patient, on, summary)
    except InvalidInput as exc:
        return {"missing": {"field": exc.field, "expected": exc.expected}}
    options = [option_row(o) for o in result["options"]]
    return {
        "result": _in_words(result),
        "now": [o for o in options if o["status"] in _NOW],
        "later": [o for o in options if o["status"] not in _NOW],
        "workup": [
            _with_sources(w, name=_test_name(w["test"]), why=sentence_text(w["why"]))
            for w in result["workup"]
        ],
        "red_flags": [_with_sources(f, **_red_flag_words(f["id"])) for f in result["red_flags"]],
    }


def _in_words(result: dict[str, Any]) -> dict[str, Any]:
    """The result with the core's sentences shown as text (grading reasons, notes, the mental-health
    action) in the active language."""
    grading = result["grading"]
    mental = result["mental_health"]
    return {
        **result,
        "grading": {**grading, "reasons": [sentence_text(r) for r in grading["reasons"]]},
        "notes": [sentence_text(n) for n in result["notes"]],
        "mental_health": {
            **mental,
            "action": sentence_text(mental["action"]) if mental.get("action") else None,
        },
    }


def option_row(option: dict[str, Any]) -> dict[str, Any]:
    """One option with its status and kind in words, its safety flags' meanings and its sources; the
    data files' words (name, doses, reasons, flags) in the active language."""
    flags = safety_flags()
    words = {key: data_text(option[key]) for key in ("name", "start", "titration") if option.get(key)}
    return _with_sources(
        option,
        **words,
        why=[sentence_text(w) for w in option.get("why", [])],
        status_label=STATUS_LABELS[OptionStatus(option["status"])],
        kind_label=KIND_LABELS[Kind(option["kind"])],
        flag_words=[data_text(flags[OptionFlag(f)].meaning) for f in option["flags"]],
    )


def _with_sources(entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
    known = all_sources()
    cited = [known[s] for s in entry.get("sources", []) if s in known]
    return {**entry, **extra, "cited": cited}


def _test_name(test_id: str) -> str:
    # The work-up rules are checked against tests.yaml on load: every suggested test has its name.
    return data_text(workup_test_name(test_id))


def _red_flag_words(flag_id: str) -> dict[str, str]:
    """The finding's name, what it may mean and what to do, in the active language.

    Raises: UnknownIdentifier for a finding the catalogue does not have (a case's findings are
    checked against it, so an assessment never reports one).
    """
    flag = red_flag_catalogue().get(flag_id)
    if flag is None:
        raise UnknownIdentifier("red_flag", flag_id, list(red_flag_catalogue()))
    return {
        "name": data_text(flag.name),
        "may_mean": data_text(flag.may_mean),
        "action": data_text(flag.action),
    }
