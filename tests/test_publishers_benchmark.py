"""Every site parser on the real saved pages of ../shared/benchmarks/publishers.

The pages are not ours and never enter the repository: this test reads them, and the
benchmark's own scorer (``publishers_eval.score``), where ``shared/`` sits beside the
project, and skips with the path when it does not. Each field of each page must pass
the scorer's check: headline exact, publication time to the UTC minute (the day when
the page gives only a day), the author set, body token F1 >= 0.9.
"""

from __future__ import annotations

import gzip
import importlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extraction import extract_article

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "benchmarks" / "publishers"
ROWS = (
    [
        json.loads(line)
        for line in (BENCH / "expected.jsonl").read_text("utf-8").splitlines()
    ]
    if (BENCH / "expected.jsonl").is_file()
    else []
)


def _scorer() -> Any:
    sys.path.insert(0, str(SHARED / "bench"))
    try:
        return importlib.import_module("publishers_eval")
    finally:
        sys.path.pop(0)


@pytest.fixture(
    scope="module",
    params=ROWS or [None],
    ids=lambda row: row["id"] if row else "absent",
)
def scored(request) -> dict[str, Any]:
    row = request.param
    if row is None:
        pytest.skip(f"the publishers benchmark is not at {BENCH}")
    html = gzip.decompress((BENCH / row["file"]).read_bytes())
    crawled = datetime.fromisoformat(row["crawl_date"]).replace(tzinfo=UTC)
    article = extract_article(html, row["url"], fetched_at=crawled)
    output = {
        name: getattr(article, name)
        for name in ("headline", "published", "authors", "body")
    }
    record: dict[str, Any] = _scorer().score(row, output, None, 0.0)
    record["output"] = output
    return record


def test_headline(scored):
    assert scored["headline_ok"], scored["output"]["headline"]


def test_published(scored):
    assert scored["date_ok"], scored["output"]["published"]


def test_authors(scored):
    assert scored["authors_ok"], scored["output"]["authors"]


def test_body(scored):
    assert scored["body_f1"] >= 0.9
