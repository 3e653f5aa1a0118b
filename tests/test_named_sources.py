"""A feed or sitemap the user names may list articles on another host.

Publishers serve feeds from hosts of their own (rss.example.com for www.example.com) and
feed services from theirs. The generic spider fetches what such a source lists wherever
it is, and nothing more of that host: a home page's links to another host are still not
followed, and neither are the links of a listed page that is no article.

Two local servers stand for the two hosts: 127.0.0.1 on two ports, another site to the
spider but the same host name to Scrapy's offsite filter, so the last test checks that
filter (and the robots.txt request it would drop) on its own.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import pytest_twisted
from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.landinghost import LandingHostMiddleware
from newscrawl.middlewares.privateaddress import (
    PUBLIC_SOURCE,
    PrivateAddressMiddleware,
)
from newscrawl.middlewares.robotstxt import admit_host
from newscrawl.spiders.failures import fetch_failure_reason
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.hosts import names_private_address
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl
from tests.test_spiders import drain

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ARTICLES = (
    "/2025/03/04/ferry-service-resumes-after-storm-repairs",
    "/2025/03/05/school-board-approves-new-science-wing",
)
# Listed by the feed, but the article host's robots.txt forbids it.
FORBIDDEN = "/private/2025/03/06/draft-of-the-budget-report"
# Listed by the feed, and no article: its links must not be followed.
SECTION = "/2025/03/07/town-section-front-page-with-links"
ONLY_LINKED = "/2025/03/08/story-only-linked-from-the-section-front"


class _ArticleHost(PageHandler):
    counts: Counter[str]

    def do_GET(self) -> None:
        self.counts[self.path] += 1
        if self.path == "/robots.txt":
            self.send_page("User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/sitemap-news.xml":
            urls = "".join(
                f"<url><loc>http://{self.headers['Host']}{path}</loc></url>"
                for path in ARTICLES
            )
            self.send_page(
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9">{urls}</urlset>',
                "application/xml",
            )
        elif self.path in {*ARTICLES, FORBIDDEN, ONLY_LINKED}:
            words = " ".join(f"the harbour board met on day {n}." for n in range(60))
            self.send_page(
                "<html><head><title>Harbour news</title></head><body><article>"
                f"<h1>Harbour news {self.path[-20:]}</h1><p>{words}</p>"
                "</article></body></html>"
            )
        elif self.path == SECTION:
            self.send_page(
                "<html><body><h1>Town</h1>"
                f'<a href="{ONLY_LINKED}">A story</a></body></html>'
            )
        else:
            self.send_error(404)


class _FeedHost(PageHandler):
    article_host: str
    counts: Counter[str]

    def do_GET(self) -> None:
        self.counts[self.path] += 1
        other = self.article_host
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>{path}</title><link>{other}{path}</link></item>"
                for path in (*ARTICLES, FORBIDDEN, SECTION)
            )
            self.send_page(
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>News'
                f"</title>{items}</channel></rss>",
                "application/rss+xml",
            )
        elif self.path == "/sitemap_index.xml":
            self.send_page(
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9"><sitemap><loc>{other}/sitemap-news.xml</loc>'
                # Any host, but never another scheme (tests/test_security.py has the
                # same for a feed).
                "</sitemap><sitemap><loc>file:///etc/hosts</loc></sitemap>"
                "</sitemapindex>",
                "application/xml",
            )
        elif self.path == "/":
            links = "".join(f'<a href="{other}{path}">story</a>' for path in ARTICLES)
            self.send_page(f"<html><body><h1>Feeds</h1>{links}</body></html>")
        else:
            self.send_error(404)


@pytest.fixture
def two_hosts() -> Iterator[tuple[str, str, Counter[str]]]:
    """Yield the feed host, the article host and the article host's request counts."""
    counts: Counter[str] = Counter()
    with serving(type("Articles", (_ArticleHost,), {"counts": counts})) as articles:
        feeds_handler = type(
            "Feeds", (_FeedHost,), {"article_host": articles, "counts": Counter()}
        )
        with serving(feeds_handler) as feeds:
            yield feeds, articles, counts


@pytest_twisted.ensureDeferred
async def test_a_named_feed_lists_articles_on_another_host(
    two_hosts: tuple[str, str, Counter[str]], tmp_path: Path
) -> None:
    feeds, articles, counts = two_hosts
    crawler, items = await run_crawl(crawl_settings(tmp_path), url=f"{feeds}/feed.xml")
    assert sorted(item.url for item in items) == [f"{articles}{p}" for p in ARTICLES]
    # The article host's robots.txt is read and obeyed; the page that is no article
    # is fetched (the feed lists it) but its links stay unfollowed.
    assert counts["/robots.txt"] == 1
    assert counts[FORBIDDEN] == 0
    assert counts[SECTION] == 1
    assert counts[ONLY_LINKED] == 0
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/skipped/offsite_redirect") is None


@pytest_twisted.ensureDeferred
async def test_a_named_sitemap_index_lists_sitemaps_on_another_host(
    two_hosts: tuple[str, str, Counter[str]], tmp_path: Path
) -> None:
    feeds, articles, counts = two_hosts
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), url=f"{feeds}/sitemap_index.xml"
    )
    assert sorted(item.url for item in items) == [f"{articles}{p}" for p in ARTICLES]
    assert counts["/sitemap-news.xml"] == 1
    assert crawler.stats is not None
    assert crawler.stats.get_value("downloader/exception_count") is None


@pytest_twisted.ensureDeferred
async def test_a_home_page_does_not_lead_to_another_host(
    two_hosts: tuple[str, str, Counter[str]], tmp_path: Path
) -> None:
    feeds, _, counts = two_hosts
    _, items = await run_crawl(crawl_settings(tmp_path), url=f"{feeds}/")
    assert items == []
    assert not any(counts[path] for path in ARTICLES)


def test_an_offsite_request_brings_its_hosts_robots_txt_past_the_offsite_filter() -> (
    None
):
    crawler = get_crawler(GenericSpider)
    spider = GenericSpider(urls="https://rss.example.com/feed.xml")
    crawler.spider = spider
    offsite = OffsiteMiddleware.from_crawler(crawler)
    robots = Request("https://www.example.org/robots.txt")
    assert not offsite.should_follow(robots, spider)
    article = Request(
        "https://www.example.org/2025/a-story", meta={"allow_offsite": True}
    )
    admit_host(spider, article)
    assert offsite.should_follow(robots, spider)
    # A host the list covers (a subdomain) is not added; other hosts stay filtered.
    admit_host(spider, Request("https://eu.rss.example.com/x"))
    assert spider.allowed_domains == ["rss.example.com", "www.example.org"]
    assert not offsite.should_follow(Request("https://example.net/robots.txt"), spider)


@pytest.mark.parametrize(
    ("url", "private"),
    [
        ("http://169.254.169.254/latest/meta-data/", True),
        ("http://10.1.2.3/2025/03/a-story", True),
        ("http://127.0.0.1:8080/a", True),
        ("http://[::1]/a", True),
        ("http://192.168.0.10/a", True),
        ("http://100.64.0.1/a", True),
        ("http://93.184.215.14/2025/03/a-story", False),
        ("https://www.example.org/2025/03/a-story", False),
    ],
)
def test_addresses_no_public_site_has(url: str, private: bool) -> None:
    assert names_private_address(url) is private


def test_a_public_named_feed_cannot_send_the_crawler_to_internal_addresses() -> None:
    crawler = get_crawler(GenericSpider)
    spider = crawler._create_spider(urls="https://feeds.example.com/rss")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        "<item><link>http://169.254.169.254/latest/meta-data/iam</link></item>"
        "<item><link>http://10.0.0.7/2025/03/04/intranet-story</link></item>"
        "<item><link>https://www.example.org/2025/03/04/harbour-story</link></item>"
        "</channel></rss>"
    )
    response = XmlResponse(
        url="https://feeds.example.com/rss",
        body=feed.encode(),
        request=Request(
            "https://feeds.example.com/rss", meta={"newscrawl_named_source": True}
        ),
    )
    requested = [request.url for request in spider.parse_feed(response)]
    assert requested == ["https://www.example.org/2025/03/04/harbour-story"]
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/skipped/private_address") == 2


@pytest_twisted.ensureDeferred
async def test_a_public_page_cannot_redirect_an_offsite_request_to_an_internal_address() -> (
    None
):
    middleware = PrivateAddressMiddleware()
    internal = "http://169.254.169.254/latest/meta-data/"
    redirected = Request(
        internal,
        meta={
            "allow_offsite": True,
            "redirect_urls": ["https://www.example.org/2025/03/04/story"],
        },
    )
    with pytest.raises(IgnoreRequest) as refused:
        await deferred_from_coro(middleware.process_request(redirected))
    assert fetch_failure_reason(refused.value) == "private_address"
    # Within internal addresses, listed directly (the source was checked), or on the
    # spider's own domains (Scrapy's offsite filter decides): left alone.
    for request in (
        Request(internal, meta={"allow_offsite": True, "redirect_urls": [internal]}),
        Request(internal, meta={"allow_offsite": True}),
        Request(internal, meta={"redirect_urls": ["https://www.example.org/a"]}),
    ):
        await deferred_from_coro(middleware.process_request(request))
    project = Settings()
    project.setmodule("newscrawl.settings")
    assert "newscrawl.middlewares.privateaddress.PrivateAddressMiddleware" in (
        project.getdict("DOWNLOADER_MIDDLEWARES")
    )


def _feed_response(url: str, links: list[str], ip: str | None) -> XmlResponse:
    items = "".join(f"<item><link>{link}</link></item>" for link in links)
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    return XmlResponse(
        url=url,
        body=body.encode(),
        ip_address=None if ip is None else ipaddress.ip_address(ip),
        request=Request(url, meta={"newscrawl_named_source": True}),
    )


def test_articles_of_a_public_feed_are_marked_for_the_address_check() -> None:
    listed = ["https://news.example.org/2025/03/04/harbour-story"]
    for ip, marked in (("93.184.216.34", True), (None, True), ("10.0.0.5", False)):
        crawler = get_crawler(GenericSpider)
        spider = crawler._create_spider(urls="https://feeds.example.com/rss")
        response = _feed_response("https://feeds.example.com/rss", listed, ip)
        [request] = spider.parse_feed(response)
        assert bool(request.meta.get(PUBLIC_SOURCE)) is marked
    # A feed the crawler reads from an internal address (an intranet, by its name) may
    # list internal addresses; a public one may not.
    internal_entry = ["http://10.0.0.7/2025/03/04/intranet-story"]
    for ip, requested in (("10.0.0.5", 1), ("93.184.216.34", 0)):
        crawler = get_crawler(GenericSpider)
        spider = crawler._create_spider(urls="https://feeds.intranet.example/rss")
        response = _feed_response(
            "https://feeds.intranet.example/rss", internal_entry, ip
        )
        assert len(list(spider.parse_feed(response))) == requested


@pytest_twisted.ensureDeferred
async def test_a_host_name_a_public_feed_lists_is_resolved_before_the_fetch() -> None:
    middleware = PrivateAddressMiddleware()
    # "localhost" is a name, not an address: the resolver Scrapy downloads with says
    # where it points (the hosts file, no network). deferred_from_coro runs the
    # coroutine as Scrapy runs a middleware's (an asyncio task, under that reactor).
    listed = Request(
        "http://localhost/2025/03/04/internal-story",
        meta={"allow_offsite": True, PUBLIC_SOURCE: True},
    )
    with pytest.raises(IgnoreRequest) as refused:
        await deferred_from_coro(middleware.process_request(listed))
    assert fetch_failure_reason(refused.value) == "private_address"
    assert "127.0.0.1" in str(refused.value)
    # The same name from the user or an internal source, and a public address: fetched.
    for request in (
        Request(
            "http://localhost/2025/03/04/internal-story", meta={"allow_offsite": True}
        ),
        Request(
            "http://93.184.216.34/2025/03/04/story",
            meta={"allow_offsite": True, PUBLIC_SOURCE: True},
        ),
    ):
        assert await deferred_from_coro(middleware.process_request(request)) is None


def test_an_article_a_public_feed_listed_is_dropped_when_served_internally() -> None:
    middleware = PrivateAddressMiddleware()
    request = Request(
        "https://news.example.org/2025/03/04/story",
        meta={"allow_offsite": True, PUBLIC_SOURCE: True},
    )
    for ip, dropped in (
        ("10.0.0.7", True),
        ("fd00::7", True),
        ("93.184.216.34", False),
    ):
        response = HtmlResponse(
            request.url, body=b"<p>x</p>", ip_address=ipaddress.ip_address(ip)
        )
        if dropped:
            with pytest.raises(IgnoreRequest, match="private address"):
                middleware.process_response(request, response)
        else:
            assert middleware.process_response(request, response) is response
    unmarked = Request(request.url, meta={"allow_offsite": True})
    internal = HtmlResponse(
        request.url, body=b"", ip_address=ipaddress.ip_address("10.0.0.7")
    )
    assert middleware.process_response(unmarked, internal) is internal


def _answer(request: Request, body: bytes) -> HtmlResponse:
    """Return the HTML page ``request`` got."""
    return HtmlResponse(
        url=request.url,
        body=body,
        request=request,
        headers={"Content-Type": "text/html"},
    )


def _worker() -> tuple[GenericSpider, OffsiteMiddleware, LandingHostMiddleware]:
    """Return a generic spider of one site, Scrapy's offsite filter and the landing hosts.

    In the distributed test, one worker of the crawl.
    """
    crawler = get_crawler(GenericSpider)
    spider = crawler._create_spider(urls="https://harbour-times.example/")
    crawler.spider = spider
    offsite = OffsiteMiddleware.from_crawler(crawler)
    offsite.spider_opened(spider)
    return spider, offsite, LandingHostMiddleware.from_crawler(crawler)


def test_a_start_url_may_redirect_to_another_host_which_is_then_the_site() -> None:
    spider, offsite, _ = _worker()
    start = next(
        request
        for request in drain(spider.start())
        if request.url == "https://harbour-times.example/"
    )
    # Scrapy's redirect keeps the meta; its offsite filter lets the new host through.
    moved = start.replace(url="https://www.harbourtimes.example/")
    offsite.process_request(moved)
    landed = _answer(
        moved,
        (
            b"<html><body><h1>Harbour Times</h1>"
            b'<a href="/2025/01/02/pier-reopens-after-the-storm">Pier</a></body></html>'
        ),
    )
    [article] = drain(spider.parse_start(landed))
    assert spider.is_allowed_url("https://www.harbourtimes.example/2025/01/02/a-story")
    # The articles on the new host pass Scrapy's offsite filter (they were dropped).
    assert offsite.process_request(article) is None


def test_every_worker_learns_the_host_a_start_url_redirected_to() -> None:
    first, _, first_landing = _worker()
    start = next(r for r in drain(first.start()) if r.url.endswith(".example/"))
    moved = start.replace(url="https://www.harbourtimes.example/world/")
    landed = _answer(
        moved, b'<html><body><a href="/world/page/2">Older</a></body></html>'
    )
    [page_two] = [
        first_landing.get_processed_request(request, landed)
        for request in drain(first.parse_start(landed))
    ]
    assert page_two is not None
    assert page_two.meta["allow_offsite"]
    # Another worker, which never saw the redirect, fetches it (Scrapy's offsite filter
    # lets it through) and takes the host as the site before reading the page.
    second, second_offsite, second_landing = _worker()
    assert second_offsite.process_request(page_two) is None
    listing = _answer(
        page_two,
        (
            b'<html><body><a href="/world/2025/01/02/pier-reopens-after-the-storm">'
            b"Pier</a></body></html>"
        ),
    )
    second_landing.process_spider_input(listing)
    [article] = [
        second_landing.get_processed_request(request, listing)
        for request in second.parse_listing(listing)
    ]
    assert article is not None
    assert article.url == (
        "https://www.harbourtimes.example/world/2025/01/02/pier-reopens-after-the-storm"
    )
    assert second_offsite.process_request(article) is None
    # A request for a start host is left as it is.
    home = Request("https://harbour-times.example/world/")
    assert second_landing.get_processed_request(home, listing) is home
    assert "allow_offsite" not in home.meta
    project = Settings()
    project.setmodule("newscrawl.settings")
    assert "newscrawl.middlewares.landinghost.LandingHostMiddleware" in (
        project.getdict("SPIDER_MIDDLEWARES")
    )


def test_a_start_roots_robots_txt_that_moved_names_the_site_and_its_sitemaps() -> None:
    spider, offsite, _ = _worker()
    robots = next(
        request
        for request in drain(spider.start())
        if request.url.endswith("/robots.txt")
    )
    # Its redirect to the new name passes the offsite filter, as the start URL's does.
    moved = robots.replace(url="https://www.harbourtimes.example/robots.txt")
    offsite.process_request(moved)
    landed = TextResponse(
        url=moved.url,
        body=b"User-agent: *\nSitemap: https://www.harbourtimes.example/news.xml\n",
        request=moved,
    )
    [sitemap] = list(spider.parse_robots(landed))
    assert sitemap.url == "https://www.harbourtimes.example/news.xml"
    assert offsite.process_request(sitemap) is None
    # What that sitemap lists is on the site, whichever response comes first.
    assert spider.is_allowed_url("https://www.harbourtimes.example/2025/01/02/a-story")
