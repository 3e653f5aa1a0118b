"""``extract_article`` over every page of the shared benchmarks: never an error, always an Article.

The benchmarks live outside the repository (``<project root>/../shared/benchmarks``); without
them the tests skip. Nothing from them is copied here: the pages are read in place.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest

from newscrawl.extraction import extract_article
from newscrawl.items import Article

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
pytestmark = pytest.mark.skipif(
    not BENCHMARKS.is_dir(), reason=f"benchmark pages not found at {BENCHMARKS}"
)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _jsonl(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _pages(name: str) -> list[tuple[Path, str]]:
    """(file, url) of every page of one benchmark set."""
    folder = BENCHMARKS / name
    if name == "article-extraction":
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        found = []
        for item_id, entry in sorted(truth.items()):
            path = folder / "html" / f"{item_id}.html.gz"
            if not path.exists():
                path = folder / "html" / f"{item_id}.html"
            found.append((path, entry.get("url") or ""))
        return found
    index = "labels.jsonl" if name == "metadata" else "expected.jsonl"
    return [
        (folder / row["file"], row.get("url") or "") for row in _jsonl(folder / index)
    ]


@pytest.mark.parametrize("name", ["article-extraction", "metadata", "publishers"])
def test_every_page_gives_an_article(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    pages = _pages(name)
    assert pages, f"no pages listed in {name}"
    caplog.set_level(logging.DEBUG, logger="newscrawl.extraction")
    for path, url in pages:
        raw = _read(path)
        for html in (raw, raw.decode("utf-8", errors="replace")):
            article = extract_article(html, url)
            assert isinstance(article, Article), path.name
            assert article.url == url
    # extract_article swallows errors by contract; its debug log tells that it had to.
    failures = sorted(
        {r.getMessage() for r in caplog.records if "failed" in r.getMessage()}
    )
    assert not failures, failures[:10]
