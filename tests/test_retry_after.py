"""A 429 or 503 answer's Retry-After pauses its host's downloads; the retry waits."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
import pytest_twisted
import scrapy

from newscrawl.extensions.retryafter import retry_after_seconds
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

    from scrapy.crawler import Crawler
    from scrapy.http import Response


def test_retry_after_values() -> None:
    noon = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(" 0 ") == 0
    assert retry_after_seconds("Sun, 29 Nov 2026 12:00:30 GMT", noon) == 30
    # Counted from the server's clock, and never below zero.
    assert retry_after_seconds("Sun, 29 Nov 2026 11:00:00 GMT", noon) == 0
    for unreadable in ("soon", "1.5", "-3", "", "29 Nov 2026"):
        assert retry_after_seconds(unreadable, noon) is None, unreadable


class _Limited(PageHandler):
    """Refuses the first request for each path with what ``refusal`` says."""

    refusal: ClassVar[tuple[int, dict[str, str]]]
    arrivals: ClassVar[dict[str, list[float]]]

    def do_GET(self) -> None:
        seen = self.arrivals.setdefault(self.path, [])
        seen.append(time.monotonic())
        if len(seen) > 1:
            self.send_page("<html><body><p>Here it is.</p></body></html>")
            return
        status, headers = self.refusal
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _OnePage(scrapy.Spider):
    name = "one_page"

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.answered = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.url)

    def parse(self, response: Response) -> None:
        self.answered += 1


async def _gap(
    tmp_path: Path, status: int, headers: dict[str, str], **settings: Any
) -> tuple[float, Crawler]:
    """Seconds between a refused request and its retry, and the crawler."""
    arrivals: dict[str, list[float]] = {}
    handler = type(
        "Handler", (_Limited,), {"refusal": (status, headers), "arrivals": arrivals}
    )
    with serving(handler) as base:
        crawler, _ = await run_crawl(
            crawl_settings(tmp_path, ROBOTSTXT_OBEY=False, **settings),
            spidercls=_OnePage,
            url=f"{base}/story",
        )
    spider = crawler.spider
    assert isinstance(spider, _OnePage)
    assert spider.answered == 1
    first, retry = arrivals["/story"]
    return retry - first, crawler


@pytest.mark.parametrize("politeness", ["none", "project defaults"])
@pytest_twisted.ensureDeferred
async def test_a_429_with_retry_after_holds_the_retry(
    tmp_path: Path, politeness: str
) -> None:
    # The project's DOWNLOAD_DELAY and AutoThrottle, or neither (the tests' default).
    pace = (
        {"DOWNLOAD_DELAY": 0.25, "AUTOTHROTTLE_ENABLED": True}
        if politeness == "project defaults"
        else {}
    )
    gap, crawler = await _gap(tmp_path, 429, {"Retry-After": "1"}, **pace)
    # Scrapy alone retries at once (a few milliseconds here).
    assert gap >= 0.9
    assert crawler.stats.get_value("newscrawl/retry_after/holds") == 1
    assert crawler.stats.get_value("newscrawl/retry_after/max_seconds") == 1


@pytest_twisted.ensureDeferred
async def test_a_503_with_a_retry_date_holds_until_then(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    headers = {
        "Date": format_datetime(now, usegmt=True),
        "Retry-After": format_datetime(now + timedelta(seconds=2), usegmt=True),
    }
    gap, _ = await _gap(tmp_path, 503, headers)
    # HTTP-dates are whole seconds: between one and two seconds from the 503.
    assert gap >= 0.9


@pytest_twisted.ensureDeferred
async def test_a_429_without_retry_after_pauses_for_a_while(tmp_path: Path) -> None:
    gap, _ = await _gap(tmp_path, 429, {}, NEWSCRAWL_RATE_LIMIT_PAUSE=0.6)
    assert gap >= 0.5


@pytest_twisted.ensureDeferred
async def test_a_wish_past_the_limit_is_held_to_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="newscrawl.extensions.retryafter"):
        gap, crawler = await _gap(
            tmp_path, 429, {"Retry-After": "3600"}, NEWSCRAWL_MAX_RETRY_AFTER=0.6
        )
    assert 0.5 <= gap < 30
    assert crawler.stats.get_value("newscrawl/retry_after/max_seconds") == 0.6
    assert "asks to wait 3600 s before the next request; waiting 1 s" in caplog.text
