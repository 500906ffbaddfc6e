"""Prepare a server worker before it serves: load the curated data once, then freeze it out of the
garbage collector.

Every worker holds a few hundred thousand long-lived objects (the data files as typed models, the
knowledge index, Django, matplotlib). Python's full collections walk all of them, which added about
100 ms to every fifth request or so at clinic scale. ``gc.freeze()`` moves what exists after warm-up
into a generation the collector no longer scans (and keeps those pages shared after a fork).
"""

from __future__ import annotations

import gc
import json
from datetime import date

from nervepath.clinical.assess import assess_json
from nervepath.datafiles import data_dir
from nervepath.instruments import get_instrument, instrument_ids
from nervepath.knowledge.search import search
from nervepath.outcomes import adequacy_rules
from nervepath.reports.charts import PainPoint, pain_chart
from nervepath.sources import all_sources


def warm_up() -> int:
    """Load the caches every request may need, then freeze them; returns how many objects froze."""
    all_sources()
    for instrument_id in instrument_ids():
        get_instrument(instrument_id)
    example = data_dir("cases", "dpn-on-oxycodone.json").read_text(encoding="utf-8")
    assess_json(json.loads(example))
    search("burning feet")
    adequacy_rules()
    day = date(2026, 1, 1)
    pain_chart([PainPoint(day, 5)], start=day, end=day)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
