"""Deduplication: one record per canonical URL, copies of a body marked ``duplicate_of``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl import defaults
from newscrawl.fingerprint import content_fingerprint
from newscrawl.store.sqlite import MEMORY, ArticleStore, StoredVersion
from newscrawl.urls import canonicalize_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SeenArticles:
    """What this run has let through, plus (optionally) what earlier runs stored.

    The storage pipeline commits in batches, so the store lags behind this run; the
    in-memory part covers the gap.
    """

    def __init__(self, store: ArticleStore | None = None) -> None:
        self.store = store
        self._urls: set[str] = set()
        self._first_by_fingerprint: dict[str, str] = {}

    def seen_in_run(self, canonical_url: str) -> bool:
        return canonical_url in self._urls

    def stored_version(self, canonical_url: str) -> StoredVersion | None:
        return self.store.version(canonical_url) if self.store is not None else None

    def original_of(self, fingerprint: str, canonical_url: str) -> str | None:
        """Canonical URL of the first article with this body under another URL."""
        first = self._first_by_fingerprint.get(fingerprint)
        if first is not None and first != canonical_url:
            return first
        if self.store is not None:
            return self.store.first_with_fingerprint(
                fingerprint, other_than=canonical_url
            )
        return None

    def add(
        self, canonical_url: str, fingerprint: str | None, original: str | None
    ) -> None:
        self._urls.add(canonical_url)
        if fingerprint is not None:
            self._first_by_fingerprint.setdefault(
                fingerprint, original or canonical_url
            )

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def check_duplicate(
    seen: SeenArticles,
    canonical_url: str,
    fingerprint: str | None,
    modified: str | None,
) -> tuple[bool, str | None]:
    """Return ``(is_duplicate_url, duplicate_of)`` for one article and record it as seen.

    A URL already seen in this run, or stored with the same body and ``modified``, is a
    duplicate to drop; a stored URL whose body or ``modified`` changed is an update.
    """
    if seen.seen_in_run(canonical_url):
        return True, None
    if seen.stored_version(canonical_url) == StoredVersion(fingerprint, modified):
        seen.add(canonical_url, fingerprint, None)
        return True, None
    original = seen.original_of(fingerprint, canonical_url) if fingerprint else None
    seen.add(canonical_url, fingerprint, original)
    return False, original


class DedupPipeline:
    """Drop URL duplicates and mark content copies, reading the SQLite store when there is one."""

    def __init__(self, crawler: Crawler, store_path: str | None) -> None:
        self.crawler = crawler
        self.store_path = store_path
        self.seen = SeenArticles()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_DEDUP_ENABLED", defaults.NEWSCRAWL_DEDUP_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_DEDUP_ENABLED is off")
        store_path: str | None = None
        if settings.getbool(
            "NEWSCRAWL_SQLITE_ENABLED", defaults.NEWSCRAWL_SQLITE_ENABLED
        ):
            store_path = str(
                settings.get("NEWSCRAWL_SQLITE_PATH", defaults.NEWSCRAWL_SQLITE_PATH)
            )
        return cls(crawler, store_path)

    def open_spider(self) -> None:
        # A second connection to ":memory:" would be a different, empty database.
        store = None
        if self.store_path and self.store_path != MEMORY:
            store = ArticleStore(self.store_path)
        self.seen = SeenArticles(store)

    def close_spider(self) -> None:
        self.seen.close()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get("canonical_url") or adapter.get("url")
        if not url:
            return item
        canonical_url = canonicalize_url(url)
        fingerprint = content_fingerprint(adapter.get("body"))
        adapter["canonical_url"] = canonical_url
        adapter["fingerprint"] = fingerprint
        is_duplicate, original = check_duplicate(
            self.seen, canonical_url, fingerprint, adapter.get("modified")
        )
        if is_duplicate:
            self._inc("newscrawl/dropped/duplicate_url")
            raise DropItem("duplicate_url")
        if original is not None:
            adapter["duplicate_of"] = original
            self._inc("newscrawl/duplicates/content")
            logger.debug("%s has the same body as %s", canonical_url, original)
        return item

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
