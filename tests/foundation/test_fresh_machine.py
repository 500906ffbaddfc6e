"""What a newcomer's two commands do on a fresh machine: `make run` installs only the app, `make test`
adds the test tools, and a system library that only the browser brings does not stop the suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not on PATH")


def _dry_run(target: str, tmp_path: Path) -> str:
    """The commands `make TARGET` would run in a fresh clone (no .venv yet), without running them."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    # Outside whatever make runs this suite: a parent make's settings would change what is printed.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    done = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", target],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return done.stdout


def test_it_installs_only_the_app_for_make_run(tmp_path: Path) -> None:
    commands = _dry_run("run", tmp_path)
    assert "-e ." in commands
    assert "[test]" not in commands
    assert "npm" not in commands
    assert commands.strip().endswith("nervepath serve")


def test_it_installs_the_test_tools_and_axe_core_for_make_test(tmp_path: Path) -> None:
    commands = _dry_run("test", tmp_path)
    assert '-e ".[test]"' in commands
    assert "npm ci" in commands
    assert commands.index('-e ".[test]"') < commands.index("bin/pytest")


def test_it_lets_only_weasyprints_missing_library_notice_through() -> None:
    # pytest's filterwarnings (pyproject.toml) turns warnings into errors, with one exception: the notice
    # WeasyPrint gives at import on a machine without libharfbuzz-subset0.
    warnings.warn(
        "HarfBuzz-Subset will be required by future versions of WeasyPrint. Please install this library "
        "with your package manager.",
        DeprecationWarning,
        stacklevel=1,
    )
    with pytest.raises(DeprecationWarning):
        warnings.warn("Some other library will be required.", DeprecationWarning, stacklevel=1)
