"""Answer sets shared by tests of several areas, taken from the contract's example case so that they
cannot drift from it: DN4 answers that score 4 of 10 (dpn-on-oxycodone.json)."""

from __future__ import annotations

import json

from nervepath.datafiles import data_dir

_CASE = json.loads(data_dir("cases", "dpn-on-oxycodone.json").read_text(encoding="utf-8"))
DN4_EXAMPLE: dict[str, bool] = _CASE["answers"]["dn4"]  # shared: read it, never change it
