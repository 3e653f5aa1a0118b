"""The end of a distributed crawl, and the work a killed worker took with it.

scrapy-redis shares the request queue and the seen-set between workers, but a request a
worker has popped lives only in that worker's memory: if the worker is killed, the
request is gone from the queue and still marked seen, so nobody fetches it again. And a
worker whose queue runs dry would close while another one is still about to push the
links of the page it is reading.

The seen-set records every request it admits (:mod:`newscrawl.distributed.dupefilter`).
:class:`SharedFrontier` records which of them settled: a feed, sitemap or listing once
its callback has yielded its links and they are on record as admitted
(:class:`SourceSettlement`), or its download failed; an article once its page turned
out to be no article, its item was dropped, its download failed, or the store has it. Each worker
announces itself with a heartbeat key that expires when the worker dies. A worker that
goes idle stays open while another live worker is busy; when all are idle, the requests
admitted but never settled are the ones dead workers took, and are queued once more
(each at most once per crawl).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from typing import TYPE_CHECKING, Any, cast

import redis
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from newscrawl import defaults
from newscrawl.distributed.connection import redis_params
from newscrawl.distributed.dupefilter import REQUEUED, request_spec
from newscrawl.distributed.keys import CrawlKeys
from newscrawl.extensions.outcome import STORAGE_ERRORS
from newscrawl.signals import article_settled, store_flush
from newscrawl.spiders.incremental import IncrementalCrawl
from newscrawl.store.connection import LOST_CONNECTION
from newscrawl.store.known import KnownArticles
from newscrawl.store.target import store_target
from newscrawl.urls import requested_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

BUSY, IDLE = "busy", "idle"


def unsettled(
    requested: Mapping[str, str], settled: Iterable[str], stored: KnownArticles
) -> list[tuple[str, dict[str, Any]]]:
    """Admitted requests that never settled, as ``(url, spec)``, sorted by URL.

    An article whose item reached the store counts as settled.
    """
    done = set(settled)
    missing = []
    for url in sorted(set(requested) - done):
        spec = json.loads(requested[url])
        if spec.get("callback") == "parse_article" and stored.is_known(url):
            continue
        missing.append((url, spec))
    return missing


class SharedFrontier:
    def __init__(self, crawler: Crawler, server: redis.Redis, keys: CrawlKeys) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        settings = crawler.settings
        self.ttl = settings.getfloat(
            "NEWSCRAWL_WORKER_TTL", defaults.NEWSCRAWL_WORKER_TTL
        )
        self.store_path = store_target(settings)
        self.store_retry_seconds = settings.getfloat(
            "NEWSCRAWL_STORE_RETRY_SECONDS", defaults.NEWSCRAWL_STORE_RETRY_SECONDS
        )
        self._store_down_since: float | None = None
        self._state = BUSY
        self._beat = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            raise NotConfigured("NEWSCRAWL_REDIS_URL is not set")
        spider = crawler.spidercls.name
        keys = CrawlKeys.of(spider, crawler.settings["NEWSCRAWL_CRAWL_ID"])
        # The parameters scrapy-redis's clients get (the add-on set REDIS_PARAMS).
        server = redis.Redis.from_url(
            url, **{**redis_params(crawler.settings), "decode_responses": True}
        )
        extension = cls(crawler, server, keys)
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=signals.spider_opened)
        connect(extension.spider_closed, signal=signals.spider_closed)
        connect(extension.spider_idle, signal=signals.spider_idle)
        connect(extension.request_scheduled, signal=signals.request_scheduled)
        # Requests popped from the shared queue were scheduled by another worker.
        connect(extension.working, signal=signals.request_reached_downloader)
        connect(extension.item_dropped, signal=signals.item_dropped)
        connect(extension.settled, signal=article_settled)
        return extension

    @property
    def _worker_key(self) -> str:
        return f"{self.keys.workers}:{self.worker}"

    def beat(self) -> None:
        self.server.set(self._worker_key, self._state, px=int(self.ttl * 1000))

    def spider_opened(self, spider: Spider) -> None:
        self._beat.start(self.ttl / 4, now=True)
        logger.info("Distributed crawl %s as worker %s", self.keys.queue, self.worker)

    def spider_closed(self, spider: Spider) -> None:
        if self._beat.running:
            self._beat.stop()
        self.server.delete(self._worker_key)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        self._set_state(BUSY)

    def working(self) -> None:
        self._set_state(BUSY)

    def item_dropped(self, item: Any, response: Response, spider: Spider) -> None:
        if response.request is not None:
            self.settled(requested_url(response.request))

    def settled(self, url: str, links: Iterable[Request] = ()) -> None:
        """Settle the request for ``url``, once the requests it led to are on record.

        A source's requests reach the shared queue some time after its callback
        yields them (Scrapy hands callback output to ``CONCURRENT_ITEMS`` tasks), or
        after its errback returns them (the next sitemap to guess), so they are
        recorded as admitted first, in the same round trip: a worker killed before
        queueing one leaves it admitted and unsettled, and the sweep queues it.
        Recorded as the seen-set records them, so one it admits later is no different.
        """
        pipe = self.server.pipeline(transaction=False)
        for link in links:
            pipe.hsetnx(self.keys.requested, requested_url(link), request_spec(link))
        pipe.sadd(self.keys.settled, url)
        pipe.execute()

    def link_admitted(self, link: Request) -> None:
        """Put one request on record as admitted, as :meth:`settled` does."""
        self.server.hsetnx(self.keys.requested, requested_url(link), request_spec(link))

    def spider_idle(self, spider: Spider) -> None:
        # Committed first: a worker that says it is idle has its articles in the store.
        self.crawler.signals.send_catch_log(signal=store_flush)
        self._set_state(IDLE)
        if self._others_busy():
            raise DontCloseSpider
        try:
            requeued = self._sweep(spider)
        except LOST_CONNECTION as error:
            self._store_unreadable(error)
            return
        self._store_down_since = None
        if requeued:
            self._set_state(BUSY)
            logger.warning(
                "Re-queued %d requests that a stopped worker took but never finished",
                requeued,
            )
            raise DontCloseSpider

    def _store_unreadable(self, error: Exception) -> None:
        """Wait at the next idle for a store the sweep cannot read, for a while.

        Without the store the sweep cannot tell a stored article from a lost request;
        closing at once would leave those to the next run without a word. Past
        ``NEWSCRAWL_STORE_RETRY_SECONDS`` the worker closes, and the job fails.
        """
        now = time.monotonic()
        if self._store_down_since is None:
            self._store_down_since = now
        if now - self._store_down_since < self.store_retry_seconds:
            logger.warning(
                "Cannot read the store to find unfinished requests (%s); trying again",
                error,
            )
            raise DontCloseSpider
        logger.error(
            "Closing without the sweep: the store could not be read for %.0f s (%s)",
            now - self._store_down_since,
            error,
        )
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(STORAGE_ERRORS)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.beat()

    def _others_busy(self) -> bool:
        for key in self.server.scan_iter(match=f"{self.keys.workers}:*"):
            if key != self._worker_key and self.server.get(key) == BUSY:
                return True
        return False

    def _sweep(self, spider: Spider) -> int:
        requested = cast("dict[str, str]", self.server.hgetall(self.keys.requested))
        settled = cast("set[str]", self.server.smembers(self.keys.settled))
        if not set(requested) - settled:
            return 0
        # Only the spider's own hosts, as its start-up load (a shared store holds every site).
        hosts = spider.known_hosts() if isinstance(spider, IncrementalCrawl) else ()
        stored = KnownArticles.load(self.store_path, refresh_days=0, hosts=hosts)
        engine = self.crawler.engine
        count = 0
        for url, spec in unsettled(requested, settled, stored):
            # Once per crawl: a page that fails again settles through the errback.
            if engine is None or not self.server.sadd(self.keys.sweep, url):
                continue
            engine.crawl(rebuild(spider, url, spec))
            count += 1
        if count and self.crawler.stats is not None:
            self.crawler.stats.inc_value("newscrawl/distributed/requeued", count)
        return count


def rebuild(spider: Spider, url: str, spec: dict[str, Any]) -> Request:
    """Rebuild the request the seen-set admitted for ``url``, flagged to pass again."""
    callback, errback = spec.get("callback"), spec.get("errback")
    return Request(
        url,
        callback=getattr(spider, callback) if callback else None,
        errback=getattr(spider, errback) if errback else None,
        meta={**spec.get("meta", {}), REQUEUED: True},
    )


class SourceSettlement:
    """Spider middleware, outermost: settles a source once its callback is done.

    Settling a source when its response arrived (as the frontier once did) let a
    worker killed before the callback queued the links lose them: the source counted
    as done, and nobody queued its links again. Here the links a source's callback
    yields are collected on their way out and put on record with the settlement
    (:meth:`SharedFrontier.settled`). An article page settles itself (the spider,
    the store); the links of one that turns out to be a listing are put on record
    one by one as they pass, so before the page settles.
    """

    def __init__(self, frontier: SharedFrontier) -> None:
        self.frontier = frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        for extension in crawler.extensions.middlewares:
            if isinstance(extension, SharedFrontier):
                return cls(extension)
        raise NotConfigured("no SharedFrontier")

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        request = response.request
        if request is None:
            async for output in result:
                yield output
            return
        if is_article_request(request):
            async for output in result:
                if isinstance(output, Request):
                    self.frontier.link_admitted(output)
                yield output
            return
        links: list[Request] = []
        async for output in result:
            if isinstance(output, Request):
                links.append(output)
            yield output
        self.frontier.settled(requested_url(request), links)


def is_article_request(request: Request) -> bool:
    return getattr(request.callback, "__name__", None) == "parse_article"
