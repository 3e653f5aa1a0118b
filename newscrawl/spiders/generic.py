"""The ``generic`` spider: crawl any news site from its home, section, feed or sitemap URLs.

``scrapy crawl generic -a urls="https://example.com/ https://example.org/feed.xml"``

It stays on the hosts (host and port) of its start URLs, but for the articles a start
URL lists when it is a feed or a sitemap (or a sitemap index, and then its sitemaps),
which may be anywhere. It reads each host's robots.txt ``Sitemap:`` lines (else the
usual sitemap places) and the feeds its listing pages name, and decides what is an
article without site rules: first by the link (a date or a long slug in the path, a
story's number or id, a CMS's post id; not a tag, author or search page), then by the
fetched page (a headline and a real body, or the page marking itself as an article
through JSON-LD or ``og:type``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import TextResponse
from scrapy_spider_metadata import Args  # type: ignore[attr-defined]

from newscrawl.middlewares.landinghost import site_netloc
from newscrawl.params import GenericSpiderParams
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.pagekind import PageKind, declared_kind
from newscrawl.spiders.sourcecrawl import NAMED_SOURCE
from newscrawl.spiders.urlrules import looks_like_article_url, same_site_netloc
from newscrawl.spiders.xmlbody import sniff_kind
from newscrawl.urls import registrable_domain

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response

    from newscrawl.extraction import PageReading
    from newscrawl.items import Article

# A page that calls itself an article needs less text to be believed than one that does not.
_MIN_MARKED_BODY_CHARS = 150
_MIN_UNMARKED_BODY_CHARS = 400


class GenericSpider(NewsSpider, Args[GenericSpiderParams]):
    """Crawl the sites of the given start URLs with no site-specific rules."""

    name = "generic"
    # Args[...] above parses into this model; the base class reads only its common fields.
    args: GenericSpiderParams  # type: ignore[assignment]
    sitemap_from_robots: ClassVar[bool] = True
    discover_feeds: ClassVar[bool] = True
    guess_sitemap: ClassVar[bool] = True
    cross_host_sitemaps: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = self.args.start_urls
        self._netlocs = frozenset(site_netloc(url) for url in self.start_urls)
        # The hosts start requests redirected to (see admit_landing_host).
        self.landing_hosts: frozenset[str] = frozenset()
        # With ``subdomains``, every host of these domains is the site too.
        self._domains = frozenset(
            domain
            for url in self.start_urls
            if self.args.subdomains and (domain := registrable_domain(url))
        )
        # Scrapy's offsite filter knows host names only (and lets their subdomains
        # through); is_allowed_url adds the port.
        self.allowed_domains = sorted(
            {
                (urlsplit(url).hostname or "").removeprefix("www.")
                for url in self.start_urls
            }
            | self._domains
        )

    @property
    def site(self) -> str | None:
        return None

    def is_allowed_url(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            return False
        return same_site_netloc(parts.netloc, self._netlocs) or (
            bool(self._domains) and registrable_domain(url) in self._domains
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Claiming the URL keeps a link back to a start page from fetching it twice
        # (no dupefilter: see NewsSpider.source_request).
        for url in self.start_urls:
            if not self.claim_source(url):
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_start,
                errback=self.source_failed,
                meta={
                    "newscrawl_source": "listing",
                    "newscrawl_depth": 0,
                    "newscrawl_page": 0,
                    # What a start URL is shows only once it is read, and it may be
                    # a sitemap (parse_start holds a page to the page limit).
                    **self.sitemap_size_limit(),
                    # Named by the user: what it lists as a feed or sitemap is
                    # fetched on any host, and it may redirect to another host
                    # (the site's new name, its country edition), which then is the
                    # site too (parse_start).
                    NAMED_SOURCE: True,
                    "allow_offsite": True,
                },
            )
        if not self.sitemap_from_robots:
            return
        roots = dict.fromkeys(
            urlunsplit((*urlsplit(url)[:2], "", "", "")) for url in self.start_urls
        )
        for root in roots:
            if not self.claim_source(f"{root}/robots.txt"):
                continue
            yield scrapy.Request(
                f"{root}/robots.txt",
                callback=self.parse_robots,
                errback=self.source_failed,
                # A site that moved redirects its robots.txt too (parse_robots).
                meta={"newscrawl_source": "robots", "allow_offsite": True},
            )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Read a start URL's robots.txt; one that landed on another host names the site."""
        if response.meta.get("allow_offsite") and urlsplit(response.url).path == (
            "/robots.txt"
        ):
            self.admit_landing_host(response.url)
        yield from super().parse_robots(response)

    def admit_landing_host(self, url: str) -> None:
        """Take the host a start request landed on as the site, for the offsite filter too.

        It redirected (to the site's new name, its country edition): the place it
        landed on is the site now. :class:`LandingHostMiddleware` tells other workers.
        """
        final = site_netloc(url)
        if final in self._netlocs:
            return
        self._netlocs |= {final}
        self.landing_hosts |= {final}
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host and host not in self.allowed_domains:
            self.allowed_domains = [*self.allowed_domains, host]

    async def parse_start(
        self, response: Response
    ) -> AsyncIterator[scrapy.Request | Article]:
        """Read a start URL as whatever it turns out to be."""
        self.admit_landing_host(response.url)
        content_type = (
            (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        )
        kind = sniff_kind(response.body, content_type, response.url)
        if kind in {"sitemap", "robots"}:
            async for request in self.parse_sitemap(response):
                yield request
            return
        for output in self._read_start_page(response, kind):
            yield output

    def _read_start_page(
        self, response: Response, kind: str
    ) -> Iterator[scrapy.Request | Article]:
        """Read a start URL that is no sitemap: a feed, an article or a listing."""
        page_limit = self.settings.getint("DOWNLOAD_MAXSIZE")
        if kind == "feed":
            yield from self.parse_feed(response)
        elif page_limit and len(response.body) > page_limit:
            self.stat("skipped/too_large")
            self.logger.warning(
                "Start page %s is over DOWNLOAD_MAXSIZE (%d bytes); not read",
                response.url,
                page_limit,
            )
        elif isinstance(response, TextResponse) and looks_like_article_url(
            response.url
        ):
            yield from self.parse_article(response)
        else:
            yield from self.parse_listing(response)

    def is_article_page(self, reading: PageReading) -> bool:
        """Whether the fetched page is one article rather than a list of them."""
        return reads_as_article(reading)


def reads_as_article(reading: PageReading) -> bool:
    """Whether a page read without site rules is one article rather than a list.

    A headline and a body, and then: a page marking itself as an article needs
    less text than one that does not, which also needs an article-like URL; a
    page marking itself as a listing is none.
    """
    article = reading.article
    if not article.headline or not article.body:
        return False
    kind = declared_kind(reading)
    body_chars = len(article.body)
    if kind is PageKind.ARTICLE:
        return body_chars >= _MIN_MARKED_BODY_CHARS
    if kind is PageKind.LISTING:
        return False
    return body_chars >= _MIN_UNMARKED_BODY_CHARS and looks_like_article_url(
        article.url or ""
    )
