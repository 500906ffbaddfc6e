"""The Spanish checks render real pages: they use the web tests' settings (secret key, fast hashers)."""

from tests.web.conftest import _web_settings, clinic

__all__ = ["_web_settings", "clinic"]
