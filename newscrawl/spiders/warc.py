"""The ``warc`` spider: articles from WARC files instead of the web.

``scrapy crawl warc -a files="CC-NEWS-20240601*.warc.gz" -a since=2024-06-01``

Common Crawl's CC-NEWS and other web archives store news pages as WARC records.
This spider sends nothing out: ``start()`` reads the files (``newscrawl.warcfile``)
and makes each stored response a request that ``StoredPageMiddleware`` answers
with it, so the page is read exactly as in a crawl (site parser by domain, else
the generic extractor; the generic spider's test of what is an article), with
the record's ``WARC-Date`` as the fetch time, and the same pipelines clean, date,
validate, deduplicate and store it. Pages the store holds are skipped (a re-run
after a kill reads the files again and adds what is missing), and so is a URL an
archive holds twice.

A damaged file is logged and counted (``newscrawl/warc/unreadable_files``); the
records read before the damage are kept, and the next file is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy_spider_metadata import Args  # type: ignore[attr-defined]

from newscrawl.extraction.site import SiteParser
from newscrawl.middlewares.storedpages import STORED_PAGE
from newscrawl.params import WarcSpiderParams
from newscrawl.spiders.articlecrawl import FETCHED_AT
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import reads_as_article
from newscrawl.urls import canonicalize_url
from newscrawl.warcfile import WarcError, WarcPage, read_warc

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import TextResponse

    from newscrawl.extraction import PageReading

_OK = 200


class WarcSpider(NewsSpider, Args[WarcSpiderParams]):
    """Read articles from WARC files; no request goes out."""

    name = "warc"
    args: WarcSpiderParams  # type: ignore[assignment]
    # Nothing is fetched, so no host's robots.txt is waited for.
    custom_settings = {"ROBOTSTXT_OBEY": False}  # noqa: RUF012 - Scrapy's own attribute

    @property
    def site(self) -> str | None:
        return None

    def is_allowed_url(self, url: str) -> bool:
        return urlsplit(url).scheme in {"http", "https"}

    def is_article_page(self, reading: PageReading) -> bool:
        if isinstance(reading.parser, SiteParser):
            return super().is_article_page(reading)
        return reads_as_article(reading)

    def links_of_non_article(self, response: TextResponse) -> Iterator[scrapy.Request]:
        # An archive is read as it is: no page is fetched for the links of another.
        return iter(())

    async def start(self) -> AsyncIterator[scrapy.Request]:
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        for path in self.args.files:
            self.logger.info("Reading %s", path)
            try:
                for page in read_warc(path, max_size=max_size):
                    request = self._page_request(page)
                    if request is not None:
                        yield request
                    if self.cap_reached():
                        return
            except WarcError as error:
                self.stat("warc/unreadable_files")
                self.logger.error("Cannot read on in a WARC file: %s", error)
            else:
                self.stat("warc/files")

    def _page_request(self, page: WarcPage) -> scrapy.Request | None:
        """Return a request that the stored page answers, or None when it is skipped.

        A request rather than an item from ``start()``: see
        ``newscrawl.middlewares.storedpages``.
        """
        self.stat("warc/responses")
        if page.status != _OK:
            self.stat("skipped/warc_status")
            return None
        if page.too_large:
            self.stat("skipped/too_large")
            return None
        since = self.args.since
        if (
            since is not None
            and page.fetched_at is not None
            and page.fetched_at < since
        ):
            # Captured before ``since``, so published before it: not worth extracting.
            self.stat("skipped/too_old")
            return None
        url = canonicalize_url(page.url)
        if not self.is_allowed_url(url) or not self.claim_article(url):
            return None
        return scrapy.Request(
            page.url,
            callback=self.parse_article,
            errback=self.article_failed,
            meta={STORED_PAGE: page, FETCHED_AT: page.fetched_at},
        )
