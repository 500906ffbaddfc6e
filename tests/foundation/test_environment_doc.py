"""docs/deploy.md's "Environment variables" table names every variable the code reads, and no other."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"
SOURCES = [*sorted((ROOT / "src" / "nervepath").rglob("*.py")), ROOT / "deploy" / "gunicorn.conf.py"]
ENV_EXAMPLE = ROOT / "deploy" / "nervepath.env.example"


def _is_os_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and _is_name(node.value, "os")


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _name_read(node: ast.AST) -> ast.expr | None:
    """The name argument of an environment read: os.environ[...], os.environ.get/setdefault/pop(...),
    os.getenv(...) or a settings helper env*(...) (envint, envbool, ...)."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_os_environ(node.value):
        return node.slice
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and _is_os_environ(func.value)
        and func.attr in {"get", "setdefault", "pop"}
    ):
        return node.args[0]
    if isinstance(func, ast.Attribute) and func.attr == "getenv" and _is_name(func.value, "os"):
        return node.args[0]
    if isinstance(func, ast.Name) and func.id.startswith("env"):
        return node.args[0]
    return None


@cache
def variables_read() -> dict[str, set[str]]:
    """Each variable read by the code, with the files that read it."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        if "env" not in source:
            continue
        tree = ast.parse(source, filename=str(path))
        # Only the helpers themselves (envint, envbool) read a variable whose name they were given.
        in_helpers = {
            id(node)
            for helper in ast.walk(tree)
            if isinstance(helper, ast.FunctionDef) and helper.name.startswith("env")
            for node in ast.walk(helper)
        }
        for node in ast.walk(tree):
            name = _name_read(node)
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.setdefault(name.value, set()).add(str(path.relative_to(ROOT)))
            elif name is not None and id(node) not in in_helpers:
                raise AssertionError(f"{path}:{name.lineno}: an environment variable named by an expression")
    return found


def documented() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("\n## Environment variables\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", section, re.M)


def test_it_finds_the_variables_the_code_reads() -> None:
    read = variables_read()
    assert {"DATABASE_URL", "NERVEPATH_SQLITE_TIMEOUT", "SECRET_KEY", "GUNICORN_WORKERS"} <= set(read)
    assert read["NERVEPATH_HOME"] == {"src/nervepath/web/settings.py", "src/nervepath/cli/web.py"}


def test_it_documents_every_variable_the_code_reads() -> None:
    missing = {name: files for name, files in variables_read().items() if name not in documented()}
    assert missing == {}, "add these to the table in docs/deploy.md, section 'Environment variables'"


def test_it_documents_no_variable_that_nothing_reads() -> None:
    rows = documented()
    assert len(rows) == len(set(rows))
    assert sorted(set(rows) - set(variables_read())) == []


def test_it_fills_in_only_documented_variables_in_the_production_example() -> None:
    example = re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M)
    assert sorted(set(example) - set(documented())) == []
