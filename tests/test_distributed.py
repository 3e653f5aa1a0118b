"""Distributed mode: two worker processes on one scrapy-redis frontier and one store.

Real servers on 127.0.0.1: redis-server for the frontier, PostgreSQL for the store. The
workers crawl the demo sites, whose server counts every request.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import uuid
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
import redis
from scrapy import Request, Spider
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawl.demo.server import request_counts
from newscrawl.distributed.frontier import SharedFrontier, SourceSettlement
from newscrawl.distributed.keys import CrawlKeys
from newscrawl.extensions.outcome import STORAGE_ERRORS
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.sources import feed
from newscrawl.store.sqlite import ArticleStore
from tests.conftest import REPO_ROOT
from tests.servers import RedisServer, free_port
from tests.test_crawl import EXPECTED_ARTICLES

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

TOTAL = sum(EXPECTED_ARTICLES.values())
_scraped_pattern = re.compile(r"'item_scraped_count': (\d+)")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server.url
    finally:
        server.stop()


def _worker(
    demo_sites: dict[str, str], redis_url: str, crawl: str, db: str, log: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic",
        "-a", f"urls={' '.join(demo_sites.values())}",
        "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
        "-s", f"NEWSCRAWL_CRAWL_ID={crawl}",
        "-s", "NEWSCRAWL_WORKER_TTL=3",
        "-s", f"NEWSCRAWL_DATABASE_URL={db}",
        "-s", "DOWNLOAD_DELAY=0.3",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", f"LOG_FILE={log}",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _rows(db: str) -> list[str]:
    with psycopg.connect(db) as connection:
        if connection.execute("SELECT to_regclass('articles')").fetchone() == (None,):
            return []
        return [r[0] for r in connection.execute("SELECT canonical_url FROM articles")]


def _reset(demo_sites: dict[str, str]) -> None:
    for base in demo_sites.values():
        request_counts(base, reset=True)


def _served(demo_sites: dict[str, str]) -> int:
    return sum(sum(request_counts(base).values()) for base in demo_sites.values())


def _fetched_twice(demo_sites: dict[str, str]) -> dict[str, int]:
    # Every worker reads robots.txt for itself, as politeness asks.
    return {
        f"{base}{path.lstrip('/')}": count
        for base in demo_sites.values()
        for path, count in request_counts(base).items()
        if count > 1 and path != "/robots.txt"
    }


def _trouble(logs: list[Path]) -> str:
    """Return the lines of the workers' logs that say why a job failed."""
    return "\n".join(
        f"{log.name}: {line}"
        for log in logs
        if log.is_file()
        for line in log.read_text().splitlines()
        if " ERROR: " in line or "Job outcome" in line or "Traceback" in line
    )


def test_two_workers_share_the_work_and_fetch_nothing_twice(
    demo_sites: dict[str, str], redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    _reset(demo_sites)
    crawl, db = uuid.uuid4().hex, postgres_url
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    workers = [_worker(demo_sites, redis_url, crawl, db, log) for log in logs]
    assert [w.wait(timeout=180) for w in workers] == [0, 0], _trouble(logs)
    rows = _rows(db)
    assert len(rows) == len(set(rows)) == TOTAL
    assert _fetched_twice(demo_sites) == {}
    scraped = [
        int(m.group(1))
        for log in logs
        for m in _scraped_pattern.finditer(log.read_text())
    ]
    assert len(scraped) == 2
    assert all(n > 0 for n in scraped), scraped
    assert sum(scraped) == TOTAL


def test_killing_a_worker_loses_no_article(
    demo_sites: dict[str, str], redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    _reset(demo_sites)
    crawl, db = uuid.uuid4().hex, postgres_url
    # The victim starts alone and takes the first requests; killed once it has fetched
    # some articles, it leaves popped requests and an uncommitted batch behind.
    victim = _worker(demo_sites, redis_url, crawl, db, tmp_path / "w2.log")
    deadline = time.monotonic() + 120
    while _served(demo_sites) < 15 and time.monotonic() < deadline:
        time.sleep(0.1)
    survivor = _worker(demo_sites, redis_url, crawl, db, tmp_path / "w1.log")
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert survivor.wait(timeout=180) == 0, _trouble([tmp_path / "w1.log"])
    rows = _rows(db)
    assert len(rows) == len(set(rows)) == TOTAL
    # What the victim had taken from the shared queue, the survivor ran again.
    assert "Re-queued" in (tmp_path / "w1.log").read_text()


def test_a_redis_restart_loses_no_article(
    demo_sites: dict[str, str], postgres_url: str, tmp_path: Path
) -> None:
    """Redis goes away for two seconds mid-crawl and comes back with its data.

    With redis-py's own retries (about two seconds) this run lost one article of 20,
    logged unhandled errors and still ended "ok"; the worker now waits for Redis.
    """
    _reset(demo_sites)
    server = RedisServer(tmp_path, persistent=True)
    log = tmp_path / "w.log"
    try:
        worker = _worker(demo_sites, server.url, uuid.uuid4().hex, postgres_url, log)
        deadline = time.monotonic() + 60
        while _served(demo_sites) < 15 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert worker.poll() is None, "the crawl ended before the restart"
        server.restart(pause=2)
        assert worker.wait(timeout=240) == 0, _trouble([log])
    finally:
        server.stop()
    rows = _rows(postgres_url)
    assert len(rows) == len(set(rows)) == TOTAL
    assert "Job outcome: ok" in log.read_text()


def test_the_sweep_waits_for_an_unreadable_store_then_fails_the_job(
    redis_url: str,
) -> None:
    """Idle with requests nobody settled, and no store to tell which were stored."""
    crawl = uuid.uuid4().hex

    class Idle(Spider):
        name = "idle"

    crawler = get_crawler(
        Idle,
        {
            "NEWSCRAWL_REDIS_URL": redis_url,
            "NEWSCRAWL_CRAWL_ID": crawl,
            # Nothing listens there: every connection is refused at once.
            "NEWSCRAWL_DATABASE_URL": f"postgresql://newscrawl@127.0.0.1:{free_port()}/x",
            "NEWSCRAWL_STORE_RETRY_SECONDS": 0.5,
        },
    )
    crawler.stats = StatsCollector(crawler)
    frontier = SharedFrontier.from_crawler(crawler)
    keys = CrawlKeys.of(Idle.name, crawl)
    server = redis.Redis.from_url(redis_url, decode_responses=True)
    server.hset(keys.requested, "https://e.example/a", '{"callback": "parse_article"}')
    spider = Idle()
    # Before, the sweep's error was logged by the signal and the worker closed: "ok".
    with pytest.raises(DontCloseSpider):
        frontier.spider_idle(spider)
    time.sleep(0.6)
    frontier.spider_idle(spider)
    assert crawler.stats.get_value(STORAGE_ERRORS) == 1


class _Site(NewsSpider):
    name = "site_example"
    allowed_domains = ("site.example",)
    sources = (feed("https://site.example/rss.xml"),)


def test_the_sweep_reads_only_the_spiders_own_stored_articles(
    redis_url: str, tmp_path: Path, host_checks: list[str]
) -> None:
    """A store shared by every site: the sweep, like the start-up load, takes its hosts."""
    db = tmp_path / "shared.db"
    with ArticleStore(str(db)) as store:
        for url in ["https://site.example/stored"] + [
            f"https://other{i}.example/story" for i in range(20)
        ]:
            store.upsert({"url": url, "canonical_url": url})
        store.commit()
    crawl = uuid.uuid4().hex
    crawler = get_crawler(
        _Site,
        {
            "NEWSCRAWL_REDIS_URL": redis_url,
            "NEWSCRAWL_CRAWL_ID": crawl,
            "NEWSCRAWL_SQLITE_PATH": str(db),
        },
    )
    crawler.stats = StatsCollector(crawler)
    queued: list[Request] = []
    crawler.engine = SimpleNamespace(crawl=queued.append)  # type: ignore[assignment]
    frontier = SharedFrontier.from_crawler(crawler)
    server = redis.Redis.from_url(redis_url, decode_responses=True)
    keys = CrawlKeys.of(_Site.name, crawl)
    for url in ("https://site.example/stored", "https://site.example/lost"):
        server.hset(keys.requested, url, '{"callback": "parse_article"}')
    with pytest.raises(DontCloseSpider):
        frontier.spider_idle(crawler._create_spider())

    assert [request.url for request in queued] == ["https://site.example/lost"]
    assert host_checks == ["https://site.example/stored"]


class _Sources(Spider):
    name = "settling"

    def parse_listing(self, response: object) -> None: ...

    def parse_article(self, response: object) -> None: ...


_END = object()


def _step(outputs: Any) -> Any:
    """Advance an async generator whose awaits never suspend; _END when it is done."""
    try:
        outputs.__anext__().send(None)
    except StopIteration as done:
        return done.value
    except StopAsyncIteration:
        return _END
    raise AssertionError("the middleware waited on something")


def test_a_source_settles_only_once_its_links_are_on_record(redis_url: str) -> None:
    crawl = uuid.uuid4().hex
    crawler = get_crawler(
        _Sources, {"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_CRAWL_ID": crawl}
    )
    spider = crawler._create_spider()
    assert isinstance(spider, _Sources)
    frontier = SharedFrontier.from_crawler(crawler)
    middleware = SourceSettlement(frontier)
    keys = CrawlKeys.of("settling", crawl)
    server = redis.Redis.from_url(redis_url, decode_responses=True)
    links = [
        Request(f"https://a.example/2024/06/0{n}/story", callback=spider.parse_article)
        for n in (1, 2, 3)
    ]

    async def callback_output() -> AsyncIterator[Request]:
        for link in links:
            yield link

    source = Request("https://a.example/news/", callback=spider.parse_listing)
    outputs = middleware.process_spider_output(
        HtmlResponse(source.url, request=source), callback_output()
    )
    assert [_step(outputs), _step(outputs), _step(outputs)] == links
    # Yielded, not yet queued (a kill now would lose them): the source is not done.
    assert not server.sismember(keys.settled, source.url)
    assert _step(outputs) is _END
    assert server.sismember(keys.settled, source.url)
    requested = server.hgetall(keys.requested)
    assert {url: json.loads(spec)["callback"] for url, spec in requested.items()} == {
        link.url: "parse_article" for link in links
    }

    # A page fetched as an article that lists links settles itself (the spider sends
    # article_settled after its last link); each link is on record as it passes.
    server.delete(keys.requested)
    page = Request(links[0].url, callback=spider.parse_article)
    outputs = middleware.process_spider_output(
        HtmlResponse(page.url, request=page), callback_output()
    )
    assert _step(outputs) is links[0]
    assert server.hexists(keys.requested, links[0].url)
    assert not server.hexists(keys.requested, links[1].url)
    while _step(outputs) is not _END:
        pass
    assert len(server.hgetall(keys.requested)) == len(links)
    assert not server.sismember(keys.settled, page.url)


def test_a_failed_source_settles_with_the_next_guess_on_record(redis_url: str) -> None:
    # An errback's output passes no spider middleware: the spider itself hands the
    # next guessed sitemap to the frontier with the failed source's settlement.
    crawl = uuid.uuid4().hex
    settings = {"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_CRAWL_ID": crawl}
    crawler = get_crawler(GenericSpider, settings)
    spider = crawler._create_spider(url="https://a.example/")
    assert isinstance(spider, GenericSpider)
    SharedFrontier.from_crawler(crawler)
    keys = CrawlKeys.of(GenericSpider.name, crawl)
    server = redis.Redis.from_url(redis_url, decode_responses=True)
    robots = Request(
        "https://a.example/robots.txt", meta={"newscrawl_source": "robots"}
    )
    failure = Failure(HttpError(Response(robots.url, status=404, request=robots)))
    failure.request = robots  # type: ignore[attr-defined]

    [guess] = spider.source_failed(failure)

    assert server.sismember(keys.settled, robots.url)
    spec = json.loads(server.hget(keys.requested, guess.url) or "{}")
    assert (spec.get("callback"), spec.get("errback")) == (
        "parse_sitemap",
        "source_failed",
    )
