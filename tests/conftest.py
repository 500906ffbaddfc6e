"""Suite-wide test configuration."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The browser tests run last: Playwright keeps an event loop on the main thread until the
    # session ends, and Django refuses synchronous ORM calls from a thread with a running loop.
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path).replace("\\", "/"))
