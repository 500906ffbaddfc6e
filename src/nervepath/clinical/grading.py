"""NeuPSIG grading of how likely pain is neuropathic (Finnerup NB et al. Pain 2016;157:1599-1606).

possible  = history of a relevant lesion or disease AND a neuroanatomically plausible distribution;
probable  = possible AND sensory signs in the innervation territory (or, when signs are hard to show,
            a test confirming the lesion);
definite  = probable by sensory signs AND a diagnostic test confirming the lesion;
otherwise unlikely. Screening questionnaires support but never raise the grade.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nervepath.clinical.case import Case
from nervepath.clinical.identifiers import conditions, etiologies


@dataclass(frozen=True)
class Grading:
    """The grade and the reasons for it, in plain words."""

    level: str
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract shape ``{"level", "reasons"}``."""
        return {"level": self.level, "reasons": list(self.reasons)}


def grade(case: Case, screening_notes: list[str]) -> Grading:
    """Grade one case.

    Takes: the case and sentences about screening results (shown as support only).
    Returns: a :class:`Grading` with level unlikely | possible | probable | definite.
    Source: NeuPSIG grading system 2016 (``neupsig_grading_2016``).
    """
    history, reasons = _history(case)
    plausible = case.pain.distribution_plausible
    reasons.append(_distribution_reason(plausible))
    reasons.extend(screening_notes)
    if not (history and plausible):
        return Grading("unlikely", [*reasons, "Criteria for possible neuropathic pain are not met."])
    signs, confirmed = case.exam.sensory_signs_in_painful_area, case.tests.confirms_lesion
    if signs and confirmed:
        return Grading("definite", [*reasons, _SIGNS, _TEST])
    if signs:
        return Grading(
            "probable", [*reasons, _SIGNS, "No test has confirmed the lesion yet (needed for definite)."]
        )
    if confirmed:
        return Grading("probable", [*reasons, _NO_SIGNS, _TEST_WITHOUT_SIGNS])
    return Grading("possible", [*reasons, _NO_SIGNS])


_SIGNS = "Examination shows sensory signs in the painful area."
_NO_SIGNS = "Sensory signs in the painful area are not shown (needed for probable)."
_TEST = "A diagnostic test confirms a lesion of the somatosensory nervous system."
_TEST_WITHOUT_SIGNS = "A test confirms the lesion although signs are hard to show: probable still applies."


def _history(case: Case) -> tuple[bool, list[str]]:
    etiology = case.pain.etiology
    if etiology is not None and etiology != "unknown":
        cause = _in_sentence(etiologies()[etiology].name)
        return True, [f"History of a lesion or disease that causes neuropathic pain: {cause}."]
    lesions = [conditions()[c] for c in case.conditions if conditions()[c].lesion_history]
    if lesions:
        names = ", ".join(_in_sentence(c.name) for c in lesions)
        return True, [f"Cause not established, but a relevant condition is known: {names}."]
    return False, ["No known lesion or disease of the nervous system that explains the pain."]


def _in_sentence(name: str) -> str:
    """A data file's name inside a sentence: ``Diabetic polyneuropathy`` -> ``diabetic polyneuropathy``;
    a name that starts with an acronym (``HIV infection``) keeps its capitals."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _distribution_reason(plausible: bool | None) -> str:
    if plausible is None:
        return "Whether the pain distribution fits the lesion has not been assessed."
    if plausible:
        return "The pain distribution is neuroanatomically plausible for the lesion."
    return "The pain distribution does not fit the lesion."
