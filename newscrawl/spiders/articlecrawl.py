"""Article requests, the ``max_articles`` budget and the article callback.

The middle layer of ``NewsSpider`` (see ``base.py``). It knows nothing of feeds,
sitemaps or listings: ``sourcecrawl.py`` hands it URLs through
:meth:`ArticleCrawl.article_request` and :meth:`ArticleCrawl.request_article`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import TextResponse
from scrapy.utils.defer import deferred_from_coro
from w3lib.encoding import http_content_type_encoding

from newscrawl import defaults
from newscrawl.extraction import PageReading, read_page
from newscrawl.extraction.site import SiteParser
from newscrawl.languages import declared_language, is_wanted
from newscrawl.signals import article_settled, non_article_seen
from newscrawl.spiders.articlecap import ArticleCap
from newscrawl.spiders.declared import DeclaredSpider
from newscrawl.spiders.failures import fetch_failure_reason
from newscrawl.spiders.hosts import is_web_url
from newscrawl.spiders.pagekind import PageKind, declared_kind
from newscrawl.spiders.recency import article_priority, published_before
from newscrawl.urlhashes import UrlHashes
from newscrawl.urls import canonicalize_url, requested_url

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newscrawl.items import Article


# Request meta key: the time a response handed to the spider was fetched, when that
# was not just now (a WARC record); relative dates and ``crawled_at`` count from it.
FETCHED_AT = "newscrawl_fetched_at"


class ArticleCrawl(DeclaredSpider):
    """Request each article once per run and turn its page into an ``Article``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article_cap = ArticleCap(self.args.max_articles, self._close_at_cap)
        # Scrapy's dupefilter is off (see SourceCrawl.source_request), so the spider
        # keeps its own in-run sets: each URL is requested at most once per run. They
        # live in memory only; what survives a crash is the store's committed rows.
        # The article set is the one that grows with every page of a run (a month of
        # CC-NEWS is some 15 million), so it keeps hashes, 8 bytes a URL.
        self._requested_articles = UrlHashes()
        self.languages = frozenset(self.args.languages)
        self._reported_field_failures: set[str] = set()

    # -- max_articles ------------------------------------------------------------

    def cap_reached(self) -> bool:
        """Whether ``max_articles`` articles are stored or on their way (see articlecap)."""
        return self.article_cap.reached()

    def _close_at_cap(self) -> None:
        self.logger.info("max_articles=%d reached, closing", self.article_cap.limit)
        deferred_from_coro(
            self.crawler.engine.close_spider_async(reason="max_articles")
        )

    # -- requests ----------------------------------------------------------------

    def article_request(
        self,
        url: str,
        listed_date: datetime | None = None,
        *,
        listed: bool = False,
        changed: datetime | None = None,
        any_host: bool = False,
    ) -> scrapy.Request | None:
        """Return a request for ``url`` as an article, or ``None`` when the rules say no.

        ``changed`` is the last-change date a feed or sitemap gives (``lastmod``); it
        decides whether a stored recent article is fetched again. With ``any_host``
        (an entry of a feed or sitemap the user named) the article may be on any host.
        """
        target = self.article_target(url, listed=listed, any_host=any_host)
        if target is None:
            return None
        return self.request_article(
            target, listed_date, changed=changed, any_host=any_host
        )

    def article_target(
        self, url: str, *, listed: bool = False, any_host: bool = False
    ) -> str | None:
        """Return the canonical form of ``url`` when it is an article of this site."""
        url = canonicalize_url(self.rebase(url))
        if not (self.is_allowed_url(url) or (any_host and is_web_url(url))):
            return None
        if not self.is_article_url(url, listed=listed):
            return None
        return url

    def request_article(
        self,
        url: str,
        listed_date: datetime | None = None,
        *,
        changed: datetime | None = None,
        any_host: bool = False,
    ) -> scrapy.Request | None:
        """Request the canonical article URL ``url`` unless this run or the store has it.

        Only the in-run set dedups it (see ``SourceCrawl.source_request``); an article
        counts as done only once the SQLite pipeline has committed its row. An
        ``any_host`` article carries Scrapy's ``allow_offsite``, which also tells
        :meth:`parse_article` (in whichever worker fetches it) to read it.
        """
        if not self.claim_article(url, changed=changed):
            return None
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            priority=article_priority(listed_date, datetime.now(UTC)),
            meta={"allow_offsite": True} if any_host else None,
        )

    def claim_article(self, url: str, *, changed: datetime | None = None) -> bool:
        """Record the canonical article URL ``url`` as taken in this run.

        False when this run took it already, ``max_articles`` is reached, or the
        store has it and ``changed`` gives no reason to read it again.
        """
        if url in self._requested_articles or self.cap_reached():
            return False
        if self._skip_known(url, changed):
            return False
        self._requested_articles.add(url)
        return True

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

    def _settle(
        self, request: scrapy.Request, links: Sequence[scrapy.Request] = ()
    ) -> None:
        """Announce a request that ended without an item (distributed mode)."""
        self.crawler.signals.send_catch_log(
            signal=article_settled, url=requested_url(request), links=links
        )

    # -- article pages -----------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Article | scrapy.Request]:
        found = False
        for result in self.read_article(response):
            found = found or not isinstance(result, scrapy.Request)
            yield result
        if not found and response.request is not None:
            self._settle(response.request)

    def read_article(self, response: Response) -> Iterator[Article | scrapy.Request]:
        """Yield the article of ``response``, or nothing when it is none (counted).

        From a page that is none, the requests :meth:`links_of_non_article` makes.
        """
        if not isinstance(response, TextResponse):
            self._no_article(response, "not_html")
            return
        skipped = self._skip_unread(response)
        if skipped is not None:
            self.stat(f"skipped/{skipped}")
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
            self._no_article(response, "not_article")
            yield from self.links_of_non_article(response)
            return
        skipped = self._skip_read(article)
        if skipped is not None:
            self.stat(f"skipped/{skipped}")
            return
        if article.paywalled:
            self.stat("articles/paywalled")
        article.crawled_at = fetched_at(response).isoformat(timespec="seconds")
        if self.site:
            article.site = self.site
        self.article_cap.yielded()
        yield article

    def _skip_unread(self, response: TextResponse) -> str | None:
        """Say why a page is not worth extracting, if it is not."""
        if not (
            response.meta.get("allow_offsite") or self.is_allowed_url(response.url)
        ):
            return "offsite_redirect"
        if self.languages and not is_wanted(
            declared_language(response.body), self.languages
        ):
            # Told by the <html> tag: neither read nor its links followed.
            return "language"
        return None

    def _skip_read(self, article: Article) -> str | None:
        """Say why an article read is not kept, if it is not."""
        if not is_wanted(article.language, self.languages):
            return "language"
        if published_before(article.published, self.args.since, self.tz):
            return "too_old"
        if self.cap_reached():
            return "max_articles"
        return None

    def links_of_non_article(self, response: TextResponse) -> Iterator[scrapy.Request]:
        """Return requests for the links of a page fetched as an article that is none.

        None at this layer; the source layer reads a section front listed in a sitemap
        as the listing it is, rather than fetching it again as one.
        """
        return iter(())

    def _no_article(self, response: Response, reason: str) -> None:
        """Count a fetched page that is no article, and have the store note it."""
        self.stat(f"skipped/{reason}")
        if response.request is not None:
            self.crawler.signals.send_catch_log(
                signal=non_article_seen, url=requested_url(response.request)
            )

    def extract(self, response: TextResponse) -> PageReading:
        """Read an article response with the declared parser, else the registry's."""
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        # A declared parser is used whatever the host, so it also runs on a base_url copy.
        reading = read_page(
            response.body,
            response.url,
            fetched_at=fetched_at(response),
            encoding=http_content_type_encoding(content_type),
            parser=self.parser,
            detect_language=self.crawler.settings.getbool(
                "NEWSCRAWL_DETECT_LANGUAGE", defaults.NEWSCRAWL_DETECT_LANGUAGE
            ),
        )
        if isinstance(reading.parser, SiteParser):
            self._count_site_fields(reading.parser)
        self._count_failed_fields(reading, response.url)
        return reading

    def _count_failed_fields(self, reading: PageReading, url: str) -> None:
        """Count fields whose reader raised; the rest of the article is kept.

        A raising reader is a bug of ours, not of the page: said once per field at
        WARNING (the reader's traceback is at DEBUG), then only counted.
        """
        for name in reading.parser.failed_fields:
            self.stat(f"extraction/field_failed/{name}")
            if name not in self._reported_field_failures:
                self._reported_field_failures.add(name)
                self.logger.warning(
                    "Reading %r failed on %s; the field is left empty (counted in"
                    " newscrawl/extraction/field_failed/%s, later failures at DEBUG)",
                    name,
                    url,
                    name,
                )

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
        """Whether the fetched page is an article; the site's URL rules sent it here.

        Those rules let the odd section front through (sitemaps list them next to
        articles), so a page that says it is a listing is none. A site parser that
        does not find the body of a page has not recognised it, and there og:type
        "website" is taken for a listing too; an article whose layout changed still
        says it is one, and the generic readers fill it in as before. Without a site
        parser, "website" proves nothing: some sites put it on every page.
        """
        parser = reading.parser
        if not isinstance(parser, SiteParser):
            return declared_kind(reading) is not PageKind.LISTING
        if "body" in parser.found_by_site:
            return True
        return declared_kind(reading) not in {PageKind.LISTING, PageKind.WEBSITE}


def fetched_at(response: Response) -> datetime:
    """When the page was fetched: now, or the archive's date for a stored response."""
    stored = response.meta.get(FETCHED_AT) if response.request is not None else None
    return stored if isinstance(stored, datetime) else datetime.now(UTC)
