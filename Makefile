# The entry points. CI calls `make test`; a newcomer needs only `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP    := $(VENV)/.app-installed
DEV    := $(VENV)/.dev-installed
UV     := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

.PHONY: run test lint format bench docs clean mutate

# What the app needs at run time, and nothing more: `make run` waits only for this.
$(APP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# uv installs the same pinned packages as pip would, in a third of the time (parallel downloads), and
	# compiles them as pip does, so that no start reads the sources again.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt uv
	$(UV) -c constraints.txt -e .
	touch $@

# The test extras (pytest, linters, Playwright, ...) and axe-core for the browser tests' accessibility checks
# (they skip with a reason without npm).
$(DEV): $(APP) package-lock.json
	$(UV) -c constraints.txt -e ".[test]"
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
	touch $@

## run: set up, migrate the embedded database, create the demo clinic if empty, start the web app
run: $(APP)
	$(BIN)/nervepath serve

# Coverage floors of the core's decision logic, stricter than the total's `fail_under` in pyproject.toml
# (coverage.py has one floor per report; each package gets its own report here). Measured with their
# own tests alone: instruments 95.5 %, clinical 98.8 %, outcomes 99.0 %.
CORE_FLOORS := instruments:94 clinical:97 outcomes:97

# Test processes (pytest-xdist): one per core. Each has its own test database (pytest-django adds _gw0,
# _gw1 ... to its name) and its own browser; coverage.py combines their data. `TEST_WORKERS=0`: one process.
TEST_WORKERS ?= auto

## test: set up and run the whole suite (lint, types, import contracts, tests) with coverage floors
test: $(DEV) lint
	$(BIN)/pytest --cov -n $(TEST_WORKERS)
	for floor in $(CORE_FLOORS); do \
	  printf 'coverage of nervepath.%s: ' "$${floor%:*}"; \
	  $(BIN)/coverage report --include="*/nervepath/$${floor%:*}/*" --fail-under="$${floor#*:}" --format=total \
	    || exit 1; \
	done
	# Once more on PostgreSQL when CI (or you) name a server: the tests that can reach the database
	# (`-m database`, marked by tests/conftest.py). pytest-django refuses every other test a connection
	# (the few that start a program check its settings, terminal or files), so running them again would
	# repeat the SQLite run. The browser tests drive the same views that the client tests run here on
	# PostgreSQL, so they run once, on SQLite. About 1,550 of the 4,450 tests run there.
	if [ -n "$$NERVEPATH_TEST_DATABASE_URL" ]; then \
	  DATABASE_URL="$$NERVEPATH_TEST_DATABASE_URL" $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) -m "database and not e2e"; fi

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(DEV)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

## mutate: mutation testing of the clinical core, code (mutmut) and data numbers; kill rates (docs/mutation.md)
# One worker (the machine is shared); a fresh mutants/ each time (git-ignored), so no stale verdict is reused.
# The data mutants edit a temporary copy of src/, tests/ and docs/, never this tree.
mutate: $(DEV)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 1
	$(BIN)/python tools/mutation/code_report.py
	$(BIN)/python tools/mutation/data_mutants.py --budget $${MUTATE_DATA_BUDGET:-3600}

bench: $(DEV)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

docs: $(DEV)
	$(BIN)/python -m nervepath.cli.reference > docs/cli.md
