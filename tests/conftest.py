"""Suite-wide test configuration."""

from __future__ import annotations

import os

import pytest

# Where HarfBuzz's subsetter is missing (a fresh machine), WeasyPrint subsets fonts with fontTools, which
# stamps each subset with the current second: two renders of one report then differ by a few bytes and a
# HEAD's Content-Length can miss its GET's. fontTools reads the reproducible-builds SOURCE_DATE_EPOCH.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01

# pytest-xdist starts its workers with COLUMNS=80 and LINES=24. The CLI's console (rich) reads COLUMNS once,
# when it is made at import, and would keep 80 columns for good, so the tests of wider terminals, which set
# COLUMNS for each call, would see 80. A worker runs as plain pytest does: without them.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)

# pytest-django's fixtures that unblock the test database; a test that uses none of them, directly or
# through its own fixtures, and has no django_db mark, cannot open a connection.
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The browser tests run last: Playwright keeps an event loop on the main thread until the
    # session ends, and Django refuses synchronous ORM calls from a thread with a running loop.
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path).replace("\\", "/"))
    # Marks each test that can reach the database (pytest-django blocks every other test's access):
    # `make test`'s PostgreSQL pass runs only these (`-m database`), the others cannot differ there.
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.database)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Clinicians and admins must enrol a second factor outside DEBUG; the suite's personas sign in
    # without one, and the tests of that rule (tests/security/test_second_factor.py) turn it on.
    settings.NERVEPATH_REQUIRE_TWO_FACTOR = False
    # The TOTP secrets' key from the settings, so that no test writes a key file in a real home.
    settings.NERVEPATH_TOTP_KEY = "dGVzdHMtb25seS10b3RwLWtleS0zMi1ieXRlcy0wMDA="


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # What the app counts in Django's cache (refused sign-ups per address) starts at zero in each test.
    from django.core.cache import cache

    cache.clear()
