"""Files the record commands read and write; every failure names the argument (FILE, --out).

A file to import is read through its stream, at most ``limit + 1`` bytes, so a file above the
limit, ``/dev/zero`` or an endless pipe is refused at the limit instead of filling the memory;
pipes and process substitution (``<(...)``) are read like files.
"""

from __future__ import annotations

from pathlib import Path

from nervepath.errors import InvalidInput
from nervepath.private_files import write_private

MB = 1024 * 1024


def size(limit: int) -> str:
    """``limit`` bytes as people say it: ``20 MB`` for whole megabytes, else ``100 bytes``."""
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit} bytes"


def read_text(field: str, path: Path, limit: int, kind: str) -> str:
    """The UTF-8 text (a BOM allowed) of the file at ``path``, read up to ``limit`` bytes.

    ``kind`` says what the file should be ("a CSV file"). Raises: InvalidInput naming ``field``
    when the path is missing, a folder or unreadable, when it holds more than ``limit`` bytes, or
    when it is not text.
    """
    value = str(path)
    if path.is_dir():
        raise InvalidInput(field, value, f"{kind}, not a folder")
    try:
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(field, value, f"{kind} that exists") from None
    except OSError as exc:
        raise InvalidInput(field, value, f"{kind} that can be read ({exc.strerror})") from None
    if len(raw) > limit:
        raise InvalidInput(field, value, f"{kind} of at most {size(limit)}, the import limit")
    text = _text(raw)
    if text is None:
        raise InvalidInput(field, value, f"{kind} in UTF-8 text (this file holds binary data)")
    return text


def _text(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text  # NUL is never in text, and PostgreSQL could not store it


def write_text(field: str, path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, a file only its owner can read (mode 0600, whatever the
    umask: it holds health data); raises InvalidInput naming ``field`` when it cannot be written."""
    value = str(path)
    if path.is_dir():
        raise InvalidInput(field, value, "a file path, not a folder")
    if not path.parent.is_dir():
        raise InvalidInput(field, value, f"a file in an existing folder ({path.parent} is not one)")
    try:
        write_private(path, text)
    except OSError as exc:
        raise InvalidInput(field, value, f"a writable file ({exc.strerror})") from None
