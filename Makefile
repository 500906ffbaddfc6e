# The entry points. CI calls `make test`; a newcomer needs only `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint format bench docs clean

$(STAMP): pyproject.toml constraints.txt package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	# axe-core for the browser tests' accessibility checks; they skip with a reason without it.
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
	touch $(STAMP)

## run: set up, migrate the embedded database, create the demo clinic if empty, start the web app
run: $(STAMP)
	$(BIN)/nervepath serve

## test: set up and run the whole suite (lint, types, import contracts, tests)
test: $(STAMP) lint
	$(BIN)/pytest
	# The whole suite once more on PostgreSQL when CI (or you) name a server.
	if [ -n "$$NERVEPATH_TEST_DATABASE_URL" ]; then \
	  DATABASE_URL="$$NERVEPATH_TEST_DATABASE_URL" $(BIN)/pytest -q -p no:cacheprovider; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

docs: $(STAMP)
	$(BIN)/python -m nervepath.cli.reference > docs/cli.md
