"""Storage: upsert every article into the ``articles`` table, in batches, off the reactor.

The table lives in SQLite (``NEWSCRAWL_SQLITE_PATH``, the default) or, when
``NEWSCRAWL_DATABASE_URL`` is set, in PostgreSQL; :class:`ArticleStore` runs the same
SQL on both. Items are collected into batches of ``NEWSCRAWL_SQLITE_BATCH_SIZE``; each
batch is written and committed by one writer thread, so the crawl never waits on the
database. A batch that fails on a lost connection (a database restart, a network blip)
is kept and written again on a new connection, for up to
``NEWSCRAWL_STORE_RETRY_SECONDS``; a batch that still fails is counted
(``newscrawl/job/storage_errors``), logged with its size, and fails the job.

Pages the spider fetched and found to be no article (the ``non_article_seen`` signal)
are noted in the same transactions (:mod:`newscrawl.store.nonarticles`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl import defaults, neardup
from newscrawl.extensions.outcome import STORAGE_ERRORS
from newscrawl.fingerprint import content_fingerprint
from newscrawl.signals import non_article_seen, store_flush
from newscrawl.store.connection import DATABASE_ERRORS, LOST_CONNECTION
from newscrawl.store.sqlite import ArticleStore, UpsertResult
from newscrawl.store.target import near_index, store_target
from newscrawl.urls import canonicalize_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_stat_prefixes = {UpsertResult.INSERTED: "stored", UpsertResult.UPDATED: "updated"}
# A batch that fails on a lost connection is written again on a new one.
_RETRIED = LOST_CONNECTION
# What one bad record raises (text PostgreSQL cannot hold, a constraint); checked
# after _RETRIED, whose errors are subclasses of the database ones.
_BAD_RECORD: tuple[type[Exception], ...] = (ValueError, TypeError, *DATABASE_ERRORS)
_FIRST_BACKOFF, _MAX_BACKOFF = 0.2, 5.0

# Per record of a batch: its site, and what the upsert did (None: it was refused).
Written = list[tuple[str, UpsertResult | None]]
# An article's record and its body's near-duplicate sketch (None: too short to sketch).
Batch = list[tuple[dict[str, Any], neardup.Sketch | None]]


class StorePipeline:
    def __init__(
        self,
        crawler: Crawler,
        target: str,
        batch_size: int,
        retry_seconds: float,
        near_index: str = defaults.NEWSCRAWL_NEARDUP_INDEX,
    ) -> None:
        self.crawler = crawler
        self.target = target
        self.near_index = near_index
        self.batch_size = max(1, batch_size)
        self.retry_seconds = retry_seconds
        # Used from the writer thread only, once opened.
        self.store: ArticleStore | None = None
        self._batch: Batch = []
        self._non_articles: list[str] = []
        self._writes: list[tuple[Future[Written], int]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_SQLITE_ENABLED", defaults.NEWSCRAWL_SQLITE_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_SQLITE_ENABLED is off")
        pipeline = cls(
            crawler,
            store_target(settings),
            settings.getint(
                "NEWSCRAWL_SQLITE_BATCH_SIZE", defaults.NEWSCRAWL_SQLITE_BATCH_SIZE
            ),
            settings.getfloat(
                "NEWSCRAWL_STORE_RETRY_SECONDS", defaults.NEWSCRAWL_STORE_RETRY_SECONDS
            ),
            near_index(settings),
        )
        crawler.signals.connect(pipeline.flush, signal=store_flush)
        crawler.signals.connect(pipeline.note_non_article, signal=non_article_seen)
        return pipeline

    def open_spider(self) -> None:
        # Opened now, so a store that cannot be opened stops the crawl before it starts.
        self._writer.submit(self._open).result()

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item).asdict()
        # Without the dedup pipeline these are still unset, and the upsert needs both.
        if not record.get("canonical_url") and record.get("url"):
            record["canonical_url"] = canonicalize_url(record["url"])
        if not record.get("fingerprint"):
            record["fingerprint"] = content_fingerprint(record.get("body"))
        if not record.get("canonical_url"):
            raise ValueError("an article needs a url or canonical_url to be stored")
        # Sketched here, where the dedup pipeline's sketch of this very body is still
        # cached, rather than again in the writer thread once the batch is full.
        self._batch.append((record, neardup.signature(record.get("body"))))
        if len(self._batch) >= self.batch_size:
            self._submit()
        self._account(wait=False)
        return item

    def note_non_article(self, url: str) -> None:
        """Have the page at ``url`` noted as no article, with the next batch."""
        self._non_articles.append(url)

    def flush(self) -> None:
        """Write what is collected and wait until every batch is committed."""
        self._submit()
        self._account(wait=True)

    def close_spider(self) -> None:
        try:
            self.flush()
        finally:
            self._writer.submit(self._close).result()
            self._writer.shutdown(wait=True)

    # -- reactor thread --------------------------------------------------------------

    def _submit(self) -> None:
        if self._batch or self._non_articles:
            batch, self._batch = self._batch, []
            notes, self._non_articles = self._non_articles, []
            self._writes.append(
                (self._writer.submit(self._write, batch, notes), len(batch))
            )

    def _account(self, *, wait: bool) -> None:
        """Count the committed batches in the stats; with ``wait``, all of them."""
        pending = []
        for future, size in self._writes:
            if not wait and not future.done():
                pending.append((future, size))
                continue
            try:
                written = future.result()
            except Exception:
                self._inc(STORAGE_ERRORS)
                logger.exception("Lost a batch of %d articles: the store failed", size)
                continue
            for site, result in written:
                if result is None:
                    self._inc(STORAGE_ERRORS)
                    continue
                prefix = _stat_prefixes.get(result)
                if prefix is not None:
                    self._inc(f"newscrawl/{prefix}/{site}")
        self._writes = pending

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    # -- writer thread ---------------------------------------------------------------

    def _open(self) -> ArticleStore:
        self.store = ArticleStore(self.target, near_index=self.near_index)
        return self.store

    def _close(self) -> None:
        self._reset()

    def _write(self, batch: Batch, non_articles: list[str]) -> Written:
        deadline = time.monotonic() + self.retry_seconds
        backoff = _FIRST_BACKOFF
        while True:
            try:
                return self._write_once(batch, non_articles)
            except _RETRIED as error:
                if time.monotonic() + backoff > deadline:
                    raise
                logger.warning(
                    "Store unavailable (%s); writing %d articles again in %.1f s",
                    error,
                    len(batch),
                    backoff,
                )
                self._reset()
                time.sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF)

    def _write_once(self, batch: Batch, non_articles: list[str]) -> Written:
        store = self.store or self._open()
        try:
            written: Written = [
                (_site(record), store.upsert(record, sketch=sketch))
                for record, sketch in batch
            ]
            store.record_non_articles(non_articles)
            store.commit()
        except _RETRIED:
            raise
        except _BAD_RECORD:
            # One bad record must not cost the whole batch: write them one by one.
            self._reset()
            written = self._write_each(batch)
            self._note_each(non_articles)
        return written

    def _write_each(self, batch: Batch) -> Written:
        written: Written = []
        for record, sketch in batch:
            store = self.store or self._open()
            try:
                result: UpsertResult | None = store.upsert(record, sketch=sketch)
                store.commit()
            except _RETRIED:
                raise
            except _BAD_RECORD:
                logger.exception("Cannot store %s", record.get("canonical_url"))
                self._reset()
                result = None
            written.append((_site(record), result))
        return written

    def _note_each(self, non_articles: list[str]) -> None:
        """Note pages as no article one by one; a note that fails only costs a fetch."""
        for url in non_articles:
            store = self.store or self._open()
            try:
                store.record_non_articles([url])
                store.commit()
            except _RETRIED:
                raise
            except _BAD_RECORD:
                logger.exception("Cannot note %s as no article", url)
                self._reset()

    def _reset(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            # The connection may be gone already.
            with contextlib.suppress(*_RETRIED):
                store.close()


def _site(record: dict[str, Any]) -> str:
    return str(record.get("site") or "unknown")
