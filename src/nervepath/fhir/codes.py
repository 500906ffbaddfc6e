"""Code-system and extension URLs shared by every FHIR mapping of nervepath.

nervepath's own code systems live under ``https://nervepath.org/fhir/CodeSystem/``; they are used
only where no confirmed standard code exists (for example DN4 has no confirmed LOINC code).
"""

from __future__ import annotations

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

NERVEPATH_BASE = "https://nervepath.org/fhir"
INSTRUMENT = f"{NERVEPATH_BASE}/CodeSystem/instrument"
"""Codes are instrument ids (``dn4``, ``phq9``...): the instrument's total score."""
INSTRUMENT_ITEM = f"{NERVEPATH_BASE}/CodeSystem/instrument-item"
"""Codes are ``<instrument>.<item>`` (``dn4.burning``); subscores use ``<instrument>.<subscore>``."""
INSTRUMENT_ANSWER = f"{NERVEPATH_BASE}/CodeSystem/instrument-answer"
"""Codes are answer option codes (``yes``, ``not_at_all``, ``v7`` for 7 on a 0-10 scale)."""
INSTRUMENT_BAND = f"{NERVEPATH_BASE}/CodeSystem/instrument-band"
"""Codes are ``<instrument>.<band>`` (``phq9.mild``)."""
QUESTIONNAIRE_BASE = f"{NERVEPATH_BASE}/Questionnaire"

ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
CALCULATED_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
)
