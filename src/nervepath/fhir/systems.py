"""The code systems and extensions of the patient-record bundle, built on the shared URLs of ``codes``.

Standard codes where one fits (LOINC 72514-3 for the 0-10 pain rating, UCUM units, HL7
observation categories); everything nervepath-specific lives under ``codes.NERVEPATH_BASE``.
"""

from __future__ import annotations

from nervepath.fhir.codes import LOINC, NERVEPATH_BASE, OBSERVATION_CATEGORY, QUESTIONNAIRE_BASE, UCUM

__all__ = ["LOINC", "NERVEPATH", "OBSERVATION_CATEGORY", "UCUM"]

NERVEPATH = NERVEPATH_BASE

# The codes of a diary day (LOINC 72514-3 for its average pain, nervepath's "diary" code system for the
# rest) are in data/diary/fields.yaml with the fields they code.


def system(name: str) -> str:
    """The URL of a nervepath code system, e.g. ``system("drug")``."""
    return f"{NERVEPATH}/CodeSystem/{name}"


def system_url(name: str) -> str:
    """A code system named in a data file: a URL as it is (``http://loinc.org``), else ``system(name)``."""
    return name if "://" in name else system(name)


def extension(name: str) -> str:
    """The URL of a nervepath extension, e.g. ``extension("trial-review-date")``."""
    return f"{NERVEPATH}/StructureDefinition/{name}"


def questionnaire(instrument_id: str) -> str:
    """The canonical URL of the Questionnaire for one instrument (as ``fhir.questionnaire`` writes it)."""
    return f"{QUESTIONNAIRE_BASE}/{instrument_id}"


# Units of daily doses as nervepath stores them -> UCUM rate codes.
UCUM_DAILY = {"mg": "mg/d", "mcg/h": "ug/h"}
