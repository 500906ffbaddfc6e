"""docs/api.md lists every operation of the API, so a new endpoint cannot go undocumented."""

from __future__ import annotations

import re
from pathlib import Path

from nervepath.web.api.main import api

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def operations() -> list[str]:
    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            found += [f"`{method} {path}`" for op in path_view.operations for method in op.methods]
    return found


def test_it_documents_every_operation() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert len(operations()) >= 31
    assert [op for op in operations() if op not in text] == []


def test_it_documents_no_operation_that_does_not_exist() -> None:
    rows = re.findall(
        r"^\| (`(?:GET|POST|PUT|DELETE|PATCH) [^`]+`) \|", DOCS.read_text(encoding="utf-8"), re.M
    )
    assert len(rows) == len(set(rows)) == len(operations())
    assert sorted(set(rows) - set(operations())) == []
