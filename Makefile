# The same commands locally and in CI (.ci/run runs `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= newsgraph.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint types unit eval bench bench-scale samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: analyse the bundled sample articles into $(DB), print a summary, then serve them
run: install
	$(BIN)/newsgraph ingest --samples --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)
	$(BIN)/newsgraph serve --db $(DB) --host $(HOST) --port $(PORT)

## test: lint, types, tests and the eval gate
test: lint types unit eval

lint: install
	$(BIN)/ruff check src tests eval bench scripts
	$(BIN)/ruff format --check src tests eval bench scripts

types: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

eval: install
	$(BIN)/python eval/run.py

bench: install
	$(BIN)/python bench/bench.py

## bench-scale: ingest on Ray with 1 and 2 workers against one process, and a CC-NEWS estimate
bench-scale: install
	$(BIN)/python bench/bench_scale.py

## samples: rebuild the sample crawl WARC from the sample HTML pages
samples: install
	$(BIN)/python scripts/make_sample_warc.py

clean:
	rm -rf $(VENV) newsgraph-export .pytest_cache .mypy_cache .ruff_cache
