"""Data mutants: change one number of the clinical core's data files at a time and see if a test fails.

The numbers that drive renal.py, mme.py, trials.py, scoring.py, response.py and adequacy.py live in
YAML, where mutmut does not look. This script makes one edit at a time, in a TEMPORARY COPY of src/,
tests/ and docs/ (the shared tree is never written), runs the relevant tests against the copy and counts
a mutant killed when a test fails. It prints the kill rate per data file and every survivor.

The edits (see ``mutants()``):
- data/clinical/renal.yaml: each band's lower edge +1 / -1, its maximum x2 / x0.5, its factor x0.5 and
  x2 (capped at 1, no reduction), its ``proportional_below`` +1 / -1;
- data/clinical/drugs.yaml: ``mme_factor``, ``effective_min_daily_mg``, ``max_daily_mg`` x2 / x0.5;
  ``adequate_trial_weeks``, ``weeks_at_max_for_adequate`` +1 / -1;
- data/instruments/*.yaml: every cut point between two bands moved by +1 / -1 (both sides of the cut,
  so the bands still cover the range), every flag's ``at_least`` +1 / -1, the weights of two scored
  items swapped where they differ (the range stays the same);
- data/outcomes/rules.yaml: the response thresholds and the window numbers +1 / -1.
An edit the data's own validation refuses counts as killed (a data file that does not load fails every
test) and is reported as such.

Usage: python tools/mutation/data_mutants.py [--only renal|drugs|instruments|outcomes] [--budget SECONDS]
Each mutant runs in a forked child of one process (pytest in-process, stopped at the first failure), so
no interpreter start is paid per mutant; the work is one core at a time. A mutant first meets the
focused tests of the numbers (``QUICK_TESTS``); one that survives them meets the whole test folders of its
group (``TESTS_BY_GROUP``) before it is called a survivor.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import itertools
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = Path("src/nervepath/data")

# Two rounds per mutant: the focused tests of the clinical core's numbers first (most mutants die there in
# seconds); only a mutant that survives them is run against the whole of the relevant test folders.
QUICK_TESTS = {
    "renal": [
        "tests/clinical/test_number_edges.py",
        "tests/clinical/test_renal_and_mme.py",
        "tests/clinical/test_trials_adequacy.py",
        "tests/outcomes/test_adequacy.py",
    ],
    "drugs": [
        "tests/clinical/test_number_edges.py",
        "tests/clinical/test_renal_and_mme.py",
        "tests/clinical/test_trials_adequacy.py",
        "tests/outcomes/test_adequacy.py",
        "tests/outcomes/test_trials.py",
    ],
    "instruments": [
        "tests/instruments/test_scoring_edges.py",
        "tests/instruments/test_scoring.py",
        "tests/instruments/test_every_instrument.py",
    ],
    "outcomes": [
        "tests/outcomes/test_number_edges.py",
        "tests/outcomes/test_statistics.py",
        "tests/outcomes/test_trials.py",
    ],
}
TESTS_BY_GROUP = {
    "renal": ["tests/clinical", "tests/outcomes"],
    "drugs": ["tests/clinical", "tests/outcomes"],
    "instruments": ["tests/instruments", "tests/outcomes"],
    "outcomes": ["tests/outcomes"],
}
PER_MUTANT_TIMEOUT = 600
# Imported once in the parent so that each forked child starts with them loaded (never nervepath: the
# children must read the mutated data, and test modules build their parameters from it at import).
PRELOAD = ["pydantic", "yaml", "django", "rich"]


@dataclass(frozen=True)
class Mutant:
    group: str
    file: str  # relative to the data folder
    where: str  # a readable key path
    spans: tuple[tuple[int, int, str], ...]  # (start, end, replacement) in the file's text

    @property
    def name(self) -> str:
        return f"{self.file}: {self.where}"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 6))


def _number(node: yaml.Node) -> float | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    ):
        return None
    return float(node.value)


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _span(node: yaml.Node, new: float) -> tuple[int, int, str]:
    return (node.start_mark.index, node.end_mark.index, _fmt(new))


def _changes(kind: str, value: float) -> list[tuple[str, float]]:
    if kind == "edge":
        return [("+1", value + 1), ("-1", value - 1)]
    if kind == "scale":
        return [("x2", value * 2), ("x0.5", value / 2)]
    if kind == "factor":
        return [("x0.5", value / 2), ("x2 (at most 1)", min(value * 2, 1.0))]
    raise ValueError(kind)


def _field_mutants(
    group: str, file: str, prefix: str, mapping: yaml.MappingNode, kinds: dict[str, str]
) -> Iterator[Mutant]:
    for key, kind in kinds.items():
        node = _get(mapping, key)
        value = _number(node) if node is not None else None
        if node is None or value is None:
            continue
        for label, new in _changes(kind, value):
            if new != value:
                yield Mutant(
                    group, file, f"{prefix}.{key} {_fmt(value)} -> {_fmt(new)} ({label})", (_span(node, new),)
                )


def renal_mutants(text: str) -> Iterator[Mutant]:
    kinds = {"from_ml_min": "edge", "max_daily_mg": "scale", "factor": "factor", "proportional_below": "edge"}
    for table in yaml.compose(text).value:
        drug = _get(table, "drug").value
        for i, band in enumerate(_get(table, "bands").value):
            yield from _field_mutants("renal", "clinical/renal.yaml", f"{drug} band {i + 1}", band, kinds)


def drug_mutants(text: str) -> Iterator[Mutant]:
    kinds = {
        "mme_factor": "scale",
        "effective_min_daily_mg": "scale",
        "max_daily_mg": "scale",
        "adequate_trial_weeks": "edge",
        "weeks_at_max_for_adequate": "edge",
    }
    for drug in yaml.compose(text).value:
        yield from _field_mutants("drugs", "clinical/drugs.yaml", _get(drug, "id").value, drug, kinds)


def instrument_mutants(file: str, text: str) -> Iterator[Mutant]:
    root = yaml.compose(text)
    bands = _get(root, "bands")
    rows = bands.value if bands is not None else []
    for below, above in itertools.pairwise(rows):
        top, bottom = _get(below, "max"), _get(above, "min")
        cut = f"cut {_get(below, 'id').value}/{_get(above, 'id').value} at {top.value}|{bottom.value}"
        for step in (1, -1):
            spans = (_span(top, int(top.value) + step), _span(bottom, int(bottom.value) + step))
            yield Mutant("instruments", file, f"{cut} moved {step:+d}", spans)
    for flag in (_get(root, "flags") or yaml.SequenceNode("", [])).value:
        yield from _field_mutants(
            "instruments", file, f"flag {_get(flag, 'id').value}", flag, {"at_least": "edge"}
        )
    items = [i for i in _get(root, "items").value if _get(i, "weight") is not None]
    seen: set[tuple[str, str]] = set()
    for a, b in itertools.pairwise(items):
        wa, wb = _get(a, "weight"), _get(b, "weight")
        if wa.value != wb.value and (wa.value, wb.value) not in seen:
            seen.add((wa.value, wb.value))
            first, second = _get(a, "id").value, _get(b, "id").value
            where = f"weights of {first} ({wa.value}) and {second} ({wb.value}) swapped"
            spans = (_span(wa, float(wb.value)), _span(wb, float(wa.value)))
            yield Mutant("instruments", file, where, spans)


def outcome_mutants(text: str) -> Iterator[Mutant]:
    root = yaml.compose(text)
    for section, keys in {
        "response": ["moderate_reduction_pct", "substantial_reduction_pct"],
        "windows": ["window_days", "min_days_with_entries"],
    }.items():
        yield from _field_mutants(
            "outcomes", "outcomes/rules.yaml", section, _get(root, section), dict.fromkeys(keys, "edge")
        )


def mutants(data: Path) -> list[Mutant]:
    """Every data mutant, in a fixed order."""
    found = list(renal_mutants((data / "clinical/renal.yaml").read_text(encoding="utf-8")))
    found += drug_mutants((data / "clinical/drugs.yaml").read_text(encoding="utf-8"))
    for file in sorted((data / "instruments").glob("*.yaml")):
        found += instrument_mutants(f"instruments/{file.name}", file.read_text(encoding="utf-8"))
    found += outcome_mutants((data / "outcomes/rules.yaml").read_text(encoding="utf-8"))
    return found


def apply(text: str, mutant: Mutant) -> str:
    for start, end, new in sorted(mutant.spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _copy_tree(tree: Path, target: Path) -> None:
    for part in ("src", "tests", "docs"):
        shutil.copytree(tree / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(tree / "pyproject.toml", target / "pyproject.toml")


def _run_child(args: list[str], log: Path) -> int:
    """Fork; the child runs pytest in-process on the current copy and exits with its status (its output
    goes to ``log``)."""
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 99
        try:
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(out, 1)
            os.dup2(out, 2)
            signal.alarm(PER_MUTANT_TIMEOUT)
            import pytest

            code = int(pytest.main(args))
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _pytest_args(paths: list[str], copy: Path) -> list[str]:
    present = [p for p in paths if (copy / p).exists()]
    return [*present, "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "--no-cov"]


def _run_mutant(group: str, copy: Path, log: Path) -> int:
    code = _run_child(_pytest_args(QUICK_TESTS[group], copy), log)
    if code in (0, 5):  # survived the focused tests (or none ran): the whole folders decide
        code = _run_child(_pytest_args(TESTS_BY_GROUP[group], copy), log)
    return code


def run(tree: Path, only: str | None, match: str | None, budget: float, say: Callable[[str], None]) -> int:
    with tempfile.TemporaryDirectory(prefix="nervepath-data-mutants-") as tmp:
        copy = Path(tmp)
        _copy_tree(tree, copy)
        os.chdir(copy)
        sys.path.insert(0, str(copy / "src"))
        for module in PRELOAD:
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
        data = copy / DATA
        todo = [m for m in mutants(data) if _selected(m, only, match)]
        say(f"data mutants: {len(todo)} in a copy at {copy}")
        groups = sorted({m.group for m in todo})
        log = copy / "pytest.log"
        for group in groups:
            if _run_child(_pytest_args(TESTS_BY_GROUP[group], copy), log):
                say(f"the {group} tests fail on the unchanged data: nothing measured")
                say(log.read_text(encoding="utf-8")[-3000:])
                return 2
        start = time.monotonic()
        results: list[tuple[Mutant, str]] = []
        for mutant in todo:
            if time.monotonic() - start > budget:
                say(f"time budget of {budget:.0f} s spent: {len(todo) - len(results)} mutants not run")
                break
            path = data / mutant.file
            original = path.read_text(encoding="utf-8")
            changed = apply(original, mutant)
            path.write_text(changed, encoding="utf-8")
            try:
                code = _run_mutant(mutant.group, copy, log)
            finally:
                path.write_text(original, encoding="utf-8")
            results.append((mutant, _verdict(code)))
            say(f"  [{len(results)}/{len(todo)}] {_verdict(code)}: {mutant.name}")
        return _report(results, say)


def _selected(mutant: Mutant, only: str | None, match: str | None) -> bool:
    in_group = only is None or mutant.group == only
    return in_group and (match is None or re.search(match, mutant.name) is not None)


def _verdict(code: int) -> str:
    if code in (0, 5):  # passed, or no test ran
        return "survived"
    return "killed" if code == 1 else "killed (the data no longer loads or a test errored)"


def _report(results: list[tuple[Mutant, str]], say: Callable[[str], None]) -> int:
    say("")
    say(f"{'data file':34} {'killed':>7} {'total':>6} {'rate':>7}")
    files = sorted({m.file for m, _ in results})
    for file in files:
        rows = [v for m, v in results if m.file == file]
        killed = sum(v.startswith("killed") for v in rows)
        say(f"{file:34} {killed:7} {len(rows):6} {killed / len(rows):7.1%}")
    killed = sum(v.startswith("killed") for _, v in results)
    total = len(results)
    say(f"{'all data':34} {killed:7} {total:6} {killed / max(total, 1):7.1%}")
    loading = sum(v != "killed" and v.startswith("killed") for _, v in results)
    if loading:
        say(f"  of the killed, {loading} by the data no longer loading or a test erroring")
    survivors = [m for m, v in results if v == "survived"]
    if survivors:
        say("")
        say("surviving data mutants:")
        for m in survivors:
            say(f"  {m.name}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(TESTS_BY_GROUP), help="one group of data files")
    parser.add_argument("--budget", type=float, default=3600, help="stop starting mutants after this many s")
    parser.add_argument("--match", help="only the mutants whose name matches this regular expression")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree to copy (default: this one)")
    args = parser.parse_args()
    # Stopped (make interrupted, a time limit): leave through the normal exit, so the copy is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.list:
        for m in mutants(args.tree / DATA):
            if _selected(m, args.only, args.match):
                print(m.name)
        return 0
    return run(args.tree.resolve(), args.only, args.match, args.budget, lambda line: print(line, flush=True))


if __name__ == "__main__":
    sys.exit(main())
