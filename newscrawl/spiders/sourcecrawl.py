"""Sources to requests: ``start()`` and the feed, sitemap, robots.txt and listing callbacks.

The upper layer of ``NewsSpider`` (see ``base.py``). The bytes of feeds, sitemaps and
robots.txt are read by the pure parsers of ``sources.py``; the links found become
article requests through ``ArticleCrawl`` or more source requests here.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import TextResponse
from scrapy.utils.response import get_base_url

from newscrawl import defaults
from newscrawl.languages import is_wanted
from newscrawl.middlewares.privateaddress import PUBLIC_SOURCE, served_publicly
from newscrawl.spiders.articlecrawl import ArticleCrawl
from newscrawl.spiders.datedsources import DatedSource
from newscrawl.spiders.failures import says_absent
from newscrawl.spiders.feedlinks import advertised_feeds
from newscrawl.spiders.hosts import is_web_url, names_private_address
from newscrawl.spiders.pagination import find_next_page
from newscrawl.spiders.recency import listed_before
from newscrawl.spiders.sources import (
    Source,
    SourceKind,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
    sort_newest_first,
)
from newscrawl.spiders.xmlbody import SourceError, is_gzip
from newscrawl.threads import in_thread
from newscrawl.urls import canonicalize_url, requested_url, site_key

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newscrawl.spiders.sources import Entry, SitemapDoc


# Meta key of a sitemap request made on a guess, not from a declaration; its value is
# the tuple of paths still to try when this one is not there.
_GUESSED = "newscrawl_guessed"
# Where site engines put a sitemap when robots.txt names none: the common place, then
# Yoast SEO's index, then WordPress's own (5.5+); tried in turn until one answers.
SITEMAP_GUESSES = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml")
# Meta key of a feed or sitemap the user named (a start URL of the generic spider) and
# of the sitemaps a named index lists. What they list is fetched whatever its host: big
# publishers serve feeds from a host of their own (rss.example.com, feeds.example.com)
# and feed services from theirs. Nothing else on those hosts is followed.
NAMED_SOURCE = "newscrawl_named_source"
# Meta key of a sitemap a site's robots.txt names on another host, and of the sitemaps
# of that host it lists (the cross-submission of sitemaps.org: sitemaps.example.com
# for www.example.com, vouched for by the site). They are read; what they list must
# still be on the site.
VOUCHED_SITEMAP = "newscrawl_vouched_sitemap"
# Meta key of a feed a page of the site names on another host of the site's domain
# (feeds.example.com): read, and what it lists must still be on the site.
VOUCHED_FEED = "newscrawl_vouched_feed"
# Plain sitemaps under this size are parsed on the reactor: 256 KiB (some 750 news
# entries) took about 20 ms here, a pause the crawl can afford, and most sitemaps are
# smaller; the thread pool they would otherwise queue for also runs the DNS lookups.
SITEMAP_INLINE_BYTES = 256 * 1024


class SourceCrawl(ArticleCrawl):
    """Read each declared source once per run and follow what it lists."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In-run set of feeds, sitemaps and listings read (see source_request).
        self._requested_sources: set[str] = set()

    # -- requests ----------------------------------------------------------------

    def start_sources(self) -> list[Source]:
        """Return the declared sources, rebased on ``base_url`` when one is given.

        A source filed by date gives one per period back to ``since``, in the site's
        time zone.
        """
        today = datetime.now(self.tz).date()
        since = self.args.since.astimezone(self.tz).date() if self.args.since else None
        found: list[Source] = []
        for source in self.sources:
            dated = (
                source.sources(today, since)
                if isinstance(source, DatedSource)
                else [source]
            )
            found.extend(Source(one.kind, self.rebase(one.url)) for one in dated)
        return found

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.start_sources():
            request = self.source_request(source.kind, source.url)
            if request is not None:
                yield request

    def claim_source(self, url: str) -> bool:
        """Record ``url`` as read in this run; False when it already was."""
        key = canonicalize_url(url)
        if key in self._requested_sources:
            return False
        self._requested_sources.add(key)
        return True

    def source_request(
        self,
        kind: SourceKind,
        url: str,
        *,
        depth: int = 0,
        page: int = 0,
        priority: int = 0,
    ) -> scrapy.Request | None:
        """Return a request for a feed, sitemap or listing, or None when already read.

        Sources are cheap and are re-read on every run. No request sets
        ``dont_filter``: that flag would also exempt it, and its redirects, from the
        offsite filter. Instead the project's ``DUPEFILTER_CLASS`` filters nothing (see
        settings.py) and the spider's own in-run sets keep each URL to one request.
        """
        if not self.claim_source(url):
            return None
        callbacks: dict[SourceKind, Callable[..., Any]] = {
            "feed": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "listing": self.parse_listing,
        }
        meta: dict[str, Any] = {
            "newscrawl_source": kind,
            "newscrawl_depth": depth,
            "newscrawl_page": page,
        }
        if kind == "sitemap":
            meta.update(self.sitemap_size_limit())
        return scrapy.Request(
            url,
            callback=callbacks[kind],
            errback=self.source_failed,
            priority=priority,
            meta=meta,
        )

    def sitemap_size_limit(self) -> dict[str, int]:
        """Request meta that lets a response be as large as a sitemap may be.

        Scrapy reads both keys for the body as sent; ``parse_sitemap`` unpacks a
        gzip'd one up to the same size.
        """
        limit = self.settings.getint(
            "NEWSCRAWL_SITEMAP_MAXSIZE", defaults.NEWSCRAWL_SITEMAP_MAXSIZE
        )
        return {"download_maxsize": limit, "download_warnsize": limit}

    def _site_source(
        self, kind: SourceKind, url: str, *, vouched_by: str | None = None
    ) -> scrapy.Request | None:
        """Request a source another source names, if it is on the site and not read.

        With ``vouched_by`` (:data:`NAMED_SOURCE`, :data:`VOUCHED_SITEMAP` or
        :data:`VOUCHED_FEED`) it may be on any host; that key goes into its meta, with
        Scrapy's ``allow_offsite``.
        """
        rebased = self.rebase(url)
        if not (self.is_allowed_url(rebased) or (vouched_by and is_web_url(rebased))):
            return None
        request = self.source_request(kind, rebased)
        if request is not None and vouched_by:
            request.meta.update({vouched_by: True, "allow_offsite": True})
        return request

    def source_failed(self, failure: Failure) -> list[scrapy.Request]:
        """Count a source that could not be read; a missing guess tries the next one."""
        request = getattr(failure, "request", None)
        if request is None:
            self.stat("sources/listing/failed")
            self.logger.warning("Cannot read a source: %s", failure.getErrorMessage())
            return []
        # Errback output passes no spider middleware, so the next guess is put on
        # record here, with the settlement (see newscrawl.distributed.frontier).
        links = self._after_failed_source(request, failure)
        self._settle(request, links)
        return links

    def _after_failed_source(
        self, request: scrapy.Request, failure: Failure
    ) -> list[scrapy.Request]:
        if _GUESSED in request.meta:
            return self._no_guessed_sitemap(request.url, request.meta[_GUESSED])
        kind = request.meta.get("newscrawl_source", "listing")
        if kind == "robots" and says_absent(failure.value):
            # Most hosts without a robots.txt answer 404; that is no failed source.
            self.stat("sources/robots/missing")
            self.logger.debug("No robots.txt at %s", request.url)
            return self._guessed_sitemaps(request.url)
        self.stat(f"sources/{kind}/failed")
        self.logger.warning(
            "Cannot read %s %s: %s", kind, request, failure.getErrorMessage()
        )
        return []

    # -- feeds and sitemaps ------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            entries = parse_feed(response.body, response.url, self.tz)
        except SourceError as error:
            self._unreadable("feed", response, error)
            return
        self.stat("sources/feed/ok")
        yield from self._listed_articles(entries, named=_named_source(response))

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        if urlsplit(response.url).path.endswith("/robots.txt"):
            for request in self.parse_robots(response):
                yield request
            return
        try:
            doc = await self._parsed_sitemap(response)
        except SourceError as error:
            for request in self._not_a_sitemap(response, error):
                yield request
            return
        for request in self._sitemap_requests(response, doc):
            yield request

    async def _parsed_sitemap(self, response: Response) -> SitemapDoc:
        """Parse a sitemap response; a large one off the reactor's thread.

        Parsing a 20 MB sitemap takes about a second, which every download would wait
        out if the reactor did it. A gzip'd one may unpack to the full limit.
        """
        max_size = int(
            response.meta.get(
                "download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE")
            )
        )
        body = response.body
        parse = functools.partial(
            parse_sitemap, body, response.url, self.tz, max_size=max_size
        )
        if len(body) < SITEMAP_INLINE_BYTES and not is_gzip(body):
            return parse()
        return await in_thread(parse)

    def _not_a_sitemap(
        self, response: Response, error: SourceError
    ) -> list[scrapy.Request]:
        guess = response.request
        if guess is not None and _GUESSED in guess.meta:
            # A guessed URL that answers with a page (a soft 404): no sitemap.
            return self._no_guessed_sitemap(requested_url(guess), guess.meta[_GUESSED])
        self._unreadable("sitemap", response, error)
        return []

    def _sitemap_requests(
        self, response: Response, doc: SitemapDoc
    ) -> Iterator[scrapy.Request]:
        if doc.recovered:
            # Counted as failed, but the entries that could be read are still used.
            self._unreadable("sitemap", response, "malformed XML, reading what is left")
        else:
            self.stat("sources/sitemap/ok")
        if doc.kind == "index":
            yield from self._child_sitemaps(doc.entries, response)
        else:
            yield from self._listed_articles(doc.entries, named=_named_source(response))

    def _listed_articles(
        self, entries: list[Entry], *, named: Response | None = None
    ) -> Iterator[scrapy.Request]:
        """Request the articles a feed or sitemap lists, newest first, within ``since``.

        ``named`` is the source's response when the user named it. The articles a
        public one lists on other hosts are marked for :class:`PrivateAddressMiddleware`,
        which resolves their host names before they are fetched.
        """
        public = named is not None and served_publicly(named)
        for entry in sort_newest_first(entries):
            if listed_before(entry, self.args.since, self.tz):
                self.stat("skipped/too_old")
                continue
            if not is_wanted(entry.language, self.languages):
                self.stat("skipped/language")
                continue
            request = self.article_request(
                entry.url,
                entry.date,
                listed=True,
                changed=entry.changed,
                any_host=self._may_leave_site(entry.url, named),
            )
            if request is not None:
                if public and request.meta.get("allow_offsite"):
                    request.meta[PUBLIC_SOURCE] = True
                yield request

    def _child_sitemaps(
        self, entries: list[Entry], index: Response
    ) -> Iterator[scrapy.Request]:
        """Request the sitemaps of an index, newest first, unless last changed before ``since``."""
        for entry in sort_newest_first(entries):
            if listed_before(entry, self.args.since, self.tz):
                self.stat("sources/sitemap/too_old")
                continue
            if not self.cap_reached():
                request = self._site_source(
                    "sitemap", entry.url, vouched_by=self._vouch_for_child(entry, index)
                )
                if request is not None:
                    yield request

    def _vouch_for_child(self, entry: Entry, index: Response) -> str | None:
        """Say why a sitemap an index lists may be off the site, if it may.

        Any sitemap a named index lists; a vouched index's sitemaps on its own host.
        """
        if self._may_leave_site(entry.url, _named_source(index)):
            return NAMED_SOURCE
        if index.meta.get(VOUCHED_SITEMAP) and _same_netloc(entry.url, index.url):
            return VOUCHED_SITEMAP
        return None

    def _may_leave_site(self, url: str, source: Response | None) -> bool:
        """Whether ``url``, which the trusted source ``source`` names, may be anywhere.

        Not on an address no public site has (the cloud metadata service, the local
        network) when the source is public: a third party's feed must not make the
        crawler read internal services. No source (None) trusts nothing.
        """
        if source is None:
            return False
        if names_private_address(url) and served_publicly(source):
            self.stat("skipped/private_address")
            return False
        return True

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines of a robots.txt, on any host (``VOUCHED_SITEMAP``).

        When it names none (or there is no robots.txt, see ``source_failed``), a
        spider with ``guess_sitemap`` tries where site engines put one, in turn
        (``SITEMAP_GUESSES``); a host without any is no failure of the crawl.
        """
        self.stat("sources/robots/ok")
        urls = sitemaps_from_robots(response.body, response.url)
        if not urls:
            yield from self._guessed_sitemaps(response.url)
            return
        for url in urls:
            # A Sitemap line on another host is vouched for by the site, unless it
            # points a public site at an internal address.
            vouched = (
                self.cross_host_sitemaps
                and not self.is_allowed_url(url)
                and self._may_leave_site(url, response)
            )
            request = self._site_source(
                "sitemap", url, vouched_by=VOUCHED_SITEMAP if vouched else None
            )
            if request is not None:
                yield request

    def _guessed_sitemaps(
        self, url: str, paths: tuple[str, ...] = SITEMAP_GUESSES
    ) -> list[scrapy.Request]:
        """Request the first of ``paths`` on the host of ``url`` not read yet."""
        if not self.guess_sitemap:
            return []
        for index, path in enumerate(paths):
            request = self._site_source("sitemap", urljoin(url, path))
            if request is not None:
                request.meta[_GUESSED] = paths[index + 1 :]
                self.stat("sources/sitemap/guessed")
                return [request]
        return []

    def _no_guessed_sitemap(
        self, url: str, untried: tuple[str, ...]
    ) -> list[scrapy.Request]:
        self.stat("sources/sitemap/guessed_missing")
        self.logger.debug("No sitemap at %s", url)
        return self._guessed_sitemaps(url, untried)

    def _unreadable(self, kind: str, response: Response, error: object) -> None:
        self.stat(f"sources/{kind}/failed")
        self.logger.warning("Unreadable %s %s: %s", kind, response.url, error)

    # -- listing pages -----------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self._unreadable("listing", response, "not a text page")
            return
        self.stat("sources/listing/ok")
        if self.discover_feeds:
            yield from self._advertised_feeds(response)
        depth = int(response.meta.get("newscrawl_depth", 0))
        page = int(response.meta.get("newscrawl_page", 0))
        for url in self._links(response):
            if self.cap_reached():
                return
            target = self.article_target(url)
            request: scrapy.Request | None = None
            if target is not None:
                # Known or already requested, an article link is still no listing.
                request = self.request_article(target)
            elif (
                self.follow_listings
                and depth < self.max_listing_depth
                and self.is_allowed_url(url)
                and self.is_listing_url(url)
            ):
                request = self.source_request("listing", url, depth=depth + 1)
            if request is not None:
                yield request
        next_page = self.next_page_url(response)
        if next_page and page + 1 < self.max_listing_pages and not self.cap_reached():
            request = self.source_request(
                "listing", next_page, depth=depth, page=page + 1
            )
            if request is not None:
                yield request

    def links_of_non_article(self, response: TextResponse) -> Iterator[scrapy.Request]:
        """Read a page requested as an article that is a listing as that listing.

        Sitemaps list section fronts next to articles; found to be no article, such a
        page is read as a listing one level below the sources, and counts as read, so
        a link to it on another listing does not fetch it again.
        """
        if response.meta.get("newscrawl_source") == "listing":
            # Requested as a listing and tried as an article first: a start URL of the
            # generic spider that looks like an article's.
            yield from self.parse_listing(response)
            return
        if not (
            self.follow_listings
            and self.max_listing_depth > 0
            and self.is_listing_url(response.url)
            and self.claim_source(response.url)
        ):
            return
        if response.request is not None:
            # The URL before redirects too, in case a listing links to that one.
            self.claim_source(requested_url(response.request))
        response.meta["newscrawl_depth"] = 1
        yield from self.parse_listing(response)

    def _advertised_feeds(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for url in advertised_feeds(response):
            # A feed host of the site's own domain (feeds.example.com for
            # www.example.com) is vouched for by the page; what it lists must still
            # be on the site. Another domain's feed is not read.
            vouched = (
                VOUCHED_FEED
                if not self.is_allowed_url(url)
                and site_key(url) == site_key(response.url)
                else None
            )
            request = self._site_source("feed", url, vouched_by=vouched)
            if request is not None:
                self.stat("sources/feed/discovered")
                yield request

    def _links(self, response: TextResponse) -> list[str]:
        hrefs = response.xpath("//a[@href]/@href").getall()
        # Relative to the page's <base href> when it has one (Joomla and others set it).
        base = get_base_url(response)
        links = (self.rebase(urljoin(base, href.strip())) for href in hrefs)
        return list(dict.fromkeys(link.split("#", 1)[0] for link in links))

    def next_page_url(self, response: TextResponse) -> str | None:
        """Return the next page of a listing, by the declared rule or by ``rel=next``."""
        if self.next_page_xpath:
            href = response.xpath(self.next_page_xpath).get()
        elif self.next_page_css:
            href = response.css(self.next_page_css).get()
        else:
            href = find_next_page(response)
        if not href:
            return None
        url = self.rebase(urljoin(get_base_url(response), href.strip()))
        return url if self.is_allowed_url(url) else None


def _named_source(response: Response) -> Response | None:
    """Return the response of a source the user named, None for any other."""
    return response if response.meta.get(NAMED_SOURCE) else None


def _same_netloc(url: str, other: str) -> bool:
    return urlsplit(url).netloc.lower() == urlsplit(other).netloc.lower()
