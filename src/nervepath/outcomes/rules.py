"""The outcome rules (response thresholds, trend, windows) read from ``data/outcomes/rules.yaml``."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from nervepath.datafiles import data_dir, load_model


class _Sourced(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[str] = Field(min_length=1)


class ResponseRule(_Sourced):
    moderate_reduction_pct: float = Field(gt=0, lt=100)
    substantial_reduction_pct: float = Field(gt=0, lt=100)


class TrendRule(_Sourced):
    minimal_change_pct: float = Field(gt=0, lt=100)


class WindowRule(_Sourced):
    window_days: int = Field(ge=1, le=31)
    min_days_with_entries: int = Field(ge=1, le=31)


class OutcomeRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    response: ResponseRule
    trend: TrendRule
    windows: WindowRule

    def source_ids(self) -> set[str]:
        """Every source id the rules cite."""
        parts = (self.response, self.trend, self.windows)
        return {source for part in parts for source in part.sources}


@cache
def outcome_rules() -> OutcomeRules:
    """The rules file, validated; raises DataFileError if it is malformed."""
    return load_model(OutcomeRules, data_dir("outcomes").joinpath("rules.yaml"), "outcomes/rules.yaml")
