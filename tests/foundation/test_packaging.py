"""The wheel a user installs must carry every data file: a file left out fails here, not for a user."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_ships_every_data_file_in_the_wheel(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tree / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(tree),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("nervepath-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "src" / "nervepath" / "data"
    expected = {f"nervepath/{p.relative_to(data.parent).as_posix()}" for p in data.rglob("*") if p.is_file()}
    assert expected, "no data files found"
    assert sorted(expected - shipped) == []
