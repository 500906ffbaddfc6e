"""One treatment option as the clinician sees it: a drug, non-drug or interventional option with its
status for this patient and the reasons, flags and sources behind it (contracts/case-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nervepath.clinical.current_use import CurrentUse
from nervepath.clinical.statuses import OptionFlag, OptionStatus


@dataclass
class Option:
    """One option as shown to the clinician; ``rules`` and ``why`` explain the status."""

    id: str
    name: str
    kind: str
    line: int | None
    status: OptionStatus
    drug_class: str | None = None
    start: str | None = None
    titration: str | None = None
    usual_daily: str | None = None
    max_daily_mg: float | None = None
    unit: str | None = None
    adequate_trial_weeks: int | None = None
    flags: list[OptionFlag] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confirmed: bool = True
    current: CurrentUse | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract shape of one entry of ``options``; ``current`` only for a drug in use."""
        data = dict(self.__dict__)
        data["max_daily_mg"] = _tidy(self.max_daily_mg)
        if self.current is None:
            del data["current"]
        else:
            data["current"] = self.current.to_dict()
        return data


def _tidy(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value
