"""Patient Global Impression of Change (PGIC) as an IMMPACT benefit category.

The seven answers and their bands live once, in the PGIC instrument file
(``data/instruments/pgic.yaml``): very much improved = substantial, much improved = moderate,
minimally improved = minimal, no change or worse = no improvement (Farrar 2001; Dworkin 2008).
This module only asks the scoring engine, so the mapping is never written twice.
"""

from __future__ import annotations

from nervepath.errors import InvalidInput
from nervepath.instruments.scoring import score


def pgic_category(answer: str | int) -> str:
    """The band id of one PGIC answer: ``much_improved`` (or 2) -> ``moderate``.

    Takes: an answer code or its value 1-7. Returns: substantial, moderate, minimal or no_improvement.
    Raises: InvalidInput for an answer that is not one of the seven.
    Source: farrar_2001_pgic, dworkin_2008_immpact_instruments (via the instrument file).
    """
    band = score("pgic", {"change": answer}).band
    if band is None:
        raise InvalidInput("pgic", answer, "one of the seven PGIC answers")
    return band
