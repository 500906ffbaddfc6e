"""The sentences the clinical core composes (option reasons, grading reasons, notes, prescribing
checks), in the language of the request being answered.

The core writes English sentences, some with a number, a drug or a data file's text inside
("Taper: do not stop abruptly; reduce the dose over at least one week."). Each shape is listed here
once, as the English pattern and its gettext template; the parts inside are translated on their own
(a data file's text through ``data/translations``, a number in the page's decimal notation). A
sentence of no listed shape is looked up as a data file's text, and stays English when it is not
one, so a new core sentence shows in English until it is added here (the Spanish crawl names it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nervepath.clinical.identifiers import conditions, etiologies
from nervepath.translations import base_language
from nervepath.web.pages.data_words import data_text, lower_first, unit_words

Part = Callable[[str], str]
# What the core added to the reason of an unconfirmed rule until December 2026; prescribing checks
# stored before then still end with it. Pages no longer show it (the options table explains the
# grading in words instead).
UNCONFIRMED = " (unconfirmed)"


@dataclass(frozen=True)
class Shape:
    """One sentence shape: the English as a regular expression with named parts, its translation
    as a gettext template with the same names, and how each part is translated (as is by default)."""

    pattern: re.Pattern[str]
    template: Promise
    parts: dict[str, Part] = field(default_factory=dict)


def _shape(pattern: str, template: Promise, **parts: Part) -> Shape:
    return Shape(re.compile(pattern), template, parts)


def _number(text: str) -> str:
    """A number the core wrote ("1,400", "47.9") in the page's notation."""
    return text.replace(",", "").replace(".", str(get_format("DECIMAL_SEPARATOR")))


def _sentence_part(text: str) -> str:
    """A data file's sentence that the core quoted without its full stop."""
    return data_text(f"{text}.").removesuffix(".")


def _amount(text: str) -> str:
    """ "3600 mg a day" or "25 mcg/h" (``current_use.daily_amount``)."""
    match = re.fullmatch(r"(?P<n>[\d.]+) (?P<unit>\S+) a day", text)
    if match is None:
        return _number(text.split(" ")[0]) + text[len(text.split(" ")[0]) :]
    return str(_("%(n)s %(unit)s a day") % {"n": _number(match["n"]), "unit": unit_words(match["unit"])})


def _pieces(shapes: list[Shape]) -> Part:
    """Pieces joined by "; " (what is still missing), each translated by ``shapes``."""

    def translate(text: str) -> str:
        return "; ".join(_by_shape(piece, shapes) for piece in text.split("; "))

    return translate


def _weeks(text: str) -> str:
    n = text.split(" ")[0]
    return str(_("1 more week") if n == "1" else _("%(n)s more weeks") % {"n": n})


def _cause(words: str) -> str:
    etiology = next((e for e in etiologies().values() if e.name.casefold() == words.casefold()), None)
    return lower_first(data_text(etiology.name)) if etiology else words


def _conditions(words: str) -> str:
    names = []
    for words_of_one in words.split(", "):
        found = (c for c in conditions().values() if c.name.casefold() == words_of_one.casefold())
        condition = next(found, None)
        names.append(lower_first(data_text(condition.name)) if condition else words_of_one)
    return ", ".join(names)


def _renal_band(text: str) -> str:
    return str(_("the maximum dose is lowered")) if text == "the maximum dose is lowered" else data_text(text)


def _above_why(text: str) -> str:
    band = text.removeprefix("lowered for kidney function: ")
    if band != text:
        return str(_("lowered for kidney function: %(band)s") % {"band": data_text(band)})
    return _sentence_part(text)


_GAPS = [
    _shape(
        r"the cause of the pain is not known yet "
        r"\(the evidence for this option covers particular causes only\)",
        _(
            "the cause of the pain is not known yet "
            "(the evidence for this option covers particular causes only)"
        ),
    ),
    _shape(
        r"adequate trials of the first-line drug classes have not all failed",
        _("adequate trials of the first-line drug classes have not all failed"),
    ),
    _shape(r"pain for at least (?P<n>[\d.]+) months", _("pain for at least %(n)s months"), n=_number),
    _shape(r"average pain at least (?P<n>[\d.]+)/10", _("average pain at least %(n)s/10"), n=_number),
    _shape(r"reach at least (?P<n>[\d.]+) mg/day", _("reach at least %(n)s mg/day"), n=_number),
    _shape(
        r"(?P<weeks>\d+ more weeks?) at an effective dose", _("%(weeks)s at an effective dose"), weeks=_weeks
    ),
    _shape(
        r"at least (?P<weeks>\d+ more weeks?) on the drug", _("at least %(weeks)s on the drug"), weeks=_weeks
    ),
]
_MISSING = _pieces(_GAPS)
_FIXED = [
    "Currently in use.",
    "Currently in use. A later-line option: review whether to continue.",
    "No guideline line for this etiology: only on specialist advice.",
    "Recommended only for peripheral neuropathic pain; this pain is central.",
    "A contraindication applies to this current trial: review it before going on.",
    "Localized peripheral pain: a topical suits people who wish to avoid or cannot take oral drugs.",
    "A contraindication applies to this patient.",
    "An earlier trial of this drug failed.",
    "The guidelines advise against this drug for neuropathic pain.",
    "A later-line option, for when earlier lines have failed.",
    "Criteria met: consider referral.",
    "Stopped because of side effects.",
    "Ongoing trial: review the response.",
    "Stopped as ineffective.",
    "Adequate trial without meaningful relief: switch to another option.",
    "Examination shows sensory signs in the painful area.",
    "Sensory signs in the painful area are not shown (needed for probable).",
    "A diagnostic test confirms a lesion of the somatosensory nervous system.",
    "A test confirms the lesion although signs are hard to show: probable still applies.",
    "No test has confirmed the lesion yet (needed for definite).",
    "Criteria for possible neuropathic pain are not met.",
    "No known lesion or disease of the nervous system that explains the pain.",
    "Whether the pain distribution fits the lesion has not been assessed.",
    "The pain distribution is neuroanatomically plausible for the lesion.",
    "The pain distribution does not fit the lesion.",
    "Renal function unknown (creatinine, weight or sex missing): check before gabapentinoids.",
    "Thoughts of self-harm reported (PHQ-9 item 9): assess suicide risk today.",
    "Not screened: consider PHQ-9 (depression often accompanies chronic pain).",
    "The patient's age is not recorded, so kidney function, contraindications and interactions could not "
    "be checked: only the label maximum and drugs of the same class were.",
]
# The gettext templates of _FIXED, written out so that makemessages finds them.
_FIXED_TEMPLATES = [
    _("Currently in use."),
    _("Currently in use. A later-line option: review whether to continue."),
    _("No guideline line for this etiology: only on specialist advice."),
    _("Recommended only for peripheral neuropathic pain; this pain is central."),
    _("A contraindication applies to this current trial: review it before going on."),
    _("Localized peripheral pain: a topical suits people who wish to avoid or cannot take oral drugs."),
    _("A contraindication applies to this patient."),
    _("An earlier trial of this drug failed."),
    _("The guidelines advise against this drug for neuropathic pain."),
    _("A later-line option, for when earlier lines have failed."),
    _("Criteria met: consider referral."),
    _("Stopped because of side effects."),
    _("Ongoing trial: review the response."),
    _("Stopped as ineffective."),
    _("Adequate trial without meaningful relief: switch to another option."),
    _("Examination shows sensory signs in the painful area."),
    _("Sensory signs in the painful area are not shown (needed for probable)."),
    _("A diagnostic test confirms a lesion of the somatosensory nervous system."),
    _("A test confirms the lesion although signs are hard to show: probable still applies."),
    _("No test has confirmed the lesion yet (needed for definite)."),
    _("Criteria for possible neuropathic pain are not met."),
    _("No known lesion or disease of the nervous system that explains the pain."),
    _("Whether the pain distribution fits the lesion has not been assessed."),
    _("The pain distribution is neuroanatomically plausible for the lesion."),
    _("The pain distribution does not fit the lesion."),
    _("Renal function unknown (creatinine, weight or sex missing): check before gabapentinoids."),
    _("Thoughts of self-harm reported (PHQ-9 item 9): assess suicide risk today."),
    _("Not screened: consider PHQ-9 (depression often accompanies chronic pain)."),
    _(
        "The patient's age is not recorded, so kidney function, contraindications and interactions could not "
        "be checked: only the label maximum and drugs of the same class were."
    ),
]
_PCT = r"(?P<pct>[\d.]+)"
_SHAPES = [
    *(_shape(re.escape(text), template) for text, template in zip(_FIXED, _FIXED_TEMPLATES, strict=True)),
    _shape(
        r"Taper: do not stop abruptly; (?P<how>.+)\.",
        _("Taper: do not stop abruptly; %(how)s."),
        how=data_text,
    ),
    _shape(
        r"Kidney function \(CrCl (?P<crcl>[\d.]+) mL/min\): (?P<band>.+)\.",
        _("Kidney function (CrCl %(crcl)s mL/min): %(band)s."),
        crcl=_number,
        band=_renal_band,
    ),
    _shape(
        r"Kidney function \(creatinine clearance (?P<crcl>[\d.]+) mL/min\): (?P<band>.+)\.",
        _("Kidney function (creatinine clearance %(crcl)s mL/min): %(band)s."),
        crcl=_number,
        band=_renal_band,
    ),
    _shape(r"Kidney function: (?P<band>.+)\.", _("Kidney function: %(band)s."), band=_renal_band),
    _shape(
        r"The current dose \((?P<now>[^)]+)\) is above the maximum for this patient "
        r"\((?P<most>[^)]+)\): lower it\.",
        _("The current dose (%(now)s) is above the maximum for this patient (%(most)s): lower it."),
        now=_amount,
        most=_amount,
    ),
    _shape(
        r"Line (?P<line>\d+): for when earlier lines have failed or cannot be used\.",
        _("Line %(line)s: for when earlier lines have failed or cannot be used."),
    ),
    _shape(r"Not yet: (?P<gaps>.+)\.", _("Not yet: %(gaps)s."), gaps=_MISSING),
    _shape(r"Keep titrating: (?P<gaps>.+)\.", _("Keep titrating: %(gaps)s."), gaps=_MISSING),
    _shape(
        r"Stopped before an adequate trial \((?P<gaps>.+)\): may be retried\.",
        _("Stopped before an adequate trial (%(gaps)s): may be retried."),
        gaps=_MISSING,
    ),
    _shape(
        rf"Substantial relief \({_PCT} % less pain\): continue\.",
        _("Substantial relief (%(pct)s %% less pain): continue."),
        pct=_number,
    ),
    _shape(
        rf"Partial relief \({_PCT} % less pain\): continue; "
        r"consider adding a first-line drug of another class\.",
        _(
            "Partial relief (%(pct)s %% less pain): continue; "
            "consider adding a first-line drug of another class."
        ),
        pct=_number,
    ),
    _shape(
        rf"Adequate trial without meaningful relief \({_PCT} % less pain\): switch to another option\.",
        _("Adequate trial without meaningful relief (%(pct)s %% less pain): switch to another option."),
        pct=_number,
    ),
    _shape(
        rf"Adequate trial without meaningful relief \({_PCT} % more pain\): switch to another option\.",
        _("Adequate trial without meaningful relief (%(pct)s %% more pain): switch to another option."),
        pct=_number,
    ),
    _shape(
        rf"Stopped as ineffective, yet the adequate trial gave {_PCT} % less pain \(a response by IMMPACT\): "
        r"worth reconsidering, alone or with a first-line drug of another class\.",
        _(
            "Stopped as ineffective, yet the adequate trial gave %(pct)s %% less pain "
            "(a response by IMMPACT): "
            "worth reconsidering, alone or with a first-line drug of another class."
        ),
        pct=_number,
    ),
    _shape(
        rf"Stopped as ineffective, yet the trial gave {_PCT} % less pain \(a response by IMMPACT\): "
        r"worth reconsidering, alone or with a first-line drug of another class\.",
        _(
            "Stopped as ineffective, yet the trial gave %(pct)s %% less pain (a response by IMMPACT): "
            "worth reconsidering, alone or with a first-line drug of another class."
        ),
        pct=_number,
    ),
    _shape(
        r"History of a lesion or disease that causes neuropathic pain: (?P<cause>.+)\.",
        _("History of a lesion or disease that causes neuropathic pain: %(cause)s."),
        cause=_cause,
    ),
    _shape(
        r"Cause not established, but a relevant condition is known: (?P<names>.+)\.",
        _("Cause not established, but a relevant condition is known: %(names)s."),
        names=_conditions,
    ),
    _shape(
        r"Creatinine clearance used adjusted body weight \((?P<kg>[\d.]+) kg\) "
        r"because the BMI is (?P<bmi>[\d.]+)\.",
        _("Creatinine clearance used adjusted body weight (%(kg)s kg) because the BMI is %(bmi)s."),
        kg=_number,
        bmi=_number,
    ),
    _shape(
        r"Creatinine clearance used actual body weight \((?P<kg>[\d.]+) kg\)\.",
        _("Creatinine clearance used actual body weight (%(kg)s kg)."),
        kg=_number,
    ),
    # A screening questionnaire among the grading reasons (nervepath.clinical.screening.screening_notes).
    _shape(
        r"(?P<name>\S+) (?P<score>[\d.]+)/(?P<max>\d+) \(positive\): "
        r"supports, but does not establish, the grade\.",
        _("%(name)s %(score)s/%(max)s (positive): supports, but does not establish, the grade."),
        score=_number,
    ),
    _shape(
        r"(?P<name>\S+) (?P<score>[\d.]+)/(?P<max>\d+) \(negative\): "
        r"supports, but does not establish, the grade\.",
        _("%(name)s %(score)s/%(max)s (negative): supports, but does not establish, the grade."),
        score=_number,
    ),
    # Prescribing checks (nervepath.clinical.prescribing).
    _shape(
        r"The patient already takes (?P<drug>.+?) \(the same drug\)\. (?P<why>.+)",
        _("The patient already takes %(drug)s (the same drug). %(why)s"),
        drug=data_text,
        why=data_text,
    ),
    _shape(
        r"The patient already takes (?P<drug>.+?) \((?P<group>[^()]+)\)\. (?P<why>.+)",
        _("The patient already takes %(drug)s (%(group)s). %(why)s"),
        drug=data_text,
        group=data_text,
        why=data_text,
    ),
    _shape(
        r"(?P<drug>.+) (?P<dose>[\d,.]+) mg a day is above the maximum for this patient, "
        r"(?P<limit>[\d,.]+) mg a day \((?P<why>.+)\)\.",
        _("%(drug)s %(dose)s mg a day is above the maximum for this patient, %(limit)s mg a day (%(why)s)."),
        drug=data_text,
        dose=_number,
        limit=_number,
        why=_above_why,
    ),
    _shape(
        r"(?P<drug>.+) (?P<dose>[\d,.]+) mg a day is above the maximum for this patient, "
        r"(?P<limit>[\d,.]+) mg a day\.",
        _("%(drug)s %(dose)s mg a day is above the maximum for this patient, %(limit)s mg a day."),
        drug=data_text,
        dose=_number,
        limit=_number,
    ),
    _shape(
        r"With this dose the patient's opioids come to (?P<mme>[\d.]+) MME a day\. (?P<reason>.+)",
        _("With this dose the patient's opioids come to %(mme)s MME a day. %(reason)s"),
        mme=_number,
        reason=data_text,
    ),
    _shape(
        r"With (?P<drug>.+?), which the patient takes: (?P<reason>.+)",
        _("With %(drug)s, which the patient takes: %(reason)s"),
        drug=data_text,
        reason=data_text,
    ),
]


def _by_shape(text: str, shapes: list[Shape]) -> str:
    for shape in shapes:
        match = shape.pattern.fullmatch(text)
        if match is not None:
            values = {
                name: shape.parts.get(name, str)(value or "") for name, value in match.groupdict().items()
            }
            return str(shape.template) % values
    return _data_sentence(text)


def _data_sentence(text: str) -> str:
    """A data file's text, or one the core wrote with a capital and a full stop (a flag's meaning)."""
    translated = data_text(text)
    if translated == text and text.endswith(".") and text[:1].isupper():
        inner = lower_first(text[:-1])
        found = data_text(inner)
        if found != inner:
            return f"{found[:1].upper()}{found[1:]}."
    return translated


def sentence_text(text: str) -> str:
    """A sentence of the core (or a data file's text) in the active language; English when it has no
    translation. An English page gets ``text`` unchanged, but for an older stored check's suffix."""
    text = text.removesuffix(UNCONFIRMED)
    if base_language(get_language()) == "en":
        return text
    return _by_shape(text, _SHAPES)
