"""The env-driven settings helpers fail loudly on bad values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from nervepath.web.settings import envbool, envint, postgres_from_url


def test_it_parses_a_postgresql_url() -> None:
    db = postgres_from_url("postgresql://nerve:p%40ss@db.example:6543/nervepath")
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "nervepath",
        "nerve",
        "p@ss",
        "db.example",
        "6543",
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgresql://u@h", "postgresql://u@h:port/db"])
def test_it_rejects_a_bad_database_url(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        postgres_from_url(url)


def test_it_reads_typed_values_and_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    monkeypatch.setenv("X_NUM", "12")
    assert envbool("X_FLAG", False) is True
    assert envint("X_NUM", 0) == 12
    assert envint("X_MISSING", 7) == 7
    monkeypatch.setenv("X_FLAG", "maybe")
    monkeypatch.setenv("X_NUM", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        envbool("X_FLAG", False)
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        envint("X_NUM", 0)
