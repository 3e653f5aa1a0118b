"""The ``warc`` spider: articles from WARC files instead of the web.

``scrapy crawl warc -a files="CC-NEWS-20240601*.warc.gz" -a since=2024-06-01``
``scrapy crawl warc -a files=https://data.commoncrawl.org/crawl-data/CC-NEWS/2024/06/warc.paths.gz -a since=2d``

Common Crawl's CC-NEWS and other web archives store news pages as WARC records.
This spider fetches no page. ``start()`` reads the files (``newscrawl.warcfile``),
local ones or, given by URL, as they download (``newscrawl.remotefile`` resumes a
dropped connection); a listing's URL stands for the files it names, less those that
``since`` rules out by the time in their names (``newscrawl.warcsources``). Reading
runs in a worker thread. Each stored response becomes a request that
``StoredPageMiddleware`` answers with it, so the page is read exactly as in a crawl
(site parser by domain, else the generic extractor; the generic spider's test of
what is an article), with the record's ``WARC-Date`` as the fetch time, and the
same pipelines clean, date, validate, deduplicate and store it. Pages the store
holds are skipped (a re-run after a kill reads the files again and adds what is
missing), and so is a URL an archive holds twice.

A damaged file, or one the server stops sending, is logged and counted
(``newscrawl/warc/unreadable_files``; a listing: ``…/unreadable_listings``); the
records read before the damage are kept, and the next file is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, Self
from urllib.parse import urlsplit

import scrapy
from scrapy_spider_metadata import Args  # type: ignore[attr-defined]
from twisted.internet.threads import deferToThread

from newscrawl.extraction.site import SiteParser
from newscrawl.languages import declared_language, is_wanted
from newscrawl.middlewares.storedpages import STORED_PAGE
from newscrawl.params import WarcSpiderParams
from newscrawl.remotefile import RemoteFile
from newscrawl.spiders.articlecrawl import FETCHED_AT
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import reads_as_article
from newscrawl.threads import in_thread
from newscrawl.urls import canonicalize_url
from newscrawl.warcfile import WarcError, WarcPage, read_archive
from newscrawl.warcsources import files_since, is_listing, listed_urls

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

    from scrapy.crawler import Crawler
    from scrapy.http import TextResponse

    from newscrawl.extraction import PageReading

_OK = 200
# Pages handed over per trip to the reading thread: each trip costs thread switches
# (16 a trip read 10% fewer pages a second than 64 in make bench-warc), and a trip's
# pages wait in memory, so a trip also ends after a few large ones.
_PAGES_PER_READ = 64
_BYTES_PER_READ = 16 * 1024 * 1024
# A listing names one file a line: ten million bytes is far more than any will hold.
_MAX_LISTING = 10_000_000


def _take(pages: Iterator[WarcPage]) -> tuple[list[WarcPage], WarcError | None]:
    """Read a trip's pages; the damage that stopped the reading comes after them."""
    batch: list[WarcPage] = []
    size = 0
    try:
        for page in pages:
            batch.append(page)
            size += len(page.body)
            if len(batch) >= _PAGES_PER_READ or size >= _BYTES_PER_READ:
                break
    except WarcError as damage:
        return batch, damage
    return batch, None


class WarcSpider(NewsSpider, Args[WarcSpiderParams]):
    """Read articles from WARC files; no page is fetched."""

    name = "warc"
    args: WarcSpiderParams  # type: ignore[assignment]
    # Nothing is fetched, so no host's robots.txt is waited for.
    custom_settings = {"ROBOTSTXT_OBEY": False}  # noqa: RUF012 - Scrapy's own attribute

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        if crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            # Each page would wait in the Redis queue as a request carrying its body.
            raise ValueError(
                "the warc spider does not run on the Redis frontier"
                " (NEWSCRAWL_REDIS_URL): split the files between jobs with"
                " -a shard=i/n instead; they share the store"
            )
        return super().from_crawler(crawler, *args, **kwargs)

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
        for source in await self._sources():
            self.logger.info("Reading %s", source)
            try:
                async for page in self._pages(source):
                    request = self._page_request(page)
                    if request is not None:
                        yield request
                    if self.cap_reached():
                        return
            except (WarcError, OSError) as error:
                # OSError: a local file gone or unreadable since the arguments were read.
                self.stat("warc/unreadable_files")
                self.logger.error("Cannot read on in a WARC file: %s", error)
            else:
                self.stat("warc/files")

    async def _sources(self) -> list[Path | str]:
        """List the files to read: listings replaced by their files, ``since`` applied."""
        sources: list[Path | str] = []
        for source in self.args.files:
            if not (isinstance(source, str) and is_listing(source)):
                sources.append(source)
                continue
            try:
                sources.extend(await in_thread(self._listed, source))
            except (OSError, ValueError) as error:
                self.stat("warc/unreadable_listings")
                self.logger.error("Cannot read the WARC listing %s: %s", source, error)
        kept = files_since(sources, self.args.since)
        if len(kept) < len(sources):
            self.stat("skipped/warc_files_before_since", len(sources) - len(kept))
        if self.args.shard is None:
            return kept
        # After since, so that the shards share out the files that are read.
        index, count = self.args.shard
        mine = kept[index - 1 :: count]
        self.logger.info(
            "Shard %d/%d: %d of the %d files", index, count, len(mine), len(kept)
        )
        return mine

    def _listed(self, url: str) -> list[str]:
        """Return the files the listing at ``url`` names (in a worker thread)."""
        with self._remote(url) as listing:
            return listed_urls(listing.read_whole(_MAX_LISTING), url)

    async def _pages(self, source: Path | str) -> AsyncIterator[WarcPage]:
        """Yield the pages of one file, read in a worker thread a few at a time.

        Reading (from a disk, from a server) and unpacking never hold up the reactor,
        which meanwhile extracts and stores the pages read before.
        """
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        if isinstance(source, str):
            stream: BinaryIO | RemoteFile = self._remote(source)
        else:
            stream = source.open("rb")
        try:
            pages = read_archive(stream, str(source), max_size=max_size)
            while True:
                batch, damage = await in_thread(_take, pages)
                for page in batch:
                    yield page
                if damage is not None:
                    raise damage
                if not batch:
                    break
        finally:
            # When the crawl closes early, a read may still be under way in the
            # worker thread, and closing a stream waits for its read: so the closing
            # waits in a worker thread too, never on the reactor.
            deferToThread(stream.close).addErrback(lambda _: None)
            if isinstance(stream, RemoteFile) and stream.reconnects:
                self.stat("warc/reconnects", stream.reconnects)

    def _remote(self, url: str) -> RemoteFile:
        return RemoteFile(
            url,
            user_agent=self.settings.get("USER_AGENT"),
            timeout=self.settings.getfloat("DOWNLOAD_TIMEOUT"),
            attempts=self.settings.getint("RETRY_TIMES") + 1,
        )

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
        if self.languages and not is_wanted(
            declared_language(page.body), self.languages
        ):
            # Most of an archive, with a filter: skipped before it costs a request.
            self.stat("skipped/language")
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
