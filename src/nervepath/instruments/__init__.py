"""Validated questionnaires: definitions as data, one scoring engine.

Use ``score("dn4", {"burning": True, ...})`` or ``score("phq9", [1, 1, 0, 2, 0, 1, 0, 0, 0])``; read
``.score``, ``.max``, ``.positive``, ``.band`` and ``.flags`` of the returned :class:`Score`.
"""

from __future__ import annotations

__all__ = ["Instrument", "Score", "get_instrument", "instrument_ids", "score"]

from nervepath.instruments.models import Instrument
from nervepath.instruments.scoring import Score, get_instrument, instrument_ids, score
