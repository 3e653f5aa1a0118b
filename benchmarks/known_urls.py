"""Cost of the incremental crawl's known-URL set: load time, memory and lookup time.

``python benchmarks/known_urls.py [rows ...]`` builds a throwaway store per size under a
temporary directory, loads it with ``KnownArticles.load`` as a spider does at open, and
prints the figures. The fetched ``url`` differs from ``canonical_url`` in every row here,
the worst case (two URLs per article); usually they are the same.

The rows are spread over :data:`SITES` hosts, as in one store shared by a site spider per
publisher. The first line of a size loads every row (the generic and warc spiders), the
second one site's rows (``hosts=``, a site spider), both in the same run. A third line
gives the memory of the in-run set a re-run fills as it skips every stored URL its
sources list (``IncrementalCrawl._skipped_known``), against a set of their hashes.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.store.known import KnownArticles
from newscrawl.store.sqlite import ArticleStore
from newscrawl.urlhashes import UrlHashes

if TYPE_CHECKING:
    from collections.abc import Callable

SITES = 30
_INSERT_SQL = (
    "INSERT INTO articles (canonical_url, url, published, fingerprint, first_seen,"
    " last_updated) VALUES (?, ?, ?, ?, ?, ?)"
)


def host(site: int) -> str:
    return f"www.example-news-site-{site}.com"


def build(path: Path, rows: int) -> list[str]:
    now = datetime.now(UTC)
    records = []
    for i in range(rows):
        url = (
            f"https://{host(i % SITES)}/economy/2026/11/{i % 28 + 1:02d}/"
            f"a-fairly-typical-article-slug-number-{i}"
        )
        stamp = (now - timedelta(hours=i % 2000)).isoformat()
        records.append((url, f"{url}?ref=rss", stamp, "x", stamp, stamp))
    ArticleStore(path).close()  # creates the table as a crawl would
    with sqlite3.connect(path) as connection:
        connection.executemany(_INSERT_SQL, records)
    return [record[0] for record in records]


def load(path: Path, hosts: list[str]) -> tuple[KnownArticles, float, int]:
    """Load the store: what is known, the seconds it took and the bytes it holds."""
    started = time.perf_counter()
    known = KnownArticles.load(path, refresh_days=2, hosts=hosts)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    held = KnownArticles.load(path, refresh_days=2, hosts=hosts)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return known, seconds, size


def measure(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "known.sqlite"
        urls = build(path, rows)
        for label, hosts, expected in (
            ("every site", [], urls),
            ("one site", [host(0).removeprefix("www.")], urls[::SITES]),
        ):
            known, load_s, size = load(path, hosts)
            started = time.perf_counter()
            hits = sum(known.is_known(url) for url in expected)
            lookup_ns = (time.perf_counter() - started) / len(expected) * 1e9
            if hits != len(expected) or len(known) != 2 * len(expected):
                raise RuntimeError(f"{label}: {len(known)} URLs, {hits} found")
            print(
                f"{rows:>8} articles, {label:>10}: {len(known):>8} URLs, "
                f"load {load_s:.2f} s, {size / 1e6:.1f} MB held "
                f"({size / rows * 100_000 / 1e6:.1f} MB per 100k stored articles), "
                f"lookup {lookup_ns:.0f} ns"
            )
        skipped, as_set = (
            traced(lambda: _fill(UrlHashes(), urls)),
            traced(lambda: {hash(url) for url in urls}),
        )
        print(
            f"{rows:>8} articles, skipped in a re-run: {skipped / 1e6:.1f} MB as"
            f" UrlHashes, {as_set / 1e6:.1f} MB as a set of hashes"
        )


def _fill(hashes: UrlHashes, urls: list[str]) -> UrlHashes:
    for url in urls:
        hashes.add(url)
    return hashes


def traced(build: Callable[[], object]) -> int:
    """Bytes held by what ``build`` returns."""
    tracemalloc.start()
    held = build()
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return size


if __name__ == "__main__":
    for rows in [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]:
        measure(rows)
