"""The key that protects the second factor at rest, kept out of the database (ADR 0012).

An authenticator app's secret must be readable to check a code, so it is stored encrypted with
AES-256-GCM under this key, bound to its user (a secret copied onto another user's row does not
decrypt). A recovery code is stored only as a keyed digest (HMAC-SHA-256 under a key derived from
the same one): without the key, a copy of the database yields neither the secrets nor the codes.

The key is ``NERVEPATH_TOTP_KEY`` (settings, from the environment: 32 random bytes, URL-safe
base64), else the file ``NERVEPATH_HOME/totp_key``, created on first use with mode 0600 whatever
the umask. Losing it means every enrolled person must enrol again; back it up apart from the data.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1:"
KEY_BYTES = 32
_NONCE_BYTES = 12


def new_key() -> str:
    """A fresh key as ``NERVEPATH_TOTP_KEY`` takes it."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(f"{where}: expected {KEY_BYTES} random bytes in URL-safe base64")
    return key


def _key_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole under a temporary name, then linked into place: another process either
        # finds no file or the complete one, and of two processes racing only one key wins.
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w") as out:
                out.write(new_key() + "\n")
            with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    return _decode(path.read_text(), str(path))


def key() -> bytes:
    """The master key: from the setting if given, else from (or into) the key file."""
    given: str = settings.NERVEPATH_TOTP_KEY
    if given:
        return _decode(given, "NERVEPATH_TOTP_KEY")
    return _key_file(Path(settings.NERVEPATH_TOTP_KEY_FILE))


def _subkey(purpose: bytes) -> bytes:
    return hmac.digest(key(), b"nervepath " + purpose, hashlib.sha256)


def _context(user_id: int) -> bytes:
    return f"nervepath totp user {user_id}".encode()


def encrypt(secret: bytes, user_id: int) -> str:
    """``secret`` (the raw TOTP key) encrypted for storage in ``TOTPDevice.key`` (under 80 characters)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(_subkey(b"totp secret")).encrypt(nonce, secret, _context(user_id))
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(stored: str, user_id: int) -> bytes:
    """The raw TOTP key back from ``encrypt``'s text.

    Raises: ImproperlyConfigured when the text was not written by ``encrypt`` under this key for
    this user (a plain key, another key, a row copied from another user).
    """
    if not stored.startswith(PREFIX):
        raise ImproperlyConfigured("a TOTP secret is stored unencrypted (nervepath stores it encrypted)")
    raw = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode())
    nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
    try:
        return AESGCM(_subkey(b"totp secret")).decrypt(nonce, sealed, _context(user_id))
    except InvalidTag:
        raise ImproperlyConfigured(
            "a TOTP secret does not decrypt: NERVEPATH_TOTP_KEY (or NERVEPATH_HOME/totp_key) is not "
            "the key it was stored with"
        ) from None


def normalise_code(code: str) -> str:
    """A recovery code as typed, reduced to what counts: no spaces or dashes, lower case."""
    return "".join(code.split()).replace("-", "").lower()


def code_digest(code: str) -> str:
    """The stored form of a recovery code: 16 characters (``StaticToken.token``'s length), 80 bits
    of HMAC-SHA-256 under the key, more than the code's own 40 bits."""
    mac = hmac.digest(_subkey(b"recovery code"), normalise_code(code).encode(), hashlib.sha256)
    return base64.b32encode(mac[:10]).decode().lower()


LEGACY = "l"


def legacy_digest(code: str) -> str:
    """The stored form of a code migrated from before the key, when only its plain SHA-256 digest was
    kept: ``LEGACY`` and 15 hex characters of that digest."""
    return LEGACY + hashlib.sha256(normalise_code(code).encode()).hexdigest()[:15]
