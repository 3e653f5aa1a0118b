"""Sitemaps get the protocol's 50 MiB, not the page size limit; over their own, they fail.

The local site names two sitemaps in robots.txt, each over the test's page limit
(``DOWNLOAD_MAXSIZE``) once unpacked: a plain one, and a gzip'd one that is small as
sent. Each lists one article that nothing else links to.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest
import pytest_twisted

from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PAGE_LIMIT = 100_000
SITEMAP_SIZE = 3 * PAGE_LIMIT
ARTICLES = {
    "/big.xml": "/2024/05/07/harbour-ferry-timetable-changes-for-summer",
    "/big.xml.gz": "/2024/05/08/library-extends-opening-hours-on-weekdays",
}


def sitemap(host: str, path: str) -> bytes:
    entry = f"<url><loc>{host}{path}</loc></url>"
    head = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    padding = " " * (SITEMAP_SIZE - len(head) - len(entry) - len("</urlset>"))
    return f"{head}{padding}{entry}</urlset>".encode()


class _Site(PageHandler):
    def do_GET(self) -> None:
        host = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            names = "".join(f"Sitemap: {host}{name}\n" for name in ARTICLES)
            self.send_page(f"User-agent: *\nAllow: /\n{names}", "text/plain")
        elif self.path == "/big.xml":
            self.send_page(sitemap(host, ARTICLES[self.path]), "application/xml")
        elif self.path == "/big.xml.gz":
            body = gzip.compress(sitemap(host, ARTICLES[self.path]))
            self.send_page(body, "application/x-gzip")
        elif self.path == "/huge.html":
            words = " ".join(
                f"Item {n} of a very long page." for n in range(SITEMAP_SIZE // 25)
            )
            self.send_page(
                f"<html><body><h1>Everything</h1><p>{words}</p></body></html>"
            )
        elif self.path in ARTICLES.values():
            words = " ".join(f"the council met again on day {n}." for n in range(60))
            self.send_page(
                f"<html><head><title>{self.path}</title></head><body><article>"
                f"<h1>Town news {self.path[-12:]}</h1><p>{words}</p></article></body></html>"
            )
        else:
            self.send_page("<html><body><h1>A small town paper</h1></body></html>")


@pytest.fixture
def site() -> Iterator[str]:
    with serving(_Site) as base:
        yield base


@pytest_twisted.ensureDeferred
async def test_sitemaps_larger_than_a_page_are_read(site: str, tmp_path: Path) -> None:
    crawler, items = await run_crawl(
        crawl_settings(tmp_path, DOWNLOAD_MAXSIZE=PAGE_LIMIT), url=f"{site}/"
    )
    assert sorted(item.url.removeprefix(site) for item in items) == sorted(
        ARTICLES.values()
    )
    assert crawler.stats.get_value("newscrawl/sources/sitemap/failed") is None


@pytest_twisted.ensureDeferred
async def test_a_sitemap_over_its_own_limit_is_a_failed_source(
    site: str, tmp_path: Path
) -> None:
    crawler, items = await run_crawl(
        crawl_settings(
            tmp_path,
            DOWNLOAD_MAXSIZE=PAGE_LIMIT,
            NEWSCRAWL_SITEMAP_MAXSIZE=2 * PAGE_LIMIT,
        ),
        url=f"{site}/",
    )
    assert items == []
    # The plain one cut off as it downloads, the gzip'd one as it is unpacked.
    assert crawler.stats.get_value("newscrawl/sources/sitemap/failed") == 2
    assert crawler.stats.get_value("finish_reason") == "finished"


@pytest_twisted.ensureDeferred
async def test_a_start_url_may_be_a_large_sitemap_but_not_a_large_page(
    site: str, tmp_path: Path
) -> None:
    # /big.xml is asked for once, as the start URL it is (robots.txt names it too).
    crawler, items = await run_crawl(
        crawl_settings(tmp_path, DOWNLOAD_MAXSIZE=PAGE_LIMIT),
        urls=f"{site}/big.xml {site}/huge.html",
    )
    assert sorted(item.url.removeprefix(site) for item in items) == sorted(
        ARTICLES.values()
    )
    assert crawler.stats.get_value("newscrawl/skipped/too_large") == 1
    assert crawler.stats.get_value("newscrawl/sources/sitemap/failed") is None
