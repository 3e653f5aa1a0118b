# Each target creates or reuses .venv, so a fresh clone needs only Python 3.11 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SHARED ?= ../shared
# scrapyd runs from a virtualenv of its own, as in production: the test suite deploys the
# project's egg into it (tests/test_scrapyd.py).
SCRAPYD_VENV := .venv-scrapyd
SCRAPYD_STAMP := $(SCRAPYD_VENV)/.installed-$(shell cat deploy/scrapyd-requirements.txt | cksum | cut -d' ' -f1)

.PHONY: demo test bench bench-neardup bench-memory bench-distributed bench-warc lint clean scrapyd-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint,bench,deploy,distributed]'
	rm -f $(VENV)/.installed-*
	touch $@

$(SCRAPYD_STAMP): deploy/scrapyd-requirements.txt
	test -x $(SCRAPYD_VENV)/bin/python || $(PYTHON) -m venv $(SCRAPYD_VENV)
	$(SCRAPYD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SCRAPYD_VENV)/bin/python -m pip install --quiet -r deploy/scrapyd-requirements.txt
	rm -f $(SCRAPYD_VENV)/.installed-*
	touch $@

scrapyd-venv: $(SCRAPYD_STAMP)

demo: $(STAMP)
	$(BIN)/python -m newscrawl.demo

test: $(STAMP) $(SCRAPYD_STAMP)
	NEWSCRAWL_SCRAPYD_VENV=$(SCRAPYD_VENV) $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_scorers.py --shared $(SHARED)

# Near-duplicate precision/recall, chance candidates, and per-item cost at 10k and 100k
# stored articles on varied and templated text, with the band index in the store's
# tables and in memory (20-30 min on a shared 2-core machine).
bench-neardup: $(STAMP)
	$(BIN)/python benchmarks/near_duplicates.py

# Resident memory and pages/s over a 50,000-page crawl of a generated local site (~25 min).
bench-memory: $(STAMP)
	$(BIN)/python benchmarks/long_crawl.py

# Pages/s with one and two workers on a scrapy-redis frontier (needs redis-server, ~2 min).
bench-distributed: $(STAMP)
	$(BIN)/python benchmarks/distributed.py

# Pages/s of the warc spider on a generated WARC file, against extract_article alone (~1 min).
bench-warc: $(STAMP)
	$(BIN)/python benchmarks/warc_throughput.py

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests benchmarks
	$(BIN)/ruff format --check newscrawl tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(SCRAPYD_VENV) data .pytest_cache .mypy_cache .ruff_cache
