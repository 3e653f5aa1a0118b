"""Sources filed by date: one sitemap per day or month, read back to the crawl's ``since``."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
import pytest_twisted
from scrapy.utils.test import get_crawler

from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.datedsources import DatedSource, dated_sitemap
from newscrawl.spiders.elpais_com import ElpaisComSpider
from newscrawl.spiders.sources import Source, feed
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

MONTHLY = dated_sitemap(
    "https://news.example/sitemaps/{YYYY}/{MM}/sitemap.xml",
    every="month",
    first=date(2001, 3, 1),
)
DAILY = dated_sitemap(
    "https://news.example/map?date={YYYY}-{MM}-{DD}",
    every="day",
    first=date(2001, 3, 1),
)


def _months(newest: date, oldest: date) -> list[str]:
    """Count the months from ``newest``'s back to ``oldest``'s, as YYYY/MM, on their own."""
    first, last = (
        oldest.year * 12 + oldest.month - 1,
        newest.year * 12 + newest.month - 1,
    )
    return [f"{n // 12:04d}/{n % 12 + 1:02d}" for n in range(last, first - 1, -1)]


def _urls(sources: list[Source]) -> list[str]:
    return [source.url.removeprefix("https://news.example") for source in sources]


@pytest.mark.parametrize(
    ("source", "today", "since", "expected"),
    [
        # One a month, newest first, across the year's end.
        (
            MONTHLY,
            date(2026, 2, 10),
            date(2025, 11, 20),
            [
                f"/sitemaps/{month}/sitemap.xml"
                for month in ("2026/02", "2026/01", "2025/12", "2025/11")
            ],
        ),
        # One a day, across a leap day.
        (
            DAILY,
            date(2024, 3, 2),
            date(2024, 2, 28),
            [
                f"/map?date={day}"
                for day in ("2024-03-02", "2024-03-01", "2024-02-29", "2024-02-28")
            ],
        ),
    ],
)
def test_one_source_a_period_newest_first_back_to_since(source, today, since, expected):
    found = source.sources(today, since=since)
    assert _urls(found) == expected
    assert {one.kind for one in found} == {"sitemap"}


def test_nothing_without_since_and_nothing_before_the_sites_first():
    assert MONTHLY.sources(date(2026, 2, 10), since=None) == []
    found = MONTHLY.sources(date(2001, 5, 3), since=date(1990, 1, 1))
    assert _urls(found)[-1] == "/sitemaps/2001/03/sitemap.xml"
    assert len(found) == 3


@pytest.mark.parametrize(
    ("template", "every"),
    [
        ("https://news.example/sitemaps/{YYYY}/sitemap.xml", "month"),
        ("https://news.example/map?date={YYYY}-{MM}", "day"),
    ],
)
def test_a_template_without_its_periods_fields_is_refused(template, every):
    with pytest.raises(ValueError, match="needs"):
        DatedSource("sitemap", template, every, date(2001, 1, 1))


def test_el_pais_reads_its_monthly_archive_back_to_since():
    base = "http://127.0.0.1:8123"
    plain = get_crawler(ElpaisComSpider)._create_spider(base_url=base)
    assert not any("/sitemaps/" in source.url for source in plain.start_sources())
    since = datetime.now(UTC) - timedelta(days=40)
    spider = get_crawler(ElpaisComSpider)._create_spider(
        base_url=base, since=since.isoformat()
    )
    today = datetime.now(ZoneInfo("Europe/Madrid")).date()
    expected = [
        f"{base}/sitemaps/{month}/sitemap_0.xml"
        for month in _months(today, since.astimezone(spider.tz).date())
    ]
    sitemaps = [s.url for s in spider.start_sources() if "/sitemaps/" in s.url]
    assert sitemaps == expected
    assert len(sitemaps) in {2, 3}


_sitemap_path = re.compile(r"/sitemaps/(\d{4})/(\d{2})/sitemap\.xml$")


class _Archive(PageHandler):
    """A site whose archive has one sitemap a month, each listing that month's story."""

    def do_GET(self) -> None:
        host = f"http://{self.headers['Host']}"
        month = _sitemap_path.search(self.path)
        if month is not None:
            year, number = month.groups()
            entry = (
                f"<url><loc>{host}/{year}-{number}/harbour-story</loc>"
                f"<lastmod>{year}-{number}-01T12:00:00+00:00</lastmod></url>"
            )
            self.send_page(
                '<?xml version="1.0"?><urlset'
                ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{entry}</urlset>",
                "application/xml",
            )
        elif self.path.endswith("/harbour-story"):
            day = self.path[1:8] + "-01"
            words = " ".join(
                f"The harbour board met again on item {n}." for n in range(50)
            )
            self.send_page(
                f'<html lang="en"><head><title>Harbour news {day}</title>'
                f'<meta property="article:published_time" content="{day}T12:00:00+00:00">'
                f"</head><body><article><h1>Harbour news of {day}</h1><p>{words}</p>"
                "</article></body></html>"
            )
        elif self.path == "/rss.xml":
            self.send_page(
                '<rss version="2.0"><channel></channel></rss>', "application/xml"
            )
        else:
            self.send_page("<html><body><h1>A harbour town paper</h1></body></html>")


class ArchiveSpider(NewsSpider):
    name = "dated_archive_test"
    allowed_domains = ("news.example",)
    sources = (feed("https://news.example/rss.xml"), MONTHLY)
    article_url_allow = (r"/\d{4}-\d{2}/[\w-]+$",)


@pytest_twisted.ensureDeferred
async def test_a_crawl_with_since_reads_the_months_back_to_it(tmp_path: Path):
    today = datetime.now(UTC).date()
    two_back = (today.replace(day=1) - timedelta(days=40)).replace(day=1)
    with serving(_Archive) as base:
        _, items = await run_crawl(
            crawl_settings(tmp_path),
            ArchiveSpider,
            base_url=base,
            since=two_back.isoformat(),
        )
    months = sorted(item.url.removeprefix(base)[1:8] for item in items)
    expected = sorted(month.replace("/", "-") for month in _months(today, two_back))
    assert months == expected
    assert len(months) == 3
