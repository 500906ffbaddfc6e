"""The Spanish catalogue is complete, its compiled .mo is current, and the newer pages speak Spanish.

The .po is read with a small stdlib reader (msgctxt, msgid, msgid_plural, msgstr, msgstr[n], flags);
obsolete ``#~`` entries are not part of the catalogue and are ignored.
"""

from __future__ import annotations

import ast
import gettext
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

import nervepath.web
from nervepath.web.accounts.models import AuditAction, AuditEvent
from nervepath.web.pages.security import DatabaseUnavailableMiddleware
from tests.web.conftest import Clinic

LOCALE = Path(nervepath.web.__file__).parent / "locale" / "es" / "LC_MESSAGES"
KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


def _keyword(line: str) -> tuple[str, int, str]:
    """``msgstr[2] "x"`` -> ("msgstr", 2, "x"); the index is 0 for keywords without one."""
    word, _, rest = line.partition(" ")
    name, _, index = word.partition("[")
    return name, int(index.rstrip("]") or 0), ast.literal_eval(rest.strip())


def _store(entry: Entry, name: str, index: int, text: str) -> None:
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    else:
        setattr(entry, name, (getattr(entry, name) or "") + text)


def read_po(text: str) -> list[Entry]:
    """Every live entry of a .po text, header included (msgid "")."""
    entries: list[Entry] = []
    entry, last = Entry(), ("", 0)
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if entry.msgstr:
                entries.append(entry)
            entry = Entry() if entry.msgstr or not line else entry
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith(KEYWORDS):
            name, index, text_part = _keyword(line)
            last = (name, index)
            _store(entry, name, index, text_part)
        elif line.startswith('"'):
            _store(entry, last[0], last[1], ast.literal_eval(line))
    return entries


def _catalogue() -> list[Entry]:
    return [e for e in read_po((LOCALE / "django.po").read_text(encoding="utf-8")) if e.msgid]


def _untranslated(entries: list[Entry]) -> list[str]:
    return [e.label for e in entries if not all(e.msgstr.values())]


def _fuzzy(entries: list[Entry]) -> list[str]:
    return [e.label for e in entries if "fuzzy" in e.flags]


SAMPLE = """msgid ""
msgstr ""
"Language: es\\n"

#, fuzzy
msgid "Group"
msgstr "Grupo"

msgctxt "body region"
msgid "Back"
msgstr ""

msgid "%(n)s week"
msgid_plural "%(n)s weeks"
msgstr[0] "%(n)s semana"
msgstr[1] ""

msgid "Long"
msgstr ""
"Lar"
"go"

#~ msgid "Old"
#~ msgstr ""
"""


def test_it_reads_a_po_file_and_finds_the_untranslated_and_fuzzy_entries() -> None:
    entries = [e for e in read_po(SAMPLE) if e.msgid]
    assert [e.label for e in entries] == ["Group", "body region|Back", "%(n)s week", "Long"]
    assert entries[3].msgstr == {0: "Largo"}
    assert _untranslated(entries) == ["body region|Back", "%(n)s week"]
    assert _fuzzy(entries) == ["Group"]


def test_it_has_a_spanish_translation_for_every_message() -> None:
    entries = _catalogue()
    assert len(entries) > 350  # the diary's words are in data/diary/fields.yaml, not here
    assert _untranslated(entries) == []


def test_it_has_no_fuzzy_spanish_translation() -> None:
    assert _fuzzy(_catalogue()) == []


def _through_mo(catalog: gettext.GNUTranslations, entry: Entry, n: int) -> str:
    if entry.msgid_plural is None:
        if entry.msgctxt is None:
            return catalog.gettext(entry.msgid)
        return catalog.pgettext(entry.msgctxt, entry.msgid)
    if entry.msgctxt is None:
        return catalog.ngettext(entry.msgid, entry.msgid_plural, n)
    return catalog.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)


def test_it_compiled_the_mo_from_the_current_po() -> None:
    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    stale = []
    for entry in _catalogue():
        for n in (1, 2, 1_000_000):
            index = catalog.plural(n) if entry.msgid_plural is not None else 0  # type: ignore[attr-defined]
            if _through_mo(catalog, entry, n) != entry.msgstr[index]:
                stale.append(entry.label)
    assert stale == []


def test_it_passes_msgfmt_check_with_nothing_untranslated_or_fuzzy() -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt is not on PATH (Debian package gettext)")
    po = LOCALE / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def _spanish(client: Client, path: str) -> str:
    client.cookies["django_language"] = "es"
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_clinic_outcomes_in_spanish(as_bob: Client) -> None:
    body = _spanish(as_bob, "/clinic/outcomes/")
    assert "Resultados de la consulta" in body
    assert "Por grupo de medicamentos" in body
    assert "IC 95 %" in body
    assert "%%" not in body
    assert "Todavía no se puede valorar ningún ensayo." in body


def test_it_shows_the_two_factor_enrolment_in_spanish(as_bob: Client) -> None:
    body = _spanish(as_bob, "/accounts/two-factor/")
    assert "Activar el inicio de sesión en dos pasos" in body
    assert "Introduzca el código de 6 cifras" in body


def test_it_shows_my_data_in_spanish_from_the_accept_language_header(as_alice: Client) -> None:
    body = as_alice.get("/accounts/my-data/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Sus datos" in body
    assert "Descargarlo todo" in body


def test_it_names_the_audit_action_in_spanish_in_the_access_log(as_alice: Client, clinic: Clinic) -> None:
    AuditEvent.objects.create(
        user=clinic.bob.user,
        username="bob",
        action=AuditAction.change,
        patient_id=clinic.alice.pk,
        object_type="diaryday",
    )
    body = _spanish(as_alice, "/accounts/my-data/access-log/")
    assert "Quién ha consultado mi historial" in body
    assert "Cambio · día del diario" in body


def test_it_shows_the_unavailable_page_in_spanish() -> None:
    with translation.override("es"):
        body = render_to_string("pages/unavailable.html")
    assert "nervepath no está disponible temporalmente" in body
    assert "Inténtelo de nuevo dentro de un minuto." in body


def test_it_answers_a_lost_database_with_a_page_in_the_visitors_language(rf: RequestFactory) -> None:
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    with translation.override("es"):
        response = middleware.process_exception(rf.get("/today/"), OperationalError("server closed"))
    assert response is not None
    assert response.status_code == 503
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "nervepath no está disponible temporalmente" in body
