"""The personas of tests/api (alice, a patient with a running pregabalin trial, omeprazole and type 2
diabetes on record; bob, her clinician; each with a write token) and the ``ctx`` the doors send through."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import World, world  # noqa: F401 (fixtures)
from tests.application.doors import Ctx
from tests.web.conftest import _web_settings, clinic  # noqa: F401 (fixtures)


@pytest.fixture
def ctx(world: World, tmp_path: Path) -> Ctx:  # noqa: F811
    return Ctx(world, tmp_path)
