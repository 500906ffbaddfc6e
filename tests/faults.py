"""Faults shared by tests of several areas."""

from __future__ import annotations

import pytest


def break_audit(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make the audit helper that the module ``where`` imported fail, as a lost table or full disk would."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(f"{where}.audit", broken)
