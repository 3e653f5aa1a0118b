"""A site that names its sitemap nowhere: the generic spider still finds it.

The local site has no robots.txt (404) and no ``/sitemap.xml`` or ``/sitemap_index.xml``,
only WordPress's ``/wp-sitemap.xml`` index; its home page links to no article. Each
article is reachable only through that sitemap.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest
import pytest_twisted

from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ARTICLES = (
    "/2024/05/07/harbour-ferry-timetable-changes-for-summer",
    "/2024/05/08/library-extends-opening-hours-on-weekdays",
)


class _WordPressSite(PageHandler):
    counts: Counter[str]

    def do_GET(self) -> None:
        self.counts[self.path] += 1
        host = f"http://{self.headers['Host']}"
        if self.path == "/wp-sitemap.xml":
            self.send_page(
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9"><sitemap><loc>'
                f"{host}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>",
                "application/xml",
            )
        elif self.path == "/wp-sitemap-posts-post-1.xml":
            urls = "".join(f"<url><loc>{host}{path}</loc></url>" for path in ARTICLES)
            self.send_page(
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9">{urls}</urlset>',
                "application/xml",
            )
        elif self.path == "/":
            self.send_page("<html><body><h1>A small town paper</h1></body></html>")
        elif self.path in ARTICLES:
            words = " ".join(f"the council met again on day {n}." for n in range(60))
            self.send_page(
                f"<html><head><title>{self.path}</title></head><body><article>"
                f"<h1>Town news {self.path[-12:]}</h1><p>{words}</p></article></body></html>"
            )
        else:
            self.send_error(404)


@pytest.fixture
def wordpress_site() -> Iterator[tuple[str, Counter[str]]]:
    counts: Counter[str] = Counter()
    with serving(type("Handler", (_WordPressSite,), {"counts": counts})) as base:
        yield base, counts


@pytest_twisted.ensureDeferred
async def test_sitemap_found_without_robots_txt(
    wordpress_site: tuple[str, Counter[str]], tmp_path: Path
) -> None:
    base, counts = wordpress_site
    crawler, items = await run_crawl(crawl_settings(tmp_path), url=f"{base}/")
    assert sorted(item.url.removeprefix(base) for item in items) == list(ARTICLES)
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/sources/robots/missing"] == 1
    assert stats["newscrawl/sources/sitemap/guessed"] == 3
    assert stats["newscrawl/sources/sitemap/guessed_missing"] == 2
    # Neither a missing robots.txt nor a missing guess is a failed source.
    assert not any(key.endswith("/failed") for key in stats)
    # Each place is asked once, robots.txt included (the spider reuses the fetch of
    # Scrapy's robots.txt middleware).
    assert set(counts.values()) == {1}
    assert {"/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml"} <= set(counts)
