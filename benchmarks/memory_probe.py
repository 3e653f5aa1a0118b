"""A Scrapy add-on for ``long_crawl.py --probe``: what a long crawl keeps in memory.

Every ``MEMORY_PROBE_EVERY`` scraped items it logs the entries and approximate bytes of
the in-run structures that grow with the pages crawled (the spider's requested-URL sets,
the dedup pipeline's seen URLs, fingerprints and near-duplicate ``RunIndex``, the stats)
and, with ``MEMORY_PROBE_TRACEMALLOC``, the allocation sites that grew most since the
first probe. It reads private attributes on purpose: it is a measuring tool, not code
the crawl depends on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import tracemalloc
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.urlhashes import UrlHashes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)
_TOP = 12
_SQLITE_STATUS_MEMORY_USED = 0


def sqlite_memory() -> int:
    """Bytes SQLite holds in this process, page caches of every connection included.

    Read from the C library because neither tracemalloc nor the ``sqlite3`` module see it.
    """
    name = ctypes.util.find_library("sqlite3")
    if name is None:
        return 0
    current, highest = ctypes.c_int64(), ctypes.c_int64()
    ctypes.CDLL(name).sqlite3_status64(
        _SQLITE_STATUS_MEMORY_USED, ctypes.byref(current), ctypes.byref(highest), 0
    )
    return current.value


def _strings_size(strings: Iterable[object]) -> int:
    return sum(sys.getsizeof(s) for s in strings)


def _set_size(values: set[str] | dict[str, Any]) -> int:
    return sys.getsizeof(values) + _strings_size(values)


def _dedup_pipelines(crawler: Crawler) -> list[DedupPipeline]:
    engine = crawler.engine
    pipelines = engine.scraper.itemproc.middlewares if engine is not None else ()
    return [p for p in pipelines if isinstance(p, DedupPipeline)]


def structure_sizes(crawler: Crawler) -> dict[str, tuple[int, int]]:
    """Entries and approximate bytes of each in-run structure (strings included)."""
    sizes: dict[str, tuple[int, int]] = {}
    spider = crawler.spider
    for name in ("_requested_articles", "_requested_sources", "_skipped_known"):
        values: UrlHashes | set[Any] = getattr(spider, name, set())
        held = values.nbytes if isinstance(values, UrlHashes) else _set_size(values)
        sizes[f"spider.{name}"] = (len(values), held)
    for pipeline in _dedup_pipelines(crawler):
        # Two generations of the run (see SeenArticles); URL strings are shared between
        # the structures and counted with dedup._urls.
        parts = pipeline.seen._parts
        sizes["dedup._urls"] = (
            sum(len(part.urls) for part in parts),
            sum(_set_size(part.urls) for part in parts),
        )
        sizes["dedup._first_by_fingerprint"] = (
            sum(len(part.first_by_fingerprint) for part in parts),
            sum(_set_size(part.first_by_fingerprint) for part in parts),
        )
        generations = [part.near for part in parts]
        entries = sum(
            sys.getsizeof(entry) + sys.getsizeof(entry[1])
            for near in generations
            for entry in near._entries
        )
        by_key = sum(
            sys.getsizeof(near._by_key)
            + sum(
                sys.getsizeof(key) + sys.getsizeof(positions)
                for key, positions in near._by_key.items()
            )
            for near in generations
        )
        sizes["dedup._near._entries"] = (sum(map(len, generations)), entries)
        sizes["dedup._near._by_key"] = (
            sum(len(n._by_key) for n in generations),
            by_key,
        )
    sizes["sqlite (all connections)"] = (0, sqlite_memory())
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    sizes["stats"] = (len(stats), _set_size(stats))
    return sizes


class MemoryProbe:
    """Add-on: installs :class:`MemoryProbeExtension` next to the project's extensions."""

    def update_settings(self, settings: Settings) -> None:
        settings["EXTENSIONS"][MemoryProbeExtension] = 0


class MemoryProbeExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.every = crawler.settings.getint("MEMORY_PROBE_EVERY", 10_000)
        self.trace = crawler.settings.getbool("MEMORY_PROBE_TRACEMALLOC")
        self.items = 0
        self.baseline: tracemalloc.Snapshot | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MemoryProbeExtension:
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        if extension.trace:
            tracemalloc.start()
        return extension

    def item_scraped(self) -> None:
        self.items += 1
        if self.items % self.every:
            return
        for name, (entries, size) in structure_sizes(self.crawler).items():
            logger.info(
                "Probe at %d items: %s %d entries, %.1f MB (%.0f B/item)",
                self.items, name, entries, size / 2**20, size / self.items,
            )  # fmt: skip
        if not self.trace:
            return
        logger.info(
            "Probe at %d items: Python heap traced %.1f MB",
            self.items,
            tracemalloc.get_traced_memory()[0] / 2**20,
        )
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(inclusive=False, filename_pattern=tracemalloc.__file__)]
        )
        if self.baseline is None:
            self.baseline = snapshot
            logger.info("Probe at %d items: tracemalloc baseline taken", self.items)
            return
        for stat in snapshot.compare_to(self.baseline, "lineno")[:_TOP]:
            logger.info("Probe at %d items: grew %s", self.items, stat)
