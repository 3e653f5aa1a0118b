"""A host's robots.txt ``Crawl-delay`` as the least time between requests to it.

Scrapy reads the directive (``RobotParser.crawl_delay``, the ``robots_parsed``
signal) but does not act on it (scrapy/scrapy#892). A news crawl that obeys
robots.txt's Disallow lines should also keep the pace a site asks for: here the
delay becomes the host's download slot delay, one request at a time, without
jitter (Scrapy's ±50 % would halve it). It is kept in the downloader's per-slot
settings as well, because Scrapy drops idle slots and makes new ones from those.

AutoThrottle sets every slot's delay from latencies, down to ``DOWNLOAD_DELAY``,
and would undo that; :class:`FlooredAutoThrottle` keeps a slot's delay at or above
the one its per-slot settings name (a ``Crawl-delay``, or ``DOWNLOAD_SLOTS``).

A site asking for more than ``NEWSCRAWL_MAX_CRAWL_DELAY`` seconds gets that many,
with a warning: an hour between requests is a refusal, not a pace.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.extensions.throttle import AutoThrottle

from newscrawl import defaults

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class RobotsCrawlDelay:
    """Apply each host's ``Crawl-delay`` to its download slot."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not (
            settings.getbool("ROBOTSTXT_OBEY")
            and settings.getbool(
                "NEWSCRAWL_OBEY_CRAWL_DELAY", defaults.NEWSCRAWL_OBEY_CRAWL_DELAY
            )
        ):
            raise NotConfigured
        self.crawler = crawler
        self.max_delay = settings.getfloat(
            "NEWSCRAWL_MAX_CRAWL_DELAY", defaults.NEWSCRAWL_MAX_CRAWL_DELAY
        )
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get(
            "USER_AGENT"
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.robots_parsed, signal=signals.robots_parsed)
        return extension

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        asked = robotparser.crawl_delay(self.user_agent)
        if not asked or asked <= 0:
            return
        delay = min(asked, self.max_delay)
        assert self.crawler.engine is not None  # noqa: S101  (signals come from it)
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        pace = {"delay": delay, "concurrency": 1, "jitter": 0.0}
        downloader.per_slot_settings[key] = {
            **downloader.per_slot_settings.get(key, {}),
            **pace,
        }
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, delay)
            slot.concurrency = 1
            slot.jitter = 0.0
        stats = self.crawler.stats
        assert stats is not None  # noqa: S101
        stats.inc_value("newscrawl/robotstxt/crawl_delay_hosts")
        stats.max_value("newscrawl/robotstxt/crawl_delay_max", delay)
        if asked > delay:
            logger.warning(
                "robots.txt of %s asks for %g s between requests; using %g s"
                " (NEWSCRAWL_MAX_CRAWL_DELAY)",
                key,
                asked,
                delay,
            )
        else:
            logger.info("robots.txt of %s asks for %g s between requests", key, delay)


class FlooredAutoThrottle(AutoThrottle):
    """AutoThrottle that keeps a slot's delay at or above its per-slot setting."""

    def _response_downloaded(
        self, response: Response, request: Request, spider: Spider
    ) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        if key is None or slot is None:
            return
        assert self.crawler.engine is not None  # noqa: S101
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get(
            "delay"
        )
        if floor is not None and slot.delay < floor:
            slot.delay = float(floor)
