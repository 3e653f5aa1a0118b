"""SQLite storage: upsert every article into the ``articles`` table, committing in batches."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl import defaults
from newscrawl.extensions.outcome import STORAGE_ERRORS
from newscrawl.fingerprint import content_fingerprint
from newscrawl.signals import store_flush
from newscrawl.store.sqlite import ArticleStore, UpsertResult
from newscrawl.urls import canonicalize_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_stat_prefixes = {UpsertResult.INSERTED: "stored", UpsertResult.UPDATED: "updated"}


class SQLitePipeline:
    """Store articles in SQLite at ``NEWSCRAWL_SQLITE_PATH`` (``:memory:`` allowed)."""

    def __init__(self, crawler: Crawler, path: str, batch_size: int) -> None:
        self.crawler = crawler
        self.path = path
        self.batch_size = max(1, batch_size)
        self.store: ArticleStore | None = None
        self._pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_SQLITE_ENABLED", defaults.NEWSCRAWL_SQLITE_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_SQLITE_ENABLED is off")
        path = str(
            settings.get("NEWSCRAWL_SQLITE_PATH", defaults.NEWSCRAWL_SQLITE_PATH)
        )
        batch_size = settings.getint(
            "NEWSCRAWL_SQLITE_BATCH_SIZE", defaults.NEWSCRAWL_SQLITE_BATCH_SIZE
        )
        pipeline = cls(crawler, path, batch_size)
        crawler.signals.connect(pipeline.flush, signal=store_flush)
        return pipeline

    def flush(self) -> None:
        if self.store is not None and self._pending:
            self.store.commit()
            self._pending = 0

    def open_spider(self) -> None:
        self.store = ArticleStore(self.path)

    def close_spider(self) -> None:
        if self.store is None:
            return
        store, self.store = self.store, None
        try:
            store.close()
        except sqlite3.Error:
            # The last batch went with the transaction: the job must not look clean.
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(STORAGE_ERRORS)
            raise

    def process_item(self, item: Any) -> Any:
        if self.store is None:
            raise RuntimeError(
                "SQLitePipeline.process_item() called before open_spider()"
            )
        record = ItemAdapter(item).asdict()
        # Without the dedup pipeline these are still unset, and the upsert needs both.
        if not record.get("canonical_url") and record.get("url"):
            record["canonical_url"] = canonicalize_url(record["url"])
        if not record.get("fingerprint"):
            record["fingerprint"] = content_fingerprint(record.get("body"))
        result = self.store.upsert(record)
        prefix = _stat_prefixes.get(result)
        if prefix is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(
                f"newscrawl/{prefix}/{record.get('site') or 'unknown'}"
            )
        self._pending += 1
        if self._pending >= self.batch_size:
            self.store.commit()
            self._pending = 0
        return item
