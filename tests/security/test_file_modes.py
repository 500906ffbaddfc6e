"""Files that hold health data or keys are their owner's only (0600, folders 0700) whatever the umask:
the database and SQLite's -wal and -shm, backups, *.before-restore, exports and the secret key."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nervepath.cli.files import write_text
from nervepath.cli.main import app
from nervepath.cli.web import _secret_key
from nervepath.private_files import private_file, private_folder, tighten, use_private_umask, write_private
from nervepath.web.bootstrap import prepare_sqlite_file
from nervepath.web.records.backup import backup_database
from nervepath.web.records.patients import add_patient

ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="the embedded SQLite database and its backups")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    """The common default, under which files are created 0644 and folders 0755 unless asked otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_it_writes_a_private_file_and_makes_private_folders(tmp_path: Path) -> None:
    (tmp_path / "there").mkdir()
    folder = private_folder(tmp_path / "there" / "a" / "b")
    write_private(folder / "f", "health data")
    assert (mode(folder.parent), mode(folder), mode(folder / "f")) == (0o700, 0o700, 0o600)
    assert mode(tmp_path / "there") == 0o755  # a folder that was there keeps its mode


def test_it_tightens_a_file_an_older_version_left_readable(tmp_path: Path) -> None:
    (tmp_path / "old").write_text("x")
    assert mode(tmp_path / "old") == 0o644
    tighten(tmp_path / "old")
    assert mode(tmp_path / "old") == 0o600
    (tmp_path / "other").write_text("y")
    private_file(tmp_path / "other")
    assert (mode(tmp_path / "other"), (tmp_path / "other").read_text()) == (0o600, "y")


def test_it_never_changes_the_mode_of_a_device(tmp_path: Path) -> None:
    before = mode(Path("/dev/null"))
    write_private(Path("/dev/null"), "x")
    assert mode(Path("/dev/null")) == before


def test_it_narrows_the_umask_and_never_widens_it() -> None:
    assert use_private_umask() == 0o022
    assert os.umask(0o027) == 0o077
    use_private_umask()
    assert os.umask(0o022) == 0o077


def test_it_creates_the_database_private_so_sqlite_makes_wal_and_shm_private(tmp_path: Path) -> None:
    database = tmp_path / "home" / "nervepath.sqlite3"
    prepare_sqlite_file(str(database))
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
        files = [
            database,
            database.with_name(database.name + "-wal"),
            database.with_name(database.name + "-shm"),
        ]
        assert [mode(f) for f in files] == [0o600, 0o600, 0o600]
    assert mode(database.parent) == 0o700


def test_it_tightens_a_database_and_its_wal_and_shm_left_readable(tmp_path: Path) -> None:
    database = tmp_path / "nervepath.sqlite3"
    files = [database, tmp_path / "nervepath.sqlite3-wal", tmp_path / "nervepath.sqlite3-shm"]
    for file in files:
        file.write_bytes(b"")
    prepare_sqlite_file(str(database))
    assert [mode(f) for f in files] == [0o600, 0o600, 0o600]


@sqlite_only
@pytest.mark.django_db(transaction=True)  # SQLite's backup waits for a write transaction to end
def test_it_writes_every_backup_private(tmp_path: Path) -> None:
    add_patient("Ann")
    backup_database(tmp_path / "new.sqlite3")
    (tmp_path / "old.sqlite3").write_bytes(b"")  # replaced with --force, as a restore keeps the old one
    backup_database(tmp_path / "old.sqlite3", force=True)
    assert (mode(tmp_path / "new.sqlite3"), mode(tmp_path / "old.sqlite3")) == (0o600, 0o600)


def test_it_writes_an_export_private(tmp_path: Path) -> None:
    write_text("--out", tmp_path / "ann.csv", "date,pain_average\n")
    assert mode(tmp_path / "ann.csv") == 0o600


def test_it_makes_the_secret_key_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("NERVEPATH_HOME", str(tmp_path / "home"))
    _secret_key()
    key = tmp_path / "home" / "secret_key"
    assert (mode(key.parent), mode(key)) == (0o700, 0o600)
    assert os.environ["SECRET_KEY"] == key.read_text().strip()


def test_it_sets_the_private_umask_when_the_command_starts() -> None:
    CliRunner().invoke(app, ["learn", "--help"])
    assert os.umask(0o022) == 0o077


# Run in a fresh process started with umask 022: the commands, then the mode of every file in the
# data folder while the database connection is still open (SQLite removes -wal and -shm on close).
SCRIPT = """
import json, os, stat, sys
from pathlib import Path
from typer.testing import CliRunner
from nervepath.cli.main import app

home = Path(sys.argv[1])
for args in (
    ["patient", "add", "--name", "Ann"],
    ["diary", "add", "--patient", "1", "--date", "2026-03-01", "--pain-average", "6"],
    ["remind"],
    ["backup", str(home / "copy.sqlite3")],
    ["restore", str(home / "copy.sqlite3"), "--force"],
    ["export", "--patient", "1", "--format", "csv", "--out", str(home / "ann.csv")],
):
    result = CliRunner().invoke(app, ["--home", str(home), *args])
    assert result.exit_code == 0, (args, result.output)
print(json.dumps({p.name: stat.S_IMODE(p.stat().st_mode) for p in [home, *home.iterdir()]}))
"""


@sqlite_only
def test_it_keeps_every_file_of_the_data_folder_private_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NERVEPATH_HOME", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(home)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    modes = json.loads(done.stdout.splitlines()[-1])
    expected = ["ann.csv", "copy.sqlite3", "home", "nervepath.sqlite3", "nervepath.sqlite3-shm"]
    expected += ["nervepath.sqlite3-wal", "nervepath.sqlite3.before-restore", "secret_key"]
    assert sorted(modes) == expected
    assert modes == {name: 0o700 if name == "home" else 0o600 for name in expected}
