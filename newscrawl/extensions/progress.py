"""Progress lines during a crawl, every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds.

Scrapy's LogStats reports pages and items per minute, once a minute; a news crawl
also wants to know how many article pages were parsed and how many records were
stored or dropped, and a short demo needs a shorter interval.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newscrawl import defaults
from newscrawl.extensions.summary import counts_under

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)


def format_progress(stats: Mapping[str, Any], elapsed: float) -> str:
    """One progress line from the stats dict, ``elapsed`` seconds into the crawl."""

    def count(key: str) -> int:
        value = stats.get(key, 0)
        return value if isinstance(value, int) else 0

    queued = count("scheduler/enqueued") - count("scheduler/dequeued")
    stored = sum(counts_under(stats, "newscrawl/stored").values())
    updated = sum(counts_under(stats, "newscrawl/updated").values())
    dropped = sum(counts_under(stats, "newscrawl/dropped").values())
    return (
        f"Progress {elapsed:.1f}s: {count('response_received_count')} pages fetched, "
        f"{count('newscrawl/articles/parsed')} articles parsed, {stored} stored, "
        f"{updated} updated, {dropped} dropped, {queued} queued"
    )


class CrawlProgress:
    """Log :func:`format_progress` periodically while the spider runs."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.task: AsyncioLoopingCall | LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat(
            "NEWSCRAWL_PROGRESS_INTERVAL", defaults.NEWSCRAWL_PROGRESS_INTERVAL
        )
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log_progress, spider)
        self.task.start(self.interval, now=False)

    def log_progress(self, spider: Spider) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        elapsed = time.monotonic() - self.started
        logger.info("%s", format_progress(stats, elapsed), extra={"spider": spider})

    def spider_closed(self, spider: Spider) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
