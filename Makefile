# Each target creates or reuses .venv, so a fresh clone needs only Python 3.11 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SHARED ?= ../shared

.PHONY: demo test bench bench-neardup lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint,bench]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: $(STAMP)
	$(BIN)/python -m newscrawl.demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_scorers.py --shared $(SHARED)

# Near-duplicate precision/recall and per-item cost at 10k and 100k stored articles (~3 min).
bench-neardup: $(STAMP)
	$(BIN)/python benchmarks/near_duplicates.py

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests benchmarks
	$(BIN)/ruff format --check newscrawl tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
