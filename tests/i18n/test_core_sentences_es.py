"""The clinical core's composed sentences (option, grading and trial reasons, prescribing checks) in
Spanish on the pages: each shape of ``web/pages/sentences.py`` names the same parts as its template, a
sentence with a data file's text inside gets both translated, and English is left as the core wrote it.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from nervepath.web.pages.sentences import _GAPS, _SHAPES, sentence_text
from tests.english import english_words

TAPER = "Taper: do not stop abruptly; reduce the dose over at least one week."
DUPLICATE = (
    "The patient already takes Pregabalin (a gabapentinoid). Gabapentin and pregabalin act on the same "
    "target: taken together they add drowsiness, dizziness and unsteadiness, and no dose for the pair has "
    "been studied."
)


@pytest.mark.parametrize("shape", _SHAPES + _GAPS, ids=lambda s: s.pattern.pattern[:40])
def test_it_fills_every_part_of_a_shape(shape: object) -> None:
    names = set(shape.pattern.groupindex)  # type: ignore[attr-defined]
    assert names == set(re.findall(r"%\((\w+)\)s", str(shape.template)))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        (
            TAPER,
            "Retirada gradual: no lo suspenda bruscamente; reducir la dosis a lo largo de al menos una "
            "semana.",
        ),
        ("Line 3: for when earlier lines have failed or cannot be used.", "Línea 3: para cuando"),
        (
            "Partial relief (47.9 % less pain): continue; consider adding a first-line drug of another "
            "class.",
            "Alivio parcial (47,9 % menos dolor): continúe",
        ),
        (
            "Adequate trial without meaningful relief (7.1 % more pain): switch to another option.",
            "Ensayo adecuado sin alivio significativo (7,1 % más dolor): cambie a otra opción.",
        ),
        (
            "Not yet: adequate trials of the first-line drug classes have not all failed; "
            "pain for at least 6 months.",
            "Todavía no: no han fracasado todavía ensayos adecuados de todas las clases de fármacos de "
            "primera línea; dolor durante al menos 6 meses.",
        ),
        (DUPLICATE, "El paciente ya toma Pregabalina (un gabapentinoide). La gabapentina y la pregabalina"),
        (
            "Gabapentin 4,000 mg a day is above the maximum for this patient, 1,400 mg a day "
            "(lowered for kidney function: CrCl above 30 and under 60: 400-1400 mg/day in 2 doses).",
            "Gabapentina a 4000 mg al día supera el máximo para este paciente, 1400 mg al día "
            "(reducido por la función renal: ClCr por encima de 30 y por debajo de 60: "
            "400-1400 mg/día en 2 tomas).",
        ),
        (
            "Serotonin syndrome risk with a current medicine.",
            "Riesgo de síndrome serotoninérgico con un medicamento actual.",
        ),
        (
            "Over 75 years: at most 300 mg tramadol a day. (unconfirmed)",  # a check stored before Dec 2026
            "Más de 75 años: como máximo 300 mg de tramadol al día.",
        ),
    ],
)
def test_it_says_a_composed_sentence_in_spanish(english: str, spanish: str) -> None:
    with translation.override("es"):
        said = sentence_text(english)
    assert said.startswith(spanish), said
    assert not english_words(said), said


def test_it_leaves_english_as_the_core_wrote_it() -> None:
    with translation.override("en"):
        assert sentence_text(DUPLICATE) == DUPLICATE
        assert sentence_text(TAPER) == TAPER


def test_it_leaves_an_unknown_sentence_in_english() -> None:
    with translation.override("es"):
        assert sentence_text("A sentence the core does not write.") == "A sentence the core does not write."


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_older_stored_check_loses_its_unconfirmed_suffix(language: str) -> None:
    with translation.override(language):
        said = sentence_text("Over 75 years: at most 300 mg tramadol a day. (unconfirmed)")
    assert "unconfirmed" not in said
    assert "confirmar" not in said
