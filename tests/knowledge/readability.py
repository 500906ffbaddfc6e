"""Flesch-Kincaid grade of the words patients read, with textstat 0.7.3 (offline).

textstat 0.7.3 counts syllables with pyphen's bundled dictionaries, so it needs no download (newer
versions fetch CMUdict through NLTK). It imports ``pkg_resources``, which setuptools 81 and later no
longer ship; it uses it only to read its own easy-word lists, so a two-line stand-in built on
``importlib.resources`` is enough. Markdown emphasis and list dashes are taken out before measuring;
each list item is a sentence of its own (textstat would otherwise read a whole list as one sentence).
"""

from __future__ import annotations

import importlib.resources
import re
import sys
import types
from typing import IO, Any


def _resource_stream(package: str, name: str) -> IO[bytes]:
    return importlib.resources.files(package).joinpath(name).open("rb")


if "pkg_resources" not in sys.modules:
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        sys.modules["pkg_resources"] = types.SimpleNamespace(resource_stream=_resource_stream)  # type: ignore[assignment]

import textstat  # type: ignore[import-untyped]  # noqa: E402

_ITEM = re.compile(r"^[ \t]*[-*][ \t]+(.*?)[;,.]?[ \t]*$", re.M)


def plain(markdown: str) -> str:
    """The text as read: no ``**``, and each list item ending as a sentence."""
    text = markdown.replace("**", "")
    return _ITEM.sub(lambda m: m.group(1) + ".", text)


def grade(markdown: str) -> float:
    """Flesch-Kincaid grade level: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    result: Any = textstat.flesch_kincaid_grade(plain(markdown))
    return float(result)
