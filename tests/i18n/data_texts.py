"""The person-facing English texts of the clinical and rule data files, read through their loaders.

``clinical_texts()`` and ``rule_texts()`` are what ``translations/es/clinical.yaml`` and
``translations/es/rules.yaml`` must translate: the texts a page, a report or a message shows. Internal
fields (``note``, ids, sources, ``confirmed``) are left out on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable

from nervepath.clinical.catalogue import nondrug_options, preferences
from nervepath.clinical.current_use import tapers
from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.identifiers import tests
from nervepath.clinical.prescribing import duplicate_groups
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.renal import renal_tables
from nervepath.clinical.rulebook import safety_flags, safety_rules, workup_rules
from nervepath.reports.labels import status_words
from nervepath.reports.side_effects import side_effect_advice


def _texts(values: Iterable[str | None]) -> dict[str, None]:
    return {value: None for value in values if value}


def clinical_texts() -> dict[str, str]:
    """English text -> the data file (and field) it comes from, for ``clinical.yaml``."""
    found: dict[str, str] = {}

    def add(where: str, values: Iterable[str | None]) -> None:
        for text in _texts(values):
            found.setdefault(text, where)

    for drug in load_drugs().values():
        add(
            "clinical/drugs.yaml",
            [drug.name, drug.start, drug.titration, drug.usual_daily, drug.why_not_recommended],
        )
    for flag in red_flag_catalogue().values():
        add("clinical/redflags.yaml", [flag.name, flag.may_mean, flag.action])
    add("clinical/tests.yaml", (test.name for test in tests().values()))
    for table in renal_tables().values():
        for band in table.bands:
            add("clinical/renal.yaml", [band.label, band.start, band.titration])
    for item in nondrug_options():
        add("clinical/nondrug.yaml", [item.name, item.why, item.gate.outside if item.gate else None])
    add("clinical/flags.yaml", (flag.meaning for flag in safety_flags().values()))
    add("clinical/preferences.yaml", (p.why for p in preferences()))
    add("clinical/tapering.yaml", (taper.how for taper in tapers().values()))
    for group in duplicate_groups():
        add("clinical/prescribing.yaml", [group.name, group.why])
    words = status_words()
    add("reports/statuses.yaml", [*words.statuses.values(), *words.severities.values()])
    add("reports/side_effects.yaml", (advice.text for advice in side_effect_advice()))
    return found


def rule_texts() -> dict[str, str]:
    """English text -> the rule file it comes from, for ``rules.yaml``."""
    found = {rule.reason: "rules/safety.yaml" for rule in safety_rules()}
    for rule in workup_rules():
        found.setdefault(rule.why, "rules/workup.yaml")
    return found
