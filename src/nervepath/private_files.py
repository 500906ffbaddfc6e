"""Files that hold health data, password hashes or keys: readable by their owner only, whatever the umask.

The database (and SQLite's ``-wal`` and ``-shm`` beside it), backups, ``*.before-restore``, exports
written to a file and the generated secret key are created with mode 0600, the folders nervepath
creates for them with 0700. A file is created with its final mode (``os.open`` with 0600, then
``fchmod``, as the umask could only take bits away), so it is never readable by others, not even
for a moment. SQLite creates ``-wal``, ``-shm`` and journal files with the mode of their database
file (os_unix.c, ``findCreateFileMode``), so a database created here first keeps them private too.

``use_private_umask()`` at start-up (the ``nervepath`` command, the WSGI application) covers what
other code writes: Django opening a database it has to create, a report PDF, a file a library makes.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "PRIVATE_UMASK",
    "private_file",
    "private_folder",
    "tighten",
    "use_private_umask",
    "write_private",
]

FILE_MODE = 0o600
FOLDER_MODE = 0o700
PRIVATE_UMASK = 0o077


def use_private_umask() -> int:
    """Take group and other permissions off every file this process creates from now on; returns
    the umask it had. A stricter umask stays as it is."""
    previous = os.umask(PRIVATE_UMASK)
    os.umask(previous | PRIVATE_UMASK)
    return previous


def private_folder(path: Path) -> Path:
    """Create ``path`` and any missing parent with mode 0700; a folder that exists keeps its mode
    (it may be one the person chose, such as their home). Returns ``path``."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # another process made it first
            continue
        folder.chmod(FOLDER_MODE)  # mkdir's mode passes through the umask
    return path


def _open(path: Path, flags: int) -> int:
    descriptor = os.open(path, flags | os.O_CLOEXEC, FILE_MODE)
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):  # never chmod a device (--out /dev/stdout)
            # A file someone else owns that we may write keeps its mode.
            with contextlib.suppress(PermissionError):
                os.fchmod(descriptor, FILE_MODE)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def private_file(path: Path) -> Path:
    """Make sure ``path`` is a file only its owner can read, creating it empty if missing (its
    content, if any, is kept). Returns ``path``."""
    os.close(_open(path, os.O_WRONLY | os.O_CREAT))
    return path


def write_private(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` as a file only its owner can read.

    ``exclusive``: refuse (FileExistsError) when the file exists. Raises: OSError.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    with os.fdopen(_open(path, flags), "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)


def tighten(path: Path) -> None:
    """Take group and other permissions off ``path`` if it is a regular file of ours (an older
    version made it 0644); a missing file or one another user owns is left as it is."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and stat.S_IMODE(mode) & PRIVATE_UMASK:
        with contextlib.suppress(PermissionError):  # not ours to change
            path.chmod(stat.S_IMODE(mode) & ~PRIVATE_UMASK)
