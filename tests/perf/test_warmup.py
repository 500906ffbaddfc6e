"""A production worker warms its caches and freezes them out of the garbage collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from nervepath.web.warmup import warm_up


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_it_loads_the_data_and_freezes_it_out_of_the_collector():
    frozen = warm_up()
    assert frozen > 10_000
    assert gc.get_freeze_count() == frozen
