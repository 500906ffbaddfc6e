"""The env-driven settings helpers fail loudly on bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler
from pytest_django import DjangoDbBlocker

from nervepath.web.settings import envbool, envint, postgres_from_url, sqlite_in


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


@pytest.mark.parametrize(("seconds", "milliseconds"), [(None, 10000), ("3", 3000)])
def test_it_waits_for_the_sqlite_lock_as_long_as_the_environment_says(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    django_db_blocker: DjangoDbBlocker,
    seconds: str | None,
    milliseconds: int,
) -> None:
    if seconds is None:
        monkeypatch.delenv("NERVEPATH_SQLITE_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("NERVEPATH_SQLITE_TIMEOUT", seconds)
    connection = ConnectionHandler({"default": sqlite_in(tmp_path)})["default"]
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone() == (milliseconds,)
        finally:
            connection.close()


def test_it_refuses_a_sqlite_timeout_that_is_not_a_number(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NERVEPATH_SQLITE_TIMEOUT", "ten")
    with pytest.raises(ImproperlyConfigured, match="NERVEPATH_SQLITE_TIMEOUT"):
        sqlite_in(tmp_path)
