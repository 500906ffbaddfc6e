"""Personas of the security tests: the web and API ones (alice, bob, carol, dave, root), with a
trial and a questionnaire response seeded for alice and for dave (see tests/api/conftest.py).
"""

from __future__ import annotations

from tests.api.conftest import World, world  # noqa: F401 (fixture)
from tests.web.conftest import Clinic, _web_settings, as_alice, as_bob, as_root, clinic  # noqa: F401 (fixtures)

PASSWORD = {name: f"{name}-password-123" for name in ("alice", "bob", "carol", "dave", "root")}
