"""English and Spanish: every message is translated and the compiled catalogue is committed."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

import nervepath.web

LOCALE = Path(nervepath.web.__file__).parent / "locale" / "es" / "LC_MESSAGES"


def test_it_translates_every_message_to_spanish() -> None:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    empty = re.findall(r'^msgid "(.+)"\nmsgstr ""\n(?!")', text, flags=re.MULTILINE)
    assert empty == []
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 1


def test_it_serves_the_spanish_interface_from_the_language_cookie(as_alice: Client) -> None:
    as_alice.cookies["django_language"] = "es"
    body = as_alice.get("/today/").content.decode()
    assert '<html lang="es">' in body
    assert "¿Cómo estuvo su dolor hoy?" in body
