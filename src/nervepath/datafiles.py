"""Loading curated data files (YAML) from the package, validated against typed models.

Every knowledge entry, instrument and rule file goes through :func:`load_model`, so a
malformed file always fails the same way: :class:`~nervepath.errors.DataFileError` with the
file name, the offending key path and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from nervepath.errors import DataFileError

M = TypeVar("M", bound=BaseModel)


def data_dir(*parts: str) -> Traversable:
    """The folder ``nervepath/data/<parts>`` inside the installed package."""
    folder = resources.files("nervepath").joinpath("data")
    for part in parts:
        folder = folder.joinpath(part)
    return folder


def yaml_files(*parts: str) -> Iterator[Traversable]:
    """Every ``*.yaml`` file in a data folder, sorted by name so loading is deterministic."""
    folder = data_dir(*parts)
    files = [f for f in folder.iterdir() if f.name.endswith(".yaml")]
    yield from sorted(files, key=lambda f: f.name)


def read_yaml(file: Traversable, label: str | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes a DataFileError naming the file."""
    name = label or file.name
    try:
        return yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(document)"
        raise DataFileError(name, where, f"valid YAML ({getattr(exc, 'problem', exc)})") from exc


def validate(model: type[M], raw: Any, file: str) -> M:
    """Validate parsed data against ``model``; the first error names its key path."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(document)"
        raise DataFileError(file, key, first["msg"]) from exc


def load_model(model: type[M], file: Traversable, label: str | None = None) -> M:
    """Read and validate one data file."""
    name = label or file.name
    return validate(model, read_yaml(file, name), name)


def require_known(file: str, key: str, values: Iterable[str], known: Iterable[str]) -> None:
    """DataFileError naming ``file`` and ``key`` for the first of ``values`` not in ``known``."""
    known_set = set(known)
    for value in values:
        if value not in known_set:
            raise DataFileError(file, key, f"a known identifier ({value!r} is unknown)")
