"""Suite-wide test configuration."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The browser tests run last: Playwright keeps an event loop on the main thread until the
    # session ends, and Django refuses synchronous ORM calls from a thread with a running loop.
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path).replace("\\", "/"))


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
