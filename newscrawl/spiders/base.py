"""NewsSpider: the crawl flow shared by every news spider.

A per-site spider only declares where articles are (``sources``), which links are
articles (``article_url_allow`` / ``article_url_deny``), how to page through
listings, its time zone and optionally its parser. This class turns the sources
into requests, reads feeds, sitemaps and listing pages, and hands each article
page to the parser.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self
from urllib.parse import urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy import signals
from scrapy.http import TextResponse
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.job import job_dir
from scrapy_spider_metadata import Args  # type: ignore[attr-defined]
from w3lib.encoding import http_content_type_encoding

from newscrawl.extraction import ArticleParser, PageReading, read_page
from newscrawl.extraction.site import SiteParser
from newscrawl.params import NewsSpiderParams
from newscrawl.signals import article_settled
from newscrawl.spiders.articlecap import ArticleCap
from newscrawl.spiders.failures import fetch_failure_reason
from newscrawl.spiders.incremental import IncrementalCrawl
from newscrawl.spiders.jobdir import begin_run, end_run
from newscrawl.spiders.pagination import find_next_page
from newscrawl.spiders.sources import (
    Entry,
    Source,
    SourceError,
    SourceKind,
    is_before,
    parse_feed,
    parse_published,
    parse_sitemap,
    sitemaps_from_robots,
    sort_newest_first,
)
from newscrawl.spiders.urlrules import (
    is_excluded_url,
    looks_like_article_url,
    looks_like_listing_url,
)
from newscrawl.urls import canonicalize_url, requested_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newscrawl.items import Article

# Article pages go before more listings and sitemaps so memory stays bounded, and
# newer articles before older ones so max_articles keeps the freshest.
_ARTICLE_PRIORITY = 100
_RECENCY_DAYS = 30


def _compile(patterns: str | Iterable[str]) -> list[re.Pattern[str]]:
    if isinstance(patterns, str):
        patterns = [patterns]
    return [re.compile(pattern) for pattern in patterns]


class NewsSpider(Args[NewsSpiderParams], IncrementalCrawl):
    """Base class of the news spiders; subclasses declare, this class crawls."""

    allowed_domains: Sequence[str] = ()
    sources: ClassVar[Sequence[Source]] = ()
    article_url_allow: ClassVar[str | tuple[str, ...]] = ()
    article_url_deny: ClassVar[str | tuple[str, ...]] = ()
    next_page_xpath: ClassVar[str | None] = None
    next_page_css: ClassVar[str | None] = None
    timezone: ClassVar[str] = "UTC"
    parser: ClassVar[type[ArticleParser] | None] = None
    follow_listings: ClassVar[bool] = True
    max_listing_depth: ClassVar[int] = 2
    max_listing_pages: ClassVar[int] = 10

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            self.tz = ZoneInfo(self.timezone)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{type(self).__name__}.timezone: {error}") from error
        self._allow = _compile(self.article_url_allow)
        self._deny = _compile(self.article_url_deny)
        self._base = self._base_netloc()
        # Instance copy: a base_url override adds its host without touching the class.
        self.allowed_domains = [*type(self).allowed_domains]
        if self._base:
            self.allowed_domains.append(urlsplit(self._base).hostname or "")
        self.article_cap = ArticleCap(self.args.max_articles, self._close_at_cap)
        # Scrapy's dupefilter is off (see source_request), so the spider keeps its own
        # in-run sets: each URL is requested at most once per run. They
        # live in memory only; what survives a crash is the store's committed rows.
        self._requested_articles: set[str] = set()
        self._requested_sources: set[str] = set()
        self._jobdir: Path | None = None
        self._jobdir_recovered = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        cap = spider.article_cap
        crawler.signals.connect(cap.accepted, signal=signals.item_scraped)
        crawler.signals.connect(cap.rejected, signal=signals.item_dropped)
        crawler.signals.connect(cap.rejected, signal=signals.item_error)
        crawler.signals.connect(spider._spider_opened, signal=signals.spider_opened)
        spider._recover_jobdir()
        return spider

    def _recover_jobdir(self) -> None:
        # Here, because the scheduler opens the JOBDIR's queue right after the spider exists.
        path = job_dir(self.crawler.settings)
        if path is None:
            return
        jobdir = Path(path)
        if begin_run(jobdir):
            # Counted at spider_opened: the crawler has no stats yet.
            self._jobdir_recovered = True
            self.logger.warning(
                "The last crawl in JOBDIR %s did not stop cleanly: its request queue "
                "is dropped; sources are read again and the store says what is done",
                jobdir,
            )
        self._jobdir = jobdir
        # spider_closed comes after the scheduler has written its queue to disk.
        self.crawler.signals.connect(self._end_job_run, signal=signals.spider_closed)

    def _spider_opened(self, **_: Any) -> None:
        if self._jobdir_recovered:
            self.stat("jobdir/recovered")
        self.load_known()

    def _end_job_run(self, **_: Any) -> None:
        if self._jobdir is not None:
            end_run(self._jobdir)

    # -- configuration helpers -------------------------------------------------

    @property
    def site(self) -> str | None:
        """Site key written into items; ``None`` keeps the extractor's value."""
        return self.name

    def _base_netloc(self) -> str:
        base_url = getattr(self.args, "base_url", "")
        if not base_url:
            return ""
        parts = urlsplit(base_url)
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))

    def rebase(self, url: str) -> str:
        """Point ``url`` at ``base_url`` when it is on one of the declared domains."""
        if not self._base:
            return url
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not any(
            host == d or host.endswith(f".{d}") for d in type(self).allowed_domains
        ):
            return url
        base = urlsplit(self._base)
        return urlunsplit(
            (base.scheme, base.netloc, parts.path, parts.query, parts.fragment)
        )

    def is_allowed_url(self, url: str) -> bool:
        """Whether ``url`` belongs to the site: its declared domains or the base URL's host."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            return False
        if self._base:
            return parts.netloc.lower() == urlsplit(self._base).netloc.lower()
        host = (parts.hostname or "").lower()
        return not self.allowed_domains or any(
            host == domain or host.endswith(f".{domain}")
            for domain in self.allowed_domains
        )

    def is_article_url(self, url: str, *, listed: bool = False) -> bool:
        """Whether ``url`` is worth fetching as an article.

        ``listed`` is true for feed and sitemap entries: the site itself lists them
        as content, so without a site rule only clearly non-article URLs are dropped.
        """
        if any(pattern.search(url) for pattern in self._deny):
            return False
        if self._allow:
            return any(pattern.search(url) for pattern in self._allow)
        return not is_excluded_url(url) if listed else looks_like_article_url(url)

    def is_listing_url(self, url: str) -> bool:
        """Whether a link on a listing page leads to another listing worth reading."""
        return not any(
            pattern.search(url) for pattern in self._deny
        ) and looks_like_listing_url(url)

    # -- max_articles ------------------------------------------------------------

    def cap_reached(self) -> bool:
        """Whether ``max_articles`` articles are stored or on their way (see articlecap)."""
        return self.article_cap.reached()

    def _close_at_cap(self) -> None:
        self.logger.info("max_articles=%d reached, closing", self.article_cap.limit)
        deferred_from_coro(
            self.crawler.engine.close_spider_async(reason="max_articles")
        )

    # -- requests ------------------------------------------------------------------

    def start_sources(self) -> list[Source]:
        """Return the declared sources, rebased on ``base_url`` when one is given."""
        return [Source(source.kind, self.rebase(source.url)) for source in self.sources]

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
        return scrapy.Request(
            url,
            callback=callbacks[kind],
            errback=self.source_failed,
            priority=priority,
            meta={
                "newscrawl_source": kind,
                "newscrawl_depth": depth,
                "newscrawl_page": page,
            },
        )

    def article_request(
        self,
        url: str,
        listed_date: datetime | None = None,
        *,
        listed: bool = False,
        changed: datetime | None = None,
    ) -> scrapy.Request | None:
        """Return a request for ``url`` as an article, or ``None`` when the rules say no.

        ``changed`` is the last-change date a feed or sitemap gives (``lastmod``); it
        decides whether a stored recent article is fetched again.
        """
        target = self.article_target(url, listed=listed)
        if target is None:
            return None
        return self.request_article(target, listed_date, changed=changed)

    def article_target(self, url: str, *, listed: bool = False) -> str | None:
        """Return the canonical form of ``url`` when it is an article of this site."""
        url = canonicalize_url(self.rebase(url))
        if not self.is_allowed_url(url) or not self.is_article_url(url, listed=listed):
            return None
        return url

    def request_article(
        self,
        url: str,
        listed_date: datetime | None = None,
        *,
        changed: datetime | None = None,
    ) -> scrapy.Request | None:
        """Request the canonical article URL ``url`` unless this run or the store has it.

        Only the in-run set dedups it (see :meth:`source_request`); an article counts
        as done only once the SQLite pipeline has committed its row.
        """
        if url in self._requested_articles or self.cap_reached():
            return None
        if self._skip_known(url, changed):
            return None
        self._requested_articles.add(url)
        bonus = 0
        if listed_date is not None:
            age_days = (datetime.now(UTC) - listed_date).days
            bonus = _RECENCY_DAYS - min(_RECENCY_DAYS, max(0, age_days))
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            priority=_ARTICLE_PRIORITY + bonus,
        )

    def article_failed(self, failure: Failure) -> None:
        """Count and log an article page that could not be fetched, with the reason."""
        reason = fetch_failure_reason(failure.value)
        self.stat(f"fetch_failed/{reason}")
        request = getattr(failure, "request", None)
        self.logger.warning(
            "Cannot fetch article %s (%s): %s",
            request.url if request is not None else "?",
            reason,
            failure.getErrorMessage(),
        )
        if request is not None:
            self._settle(request)

    def _settle(self, request: scrapy.Request) -> None:
        """Announce a request that ended without an item (distributed mode)."""
        self.crawler.signals.send_catch_log(
            signal=article_settled, url=requested_url(request)
        )

    def source_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        kind = request.meta.get("newscrawl_source", "listing") if request else "listing"
        self.stat(f"sources/{kind}/failed")
        self.logger.warning(
            "Cannot read %s %s: %s", kind, request, failure.getErrorMessage()
        )
        if request is not None:
            self._settle(request)

    def _too_old(self, entry: Entry) -> bool:
        since = self.args.since
        return since is not None and entry.date is not None and entry.date < since

    # -- feeds and sitemaps --------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            entries = parse_feed(response.body, response.url, self.tz)
        except SourceError as error:
            self._unreadable("feed", response, error)
            return
        self.stat("sources/feed/ok")
        for entry in sort_newest_first(entries):
            if self._too_old(entry):
                self.stat("skipped/too_old")
                continue
            request = self.article_request(
                entry.url, entry.date, listed=True, changed=entry.changed
            )
            if request is not None:
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if urlsplit(response.url).path.endswith("/robots.txt"):
            yield from self.parse_robots(response)
            return
        max_size = int(
            response.meta.get(
                "download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE")
            )
        )
        try:
            doc = parse_sitemap(response.body, response.url, self.tz, max_size=max_size)
        except SourceError as error:
            self._unreadable("sitemap", response, error)
            return
        if doc.recovered:
            # Counted as failed, but the entries that could be read are still used.
            self._unreadable("sitemap", response, "malformed XML, reading what is left")
        else:
            self.stat("sources/sitemap/ok")
        for entry in sort_newest_first(doc.entries):
            if self._too_old(entry):
                self.stat(
                    "skipped/too_old"
                    if doc.kind == "urlset"
                    else "sources/sitemap/too_old"
                )
                continue
            if doc.kind == "index":
                url = self.rebase(entry.url)
                if self.is_allowed_url(url) and not self.cap_reached():
                    request = self.source_request("sitemap", url)
                    if request is not None:
                        yield request
                continue
            request = self.article_request(
                entry.url, entry.date, listed=True, changed=entry.changed
            )
            if request is not None:
                yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines of a robots.txt on the site's own hosts."""
        self.stat("sources/robots/ok")
        for url in sitemaps_from_robots(response.body, response.url):
            rebased = self.rebase(url)
            request = (
                self.source_request("sitemap", rebased)
                if self.is_allowed_url(rebased)
                else None
            )
            if request is not None:
                yield request

    def _unreadable(self, kind: str, response: Response, error: object) -> None:
        self.stat(f"sources/{kind}/failed")
        self.logger.warning("Unreadable %s %s: %s", kind, response.url, error)

    # -- listing pages ---------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self._unreadable("listing", response, "not a text page")
            return
        self.stat("sources/listing/ok")
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

    def _links(self, response: TextResponse) -> list[str]:
        hrefs = response.xpath("//a[@href]/@href").getall()
        links = (self.rebase(urljoin(response.url, href.strip())) for href in hrefs)
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
        url = self.rebase(urljoin(response.url, href.strip()))
        return url if self.is_allowed_url(url) else None

    # -- article pages -----------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Article]:
        found = False
        for article in self.read_article(response):
            found = True
            yield article
        if not found and response.request is not None:
            self._settle(response.request)

    def read_article(self, response: Response) -> Iterator[Article]:
        """Yield the article of ``response``, or nothing when it is none (counted)."""
        if not isinstance(response, TextResponse):
            self.stat("skipped/not_html")
            return
        if not self.is_allowed_url(response.url):
            self.stat("skipped/offsite_redirect")
            return
        self.stat("articles/parsed")
        try:
            reading = self.extract(response)
        except Exception:
            self.stat("parse/errors")
            self.logger.exception("Cannot extract %s", response.url)
            return
        article = reading.article
        if not self.is_article_page(reading):
            self.stat("skipped/not_article")
            return
        if self._published_too_old(article):
            self.stat("skipped/too_old")
            return
        if self.cap_reached():
            self.stat("skipped/max_articles")
            return
        article.crawled_at = datetime.now(UTC).isoformat(timespec="seconds")
        if self.site:
            article.site = self.site
        self.article_cap.yielded()
        yield article

    def extract(self, response: TextResponse) -> PageReading:
        """Read an article response with the declared parser, else the registry's."""
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        # A declared parser is used whatever the host, so it also runs on a base_url copy.
        reading = read_page(
            response.body,
            response.url,
            fetched_at=datetime.now(UTC),
            encoding=http_content_type_encoding(content_type),
            parser=self.parser,
        )
        if isinstance(reading.parser, SiteParser):
            self._count_site_fields(reading.parser)
        return reading

    def _count_site_fields(self, parser: SiteParser) -> None:
        """Count, per field, the pages where the site parser itself found a value.

        ``newscrawl.extensions.quality`` turns these counts into shares at the end of
        the crawl and raises the alarm when a layout change starves a field.
        """
        prefix = f"quality/{self.site or parser.site_key}"
        self.stat(f"{prefix}/pages")
        for name in parser.site_field_names():
            if name in parser.found_by_site:
                self.stat(f"{prefix}/{name}/found")
            else:
                self.stat(f"{prefix}/{name}/missed")

    def is_article_page(self, reading: PageReading) -> bool:
        """Whether the fetched page is an article; site rules already decided that."""
        return True

    def _published_too_old(self, article: Article) -> bool:
        since = self.args.since
        if since is None:
            return False
        published = parse_published(article.published, self.tz)
        return published is not None and is_before(published, since, self.tz)
