# Two commands: `make run` and `make test`. Both build .venv from nothing but python3.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test venv venv-test lint typecheck pytest bench clean

run: $(STAMP)
	$(BIN)/sapassist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

venv: $(STAMP)
venv-test: $(TSTAMP)

pytest: $(TSTAMP)
	$(BIN)/python -m pytest -q

lint: $(TSTAMP)
	$(BIN)/ruff check assistant tests benchmarks

typecheck: $(TSTAMP)
	$(BIN)/mypy

test: $(TSTAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/mypy

bench: $(TSTAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
