"""A site's robots.txt may name its sitemap on another host (sitemaps.org's cross-submission).

The generic spider reads such a sitemap, and the sitemaps of that host it lists, but
still fetches only the articles on the site itself. Two local servers stand for the
site and its sitemap host (127.0.0.1 on two ports).
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
    "/2025/04/01/new-cycle-lanes-open-along-the-river",
    "/2025/04/02/museum-extends-its-summer-opening-hours",
)
# Listed by the sitemap host's sitemap, but on the sitemap host: not the site's.
ELSEWHERE = "/2025/04/03/story-kept-on-the-sitemap-host"


class _Site(PageHandler):
    sitemap_host: str
    counts: Counter[str]

    def do_GET(self) -> None:
        self.counts[self.path] += 1
        if self.path == "/robots.txt":
            self.send_page(
                f"User-agent: *\nSitemap: {self.sitemap_host}/sitemap_index.xml\n",
                "text/plain",
            )
        elif self.path == "/":
            self.send_page("<html><body><h1>The Riverside Post</h1></body></html>")
        elif self.path in ARTICLES:
            words = " ".join(f"the river council met on day {n}." for n in range(60))
            self.send_page(
                "<html><head><title>Riverside</title></head><body><article>"
                f"<h1>Riverside {self.path[-20:]}</h1><p>{words}</p>"
                "</article></body></html>"
            )
        else:
            self.send_error(404)


class _SitemapHost(PageHandler):
    site: str
    counts: Counter[str]

    def do_GET(self) -> None:
        self.counts[self.path] += 1
        own = f"http://{self.headers['Host']}"
        if self.path == "/sitemap_index.xml":
            self.send_page(
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9"><sitemap><loc>{own}/news.xml</loc></sitemap>'
                "</sitemapindex>",
                "application/xml",
            )
        elif self.path == "/news.xml":
            urls = "".join(
                f"<url><loc>{url}</loc></url>"
                for url in (*(f"{self.site}{p}" for p in ARTICLES), f"{own}{ELSEWHERE}")
            )
            self.send_page(
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9">{urls}</urlset>',
                "application/xml",
            )
        else:
            self.send_error(404)


@pytest.fixture
def site_and_sitemap_host() -> Iterator[tuple[str, Counter[str], Counter[str]]]:
    """Yield the site's URL, its request counts and the sitemap host's."""
    site_counts: Counter[str] = Counter()
    sitemap_counts: Counter[str] = Counter()
    # The site must know the sitemap host's port and the other way round: the site's
    # handler reads it from a dict filled once both servers run.
    hosts: dict[str, str] = {}

    class Site(_Site):
        counts = site_counts

        @property
        def sitemap_host(self) -> str:  # type: ignore[override]
            return hosts["sitemaps"]

    class SitemapHost(_SitemapHost):
        counts = sitemap_counts

        @property
        def site(self) -> str:  # type: ignore[override]
            return hosts["site"]

    with serving(Site) as site, serving(SitemapHost) as sitemaps:
        hosts.update(site=site, sitemaps=sitemaps)
        yield site, site_counts, sitemap_counts


@pytest_twisted.ensureDeferred
async def test_a_sitemap_the_sites_robots_txt_names_on_another_host_is_read(
    site_and_sitemap_host: tuple[str, Counter[str], Counter[str]], tmp_path: Path
) -> None:
    site, _, sitemap_counts = site_and_sitemap_host
    _, items = await run_crawl(crawl_settings(tmp_path), url=f"{site}/")
    assert sorted(item.url for item in items) == [f"{site}{p}" for p in ARTICLES]
    assert sitemap_counts["/sitemap_index.xml"] == 1
    assert sitemap_counts["/news.xml"] == 1
    assert sitemap_counts[ELSEWHERE] == 0
