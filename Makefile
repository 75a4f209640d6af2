# Every target builds its own virtual environment: nothing relies on what was installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test lint bench docs eval-extract eval-copies eval-stories clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.core: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.core

demo: $(VENV)/.core
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storywire --db $(DEMO_DB) demo

test: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks

$(VENV)/.bench: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,datasketch]'
	touch $@ $(VENV)/.dev $(VENV)/.core

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/bench_ingest.py --output benchmarks/report.md
	$(BIN)/python benchmarks/bench_copies.py --output benchmarks/copies-report.md
	$(BIN)/python benchmarks/bench_stories.py --output benchmarks/stories-report.md

docs: $(VENV)/.dev
	$(BIN)/python -m storywire.docs > docs/cli.md

eval-extract: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.readability ../shared/data/readability-pages

eval-copies: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.copies ../shared/data --split test

eval-stories: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.stories ../shared/data --no-dates

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
