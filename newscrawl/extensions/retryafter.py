"""A server's ``Retry-After`` as a pause of its host's downloads.

Scrapy retries a 429 (too many requests) or a 503 at once and does not read the
``Retry-After`` header that says when to come back (scrapy/scrapy#3849), so the
retries meet the same refusal and the page is lost for the run. Here the host of such
an answer gets no new download until that time: its download slot is held, the
retries wait with its other requests, and the other hosts go on. A 429 without the
header pauses the host for ``NEWSCRAWL_RATE_LIMIT_PAUSE``; a wish longer than
``NEWSCRAWL_MAX_RETRY_AFTER`` is held that long, with a warning.

The hold sets the slot's ``lastseen`` (when its last download started) ahead, as
Scrapy's downloader waits ``delay`` (give or take its ``jitter``) after it;
``tests/test_retry_after.py`` notices if Scrapy's slots change.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

_ASKING = frozenset({HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.SERVICE_UNAVAILABLE})
# Scrapy's downloader only waits on a slot with a delay; a held slot gets this much.
_LEAST_DELAY = 0.001


def http_date(text: str) -> datetime | None:
    """Read an HTTP-date (``Wed, 21 Oct 2026 07:28:00 GMT``); None if it is none."""
    try:
        when = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None


def retry_after_seconds(value: str, server_now: datetime | None = None) -> float | None:
    """Read a ``Retry-After`` value, delay-seconds or an HTTP-date; None if unreadable.

    A date counts from ``server_now`` (the answer's ``Date``) where given, so the
    two clocks need not agree. A date in the past asks for no wait.
    """
    text = value.strip()
    if text.isdigit():
        return float(text)
    when = http_date(text)
    if when is None:
        return None
    return max(0.0, (when - (server_now or datetime.now(UTC))).total_seconds())


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class RetryAfter:
    """Hold the download slot of a host that asked to be left alone for a while."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_wait = settings.getfloat(
            "NEWSCRAWL_MAX_RETRY_AFTER", defaults.NEWSCRAWL_MAX_RETRY_AFTER
        )
        self.rate_limit_pause = settings.getfloat(
            "NEWSCRAWL_RATE_LIMIT_PAUSE", defaults.NEWSCRAWL_RATE_LIMIT_PAUSE
        )
        if self.max_wait <= 0 and self.rate_limit_pause <= 0:
            raise NotConfigured

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(
            extension.response_downloaded, signal=signals.response_downloaded
        )
        return extension

    def response_downloaded(
        self, response: Response, request: Request, spider: Spider
    ) -> None:
        if response.status not in _ASKING:
            return
        wait = self._wait(response)
        if not wait:
            return
        engine = self.crawler.engine
        assert engine is not None  # noqa: S101  (the signal comes from its downloader)
        downloader = engine.downloader
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return
        slot.delay = max(slot.delay, _LEAST_DELAY)
        # The wait after lastseen is the delay give or take its jitter: the least of it.
        least_delay = slot.delay * max(0.0, 1 - slot.jitter)
        slot.lastseen = max(slot.lastseen, time.monotonic() + wait - least_delay)
        stats = self.crawler.stats
        assert stats is not None  # noqa: S101
        stats.inc_value("newscrawl/retry_after/holds")
        stats.max_value("newscrawl/retry_after/max_seconds", wait)
        logger.info(
            "%s answered %d: no request to it for %.0f s", key, response.status, wait
        )

    def _wait(self, response: Response) -> float:
        """Seconds the answer asks to wait, within the limits; 0 for none."""
        asked = _header(response, b"Retry-After")
        if asked is None:
            if response.status == HTTPStatus.TOO_MANY_REQUESTS:
                return max(0.0, self.rate_limit_pause)
            return 0.0
        date = _header(response, b"Date")
        seconds = retry_after_seconds(asked, http_date(date) if date else None)
        if seconds is None or self.max_wait <= 0:
            return 0.0
        if seconds > self.max_wait:
            logger.warning(
                "%s asks to wait %.0f s before the next request; waiting %.0f s"
                " (NEWSCRAWL_MAX_RETRY_AFTER)",
                response.url,
                seconds,
                self.max_wait,
            )
            return self.max_wait
        return seconds
