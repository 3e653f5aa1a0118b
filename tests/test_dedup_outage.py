"""The dedup pipeline when the store cannot be read or has not caught up yet.

A lost connection must not cost articles: the pipeline decides from the run's memory,
counts it, and reads the store again once it answers. The real PostgreSQL server is
stopped and started under it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

import psycopg
import pytest

from newscrawl.demo.server import request_counts
from newscrawl.pipelines.dedup import (
    DECIDED_WITHOUT_STORE,
    DedupPipeline,
    SeenArticles,
    check_duplicate,
)
from newscrawl.pipelines.store import StorePipeline
from newscrawl.store.reader import StoreReader, StoreUnavailable
from newscrawl.store.sqlite import ArticleStore
from tests.servers import PostgresServer
from tests.test_crash_safety import TOTAL
from tests.test_crawl import PROJECT_ROOT
from tests.test_store import restart_proof_crawler

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

LONG_BODY = " ".join(
    f"paragraph{n % 9} of the agency story, line {n}" for n in range(80)
)


def article(url: str, body: str = "A short body.") -> dict[str, Any]:
    return {"url": url, "canonical_url": url, "headline": "Headline", "body": body}


@pytest.fixture
def postgres() -> Iterator[tuple[PostgresServer, str]]:
    server = PostgresServer()
    server.start()
    try:
        yield server, server.create_database()
    finally:
        server.remove()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_database_restart_costs_no_article(
    postgres: tuple[PostgresServer, str],
) -> None:
    server, url = postgres
    with ArticleStore(url) as store:
        store.upsert(article("https://agency.example/old", LONG_BODY))
        store.commit()
    crawler = restart_proof_crawler(url)
    dedup, storage = (
        DedupPipeline.from_crawler(crawler),
        StorePipeline.from_crawler(crawler),
    )
    dedup.open_spider()
    storage.open_spider()
    reader = dedup.seen.store
    assert isinstance(reader, StoreReader)
    reader.retry_every = 0.0  # try the server again at the next article
    try:
        storage.process_item(dedup.process_item(article("https://e.example/before")))
        storage.flush()
        server.stop()
        # Before this change the lookup raised here and the article was lost, and
        # every later one too, on the dead connection.
        during = dedup.process_item(article("https://e.example/during"))
        assert crawler.stats.get_value(DECIDED_WITHOUT_STORE) == 1
        storage.process_item(during)
        server.start()
        copy = dedup.process_item(article("https://copy.example/1", LONG_BODY))
        assert copy["duplicate_of"] == "https://agency.example/old"
        assert crawler.stats.get_value(DECIDED_WITHOUT_STORE) == 1
        storage.process_item(copy)
    finally:
        storage.close_spider()
        dedup.close_spider()
    with ArticleStore(url) as store:
        assert store.count() == 4
        stored_copy = store.get("https://copy.example/1")
        assert stored_copy is not None
        assert stored_copy["duplicate_of"] == "https://agency.example/old"


def test_an_unreachable_store_is_tried_again_only_after_the_interval(
    postgres: tuple[PostgresServer, str],
) -> None:
    server, url = postgres
    clock = Clock()
    reader = StoreReader(url, retry_every=5.0, clock=clock)
    try:
        server.stop()
        with pytest.raises(StoreUnavailable):
            reader.version("https://e.example/1")
        server.start()
        clock.now = 4.0
        # Up again, but not asked before the interval is over.
        with pytest.raises(StoreUnavailable, match="next attempt"):
            reader.version("https://e.example/1")
        clock.now = 5.5
        assert reader.version("https://e.example/1") is None
    finally:
        reader.close()


def test_the_reader_leaves_no_transaction_open(
    postgres: tuple[PostgresServer, str],
) -> None:
    _, url = postgres
    reader = StoreReader(url)
    try:
        assert reader.version("https://e.example/1") is None
        with psycopg.connect(url, autocommit=True) as other:
            idle = other.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database()"
                " AND state = 'idle in transaction'"
            ).fetchone()
        assert idle == (0,)
    finally:
        reader.close()


def _hand_on(seen: SeenArticles, count: int, prefix: str) -> list[str]:
    urls = [f"https://{prefix}.example/{n}" for n in range(count)]
    for n, url in enumerate(urls):
        check_duplicate(seen, url, f"{prefix}{n}", None)
    return urls


def test_memory_keeps_what_the_store_has_not_committed(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    writer = ArticleStore(path)
    seen = SeenArticles(StoreReader(str(path)), None, window=2)
    try:
        first = _hand_on(seen, 6, "a")
        # Nothing committed: every article stays in memory, past the window.
        assert all(seen.seen_in_run(url) for url in first)
        assert check_duplicate(seen, "https://b.example/0", "a0", None).duplicate_of
        for n, url in enumerate(first):
            writer.upsert({"canonical_url": url, "body": "x", "fingerprint": f"a{n}"})
        writer.commit()
        _hand_on(seen, 1, "c")
        assert not seen.seen_in_run(first[0])
        # What piled up while the store lagged goes once the store has it too.
        writer.upsert({"canonical_url": "https://b.example/0", "fingerprint": "a0"})
        writer.upsert({"canonical_url": "https://c.example/0", "fingerprint": "c0"})
        writer.commit()
        _hand_on(seen, 2, "d")
        assert sum(len(part.urls) for part in seen._parts) <= 2 * 2
    finally:
        seen.close()
        writer.close()


def test_a_stored_row_with_an_older_body_does_not_count_as_committed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite"
    writer = ArticleStore(path)
    urls = [f"https://a.example/{n}" for n in range(3)]
    for url in urls:
        writer.upsert({"canonical_url": url, "body": "old", "fingerprint": "old"})
    writer.commit()
    seen = SeenArticles(StoreReader(str(path)), None, window=2)
    try:
        # Updates of stored articles, not written yet: the old rows say nothing.
        for n, url in enumerate(urls):
            check_duplicate(seen, url, f"new{n}", None)
        check_duplicate(seen, "https://b.example/0", "b0", None)
        assert seen.seen_in_run(urls[0])
    finally:
        seen.close()
        writer.close()


def test_a_crawl_survives_a_database_restart(
    postgres: tuple[PostgresServer, str], demo_sites: dict[str, str], tmp_path: Path
) -> None:
    """The whole crawl of the demo sites, PostgreSQL restarted while it runs.

    Before the dedup pipeline read through StoreReader, this run stored 5 of the 20
    articles and exited with 1.
    """
    server, url = postgres
    for base in demo_sites.values():
        request_counts(base, reset=True)
    log = tmp_path / "crawl.log"
    crawl = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", "generic",
         "-a", f"urls={' '.join(demo_sites.values())}",
         "-s", f"NEWSCRAWL_DATABASE_URL={url}",
         "-s", "DOWNLOAD_DELAY=0.3",
         "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", f"LOG_FILE={log}"],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and crawl.poll() is None:
            served = sum(
                sum(request_counts(base).values()) for base in demo_sites.values()
            )
            if served >= 15:  # some articles in, most still to come
                break
            time.sleep(0.1)
        assert crawl.poll() is None, "the crawl ended before the restart"
        server.stop()
        time.sleep(2)
        server.start()
        assert crawl.wait(timeout=240) == 0, log.read_text()[-3000:]
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.wait()
    with ArticleStore(url) as store:
        assert store.count() == TOTAL
    assert "The store answers lookups again" in log.read_text()
