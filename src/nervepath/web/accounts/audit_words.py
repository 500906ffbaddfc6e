"""What an audit event was about, in the reader's language ("trial" -> "treatment trial").

The audit log stores a stable object type: a record's model name (``diaryday``), a name for a list or
an action (``questionnaires``, ``diary_import``), or ``<model>_override`` for a prescribing check
overridden on that record. People read the words below instead; a type without words (one added
later without its words here) is called a "record", never shown as an id.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

_OVERRIDE = "_override"


def _w(text: str) -> Promise:
    return pgettext_lazy("audit object", text)


OBJECT_WORDS: dict[str, Promise] = {
    "account": _w("account"),
    "assessment": _w("assessment"),
    "care_plan": _w("care plan"),
    "careplanitem": _w("care plan item"),
    "carelink": _w("link with a clinician"),
    "clinical_situation": _w("clinical situation"),
    "clinicalsituation": _w("clinical situation"),
    "clinician": _w("clinician"),
    "condition": _w("condition"),
    "deleteddiaryday": _w("deleted diary day"),
    "diary": _w("diary"),
    "diary_import": _w("diary import"),
    "diaryday": _w("diary day"),
    "diaryevent": _w("diary moment"),
    "dosestep": _w("dose change"),
    "export": _w("data export"),
    "fhir_bundle": _w("FHIR bundle"),
    "flagacknowledgement": _w("flag acknowledged"),
    "insights": _w("insights"),
    "medication": _w("medicine"),
    "medicationtaken": _w("medicine taken"),
    "patient": _w("patient"),
    "patient_list": _w("patient list"),
    "questionnaireresponse": _w("questionnaire answers"),
    "questionnaires": _w("questionnaires"),
    "regionpain": _w("pain by body region"),
    "report": _w("report"),
    "trial": _w("treatment trial"),
    "trialdecision": _w("trial decision"),
    "trials": _w("treatment trials"),
    "user": _w("account"),
}


def object_words(object_type: str) -> str:
    """The words for an audit event's object type; an override names what it was made on."""
    if object_type.endswith(_OVERRIDE) and object_type.removesuffix(_OVERRIDE) in OBJECT_WORDS:
        on = OBJECT_WORDS[object_type.removesuffix(_OVERRIDE)]
        return str(pgettext_lazy("audit object", "prescribing check overridden: %(on)s") % {"on": on})
    return str(OBJECT_WORDS.get(object_type, _w("record")))
