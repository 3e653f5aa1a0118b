"""Incremental crawling: what the store already holds is not requested again.

The store's committed rows (SQLite or PostgreSQL) are the record of what is done. At spider open the
stored URLs are loaded once (as hashes: about 0.2 s and 2-3 MB per 100k articles, far
cheaper than one query per link, since a crawl sees many more links than new
articles), only those on the spider's own hosts where it names them
(:meth:`IncrementalCrawl.known_hosts`). A stored article is requested again only when
it is recent (``NEWSCRAWL_REFRESH_DAYS``) and a feed or sitemap dates it after the
stored version.
A page confirmed to be no article is not requested for ``NEWSCRAWL_NOT_ARTICLE_DAYS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.utils.misc import load_object

from newscrawl import defaults
from newscrawl.pipelines.store import StorePipeline
from newscrawl.store.known import KnownArticles
from newscrawl.store.sqlite import MEMORY
from newscrawl.store.target import store_target
from newscrawl.urlhashes import UrlHashes

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from scrapy.settings import BaseSettings


def _writes_store(settings: BaseSettings) -> bool:
    """Whether the crawl writes to the store, whose rows then say what is done."""
    for key, order in settings.getwithbase("ITEM_PIPELINES").items():
        if order is None:
            continue
        pipeline = load_object(key) if isinstance(key, str) else key
        if isinstance(pipeline, type) and issubclass(pipeline, StorePipeline):
            return True
    return False


class IncrementalCrawl(scrapy.Spider):
    """Spider mixin: skip article URLs the store holds unless a source shows a change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._known: KnownArticles | None = None
        # Stored URLs skipped in this run, so each counts once in the stats: a re-run
        # meets every URL a site's sitemaps still list, so 8 bytes a URL (a set of
        # their hashes took about 70). Nothing is taken out: a URL once requested is
        # not asked about again (ArticleCrawl.claim_article).
        self._skipped_known = UrlHashes()

    def stat(self, key: str, count: int = 1) -> None:
        """Add ``count`` to the stat ``newscrawl/<key>``."""
        self.crawler.stats.inc_value(f"newscrawl/{key}", count)

    @property
    def known(self) -> KnownArticles:
        """Articles the store held when the crawl started (empty when it is off)."""
        if self._known is None:
            self._known = self._read_known()
        return self._known

    def load_known(self) -> None:
        """Read the store now, so the cost is paid before the first link, not in a callback."""
        if self._known is None:
            self._known = self._read_known()

    def _read_known(self) -> KnownArticles:
        settings = self.crawler.settings
        path = store_target(settings)
        enabled = settings.getbool(
            "NEWSCRAWL_INCREMENTAL_ENABLED", defaults.NEWSCRAWL_INCREMENTAL_ENABLED
        ) and settings.getbool(
            "NEWSCRAWL_SQLITE_ENABLED", defaults.NEWSCRAWL_SQLITE_ENABLED
        )
        # The store is the record of what is done only when this crawl writes to it.
        if not (enabled and _writes_store(settings)) or not path or path == MEMORY:
            return KnownArticles()
        refresh_days = settings.getfloat(
            "NEWSCRAWL_REFRESH_DAYS", defaults.NEWSCRAWL_REFRESH_DAYS
        )
        non_article_days = settings.getfloat(
            "NEWSCRAWL_NOT_ARTICLE_DAYS", defaults.NEWSCRAWL_NOT_ARTICLE_DAYS
        )
        known = KnownArticles.load(
            path,
            refresh_days=refresh_days,
            non_article_days=non_article_days,
            hosts=self.known_hosts(),
        )
        self.crawler.stats.set_value("newscrawl/incremental/known", len(known))
        self.logger.info(
            "Incremental crawl: %d stored URLs, %d recent enough to re-check,"
            " %d pages known to be no article",
            len(known),
            len(known.recent),
            len(known.non_articles),
        )
        return known

    def known_hosts(self) -> Sequence[str]:
        """Name the hosts whose stored articles this crawl may meet; none for any host.

        Only their URLs are loaded (see :mod:`newscrawl.store.known`), so each must cover
        every article URL this spider can ask about, for the whole run.
        """
        return ()

    def _skip_known(self, url: str, changed: datetime | None) -> bool:
        """Whether ``url`` is stored and its source gives no sign of a change.

        Also whether it is a page lately confirmed to be no article; a stored article
        is never one, whatever the page once was.
        """
        if not self.known.is_known(url):
            if not self.known.is_non_article(url):
                return False
            if self._mark_skipped(url):
                self.stat("incremental/skipped_non_article")
            return True
        if self.known.needs_refresh(url, changed):
            self.stat("incremental/refreshed")
            if url in self._skipped_known:
                # An undated link skipped it before this dated entry came along.
                self.stat("incremental/skipped_known", -1)
            return False
        if self._mark_skipped(url):
            self.stat("incremental/skipped_known")
        return True

    def _mark_skipped(self, url: str) -> bool:
        """Note ``url`` as skipped in this run; whether it was not already."""
        if url in self._skipped_known:
            return False
        self._skipped_known.add(url)
        return True
