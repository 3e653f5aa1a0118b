"""A robots.txt ``Crawl-delay`` sets the pace of a crawl, AutoThrottle or not.

And a host held to a slow pace does not hold up the others.
"""

from __future__ import annotations

import itertools
import logging
import time
from typing import TYPE_CHECKING, Any

import pytest
import pytest_twisted
import scrapy

from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

    from scrapy.http import Response

ARTICLES = tuple(
    f"/2024/05/0{day}/ferry-timetable-news-number-{day}" for day in (1, 2, 3)
)
# What the test allows the crawl: the site asks for far more.
PACE = 0.4


class _PacedSite(PageHandler):
    arrivals: list[tuple[float, str]]

    def do_GET(self) -> None:
        self.arrivals.append((time.monotonic(), self.path))
        if self.path == "/robots.txt":
            self.send_page(
                "User-agent: *\nCrawl-delay: 30\nDisallow: /private/\n", "text/plain"
            )
        elif self.path == "/":
            links = "".join(f'<a href="{path}">story</a> ' for path in ARTICLES)
            self.send_page(f"<html><body>{links}</body></html>")
        elif self.path in ARTICLES:
            words = " ".join(
                f"the ferry left the harbour at {n} o'clock." for n in range(50)
            )
            self.send_page(
                f"<html><head><title>Ferry</title></head><body><article>"
                f"<h1>Ferry news {self.path[-1]}</h1><p>{words}</p></article></body></html>"
            )
        else:
            self.send_error(404)


@pytest.fixture
def paced_site() -> Iterator[tuple[str, list[tuple[float, str]]]]:
    arrivals: list[tuple[float, str]] = []
    with serving(type("Handler", (_PacedSite,), {"arrivals": arrivals})) as base:
        yield base, arrivals


@pytest.mark.parametrize("autothrottle", [True, False])
@pytest_twisted.ensureDeferred
async def test_requests_keep_the_crawl_delay(
    paced_site: tuple[str, list[tuple[float, str]]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    autothrottle: bool,
) -> None:
    base, arrivals = paced_site
    settings = crawl_settings(
        tmp_path,
        NEWSCRAWL_MAX_CRAWL_DELAY=PACE,
        AUTOTHROTTLE_ENABLED=autothrottle,
        # Without the floor, AutoThrottle would soon go below this on a local server.
        AUTOTHROTTLE_START_DELAY=0.05,
        CONCURRENT_REQUESTS_PER_DOMAIN=8,
    )
    with caplog.at_level(logging.WARNING, logger="newscrawl.extensions.crawldelay"):
        crawler, items = await run_crawl(settings, url=f"{base}/")
    assert sorted(item.url.removeprefix(base) for item in items) == sorted(ARTICLES)
    after_robots = [at for at, path in arrivals if path != "/robots.txt"]
    assert len(after_robots) >= len(ARTICLES) + 1
    gaps = [later - earlier for earlier, later in itertools.pairwise(after_robots)]
    # Timers fire a little early or late; the pace is what matters.
    assert min(gaps) >= PACE * 0.9, gaps
    assert crawler.stats.get_value("newscrawl/robotstxt/crawl_delay_max") == PACE
    assert "asks for 30 s between requests; using 0.4 s" in caplog.text


@pytest_twisted.ensureDeferred
async def test_crawl_delay_can_be_ignored(
    paced_site: tuple[str, list[tuple[float, str]]], tmp_path: Path
) -> None:
    base, arrivals = paced_site
    settings = crawl_settings(tmp_path, NEWSCRAWL_OBEY_CRAWL_DELAY=False)
    crawler, items = await run_crawl(settings, url=f"{base}/")
    assert len(items) == len(ARTICLES)
    assert crawler.stats.get_value("newscrawl/robotstxt/crawl_delay_max") is None
    started = [at for at, path in arrivals if path in ARTICLES]
    # Requested together, with no pause between them.
    assert max(started) - min(started) < PACE


class _Plain(PageHandler):
    def do_GET(self) -> None:
        self.send_page("<html><body><p>A page.</p></body></html>")


class _TwoPaces(scrapy.Spider):
    """As many requests for a paced download slot as for a free one, interleaved."""

    name = "two_paces"

    def __init__(self, base: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.answered: list[str] = []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for number in range(24):
            for slot in ("paced", "free"):
                yield scrapy.Request(
                    f"{self.base}/{slot}/{number}",
                    meta={"download_slot": slot},
                    dont_filter=True,
                )

    def parse(self, response: Response) -> None:
        self.answered.append(response.meta["download_slot"])


@pytest_twisted.ensureDeferred
async def test_a_paced_host_does_not_hold_up_the_others(tmp_path: Path) -> None:
    # Scrapy's default queue hands out requests by priority alone, so those for the
    # paced slot fill CONCURRENT_REQUESTS while they wait, and the free one waits too.
    settings = crawl_settings(
        tmp_path,
        ROBOTSTXT_OBEY=False,
        DOWNLOAD_SLOTS={"paced": {"delay": PACE / 2, "concurrency": 1}},
    )
    with serving(_Plain) as base:
        crawler, _ = await run_crawl(settings, spidercls=_TwoPaces, base=base)
    spider = crawler.spider
    assert isinstance(spider, _TwoPaces)
    answered = spider.answered
    assert answered.count("free") == answered.count("paced") == 24
    last_free = len(answered) - answered[::-1].index("free")
    assert answered[:last_free].count("paced") <= 2, answered
