"""Deduplication: one record per canonical URL, copies of a body marked ``duplicate_of``.

Exact copies are found by the body fingerprint, near copies (other boilerplate, an edited
sentence, a dropped paragraph) by the MinHash index of :mod:`newscrawl.neardup`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TypeVar

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl import defaults, neardup
from newscrawl.fingerprint import content_fingerprint
from newscrawl.store.reader import StoreReader, StoreUnavailable
from newscrawl.store.sqlite import MEMORY, ArticleStore, StoredVersion
from newscrawl.store.target import near_index, store_target
from newscrawl.urls import canonicalize_url, is_amp_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


# Articles of this run kept in memory when there is a store: older ones were committed
# long ago (a batch is 100 articles by default) and the store answers for them. Without
# the cap the near-duplicate index grows ~5.7 KB per article for the whole run
# (benchmarks/long_crawl.py: +273 MB from 10k to 50k pages), the seen URLs and
# fingerprints ~0.5 KB (benchmarks/memory_probe.py: 218 and 298 B an article).
RUN_WINDOW = 1000
# Articles judged while the store could not be read: from this run's memory only, so a
# copy of an article stored by an earlier run may be stored without duplicate_of.
DECIDED_WITHOUT_STORE = "newscrawl/dedup/decided_without_store"
# Articles whose canonical URL another page's unrelated article had: kept under their own.
CANONICAL_CONFLICT = "newscrawl/dedup/canonical_conflict"


class _RunPart:
    """What one stretch of the run let through: URLs, first URL per body, body index."""

    __slots__ = ("first_by_fingerprint", "last_handed_on", "near", "urls")

    def __init__(self) -> None:
        # Canonical URL -> the page it was read from and its body's MinHash values.
        self.urls: dict[str, tuple[str | None, neardup.Signature | None]] = {}
        self.first_by_fingerprint: dict[str, str] = {}
        self.near = neardup.RunIndex()
        # The last article passed on to be stored, and its fingerprint: once the store
        # holds that body, it holds every article of this part (one writer, in order).
        self.last_handed_on: tuple[str, str | None] | None = None


class SeenArticles:
    """What this run has let through, plus (optionally) what earlier runs stored.

    The storage pipeline commits in batches, so the store lags behind this run; the
    in-memory part covers the gap. With a store, it keeps the last ``window`` to
    ``2 * window`` articles, in two generations, and an older generation is let go only
    once the store holds its last article: while the store cannot be written (an
    outage), the memory keeps everything since. Without a store, the whole run.

    A lookup the store cannot answer (:class:`StoreUnavailable`) is answered from
    memory and counted in :attr:`unanswered`.
    """

    def __init__(
        self,
        store: ArticleStore | StoreReader | None = None,
        near_threshold: float | None = None,
        *,
        window: int = RUN_WINDOW,
    ) -> None:
        self.store = store
        self.near_threshold = near_threshold
        # Oldest generation first, so the first-seen article wins a tie.
        self._parts = [_RunPart()]
        self._window = window if store is not None else None
        self.unanswered = 0

    def seen_in_run(self, canonical_url: str) -> bool:
        """Whether this run let ``canonical_url`` through (lately, when there is a store).

        An older one is the store's to answer, through :meth:`stored_version`.
        """
        return any(canonical_url in part.urls for part in self._parts)

    def claims_another_page(
        self, canonical_url: str, page: str, body: str | None
    ) -> bool:
        """Whether ``canonical_url``, given by ``page``, is already another page's.

        A known article under that canonical URL, read from another page, with a body
        unlike ``body``: the canonical tag is a theme's mistake (every article of a
        section naming the section) rather than a second address of one article,
        whose bodies would be near copies (an AMP page, a print view). Undecided, and
        so False, without the near-duplicate index or for bodies too short to sketch.
        """
        sketch = self._signature(body)
        if sketch is None or self.near_threshold is None or is_amp_url(page):
            # An AMP page names its article's URL by design, whatever its body
            # (a paywalled one shows a teaser).
            return False
        known = self._known_page(canonical_url)
        if known is None:
            return False
        known_page, known_values = known
        if known_page is None or known_values is None:
            return False
        if canonicalize_url(known_page) == page:
            return False
        return neardup.similarity(sketch.values, known_values) < self.near_threshold

    def _known_page(
        self, canonical_url: str
    ) -> tuple[str | None, neardup.Signature | None] | None:
        for part in reversed(self._parts):
            if canonical_url in part.urls:
                return part.urls[canonical_url]
        store = self.store
        if store is None:
            return None
        return self._ask(lambda: store.page_of(canonical_url))

    def stored_version(self, canonical_url: str) -> StoredVersion | None:
        store = self.store
        if store is None:
            return None
        return self._ask(lambda: store.version(canonical_url))

    def original_of(self, fingerprint: str, canonical_url: str) -> str | None:
        """Canonical URL of the first article with this body under another URL."""
        for part in self._parts:
            first = part.first_by_fingerprint.get(fingerprint)
            if first is not None:
                if first != canonical_url:
                    return first
                break
        store = self.store
        if store is None:
            return None
        return self._ask(
            lambda: store.first_with_fingerprint(fingerprint, other_than=canonical_url)
        )

    def near_original_of(self, body: str | None, canonical_url: str) -> str | None:
        """Canonical URL of the first article whose body ``body`` nearly copies."""
        sketch = self._signature(body)
        if sketch is None or self.near_threshold is None:
            return None
        for part in self._parts:
            match = part.near.find(
                sketch, self.near_threshold, other_than=canonical_url
            )
            if match is not None:
                return match.canonical_url
        store, threshold = self.store, self.near_threshold
        if store is None:
            return None
        return self._ask(
            lambda: store.near_duplicate_of(sketch, threshold, other_than=canonical_url)
        )

    def add(  # noqa: PLR0913 - the article's four facts, then two keyword-only notes
        self,
        canonical_url: str,
        fingerprint: str | None,
        original: str | None,
        body: str | None = None,
        *,
        handed_on: bool = True,
        page: str | None = None,
    ) -> None:
        """Record an article read from ``page``; ``handed_on`` when it goes on to be stored."""
        part = self._parts[-1]
        sketch = self._signature(body)
        part.urls[canonical_url] = (page, None if sketch is None else sketch.values)
        if handed_on:
            part.last_handed_on = (canonical_url, fingerprint)
        if fingerprint is not None and not any(
            fingerprint in older.first_by_fingerprint for older in self._parts[:-1]
        ):
            part.first_by_fingerprint.setdefault(fingerprint, original or canonical_url)
        if sketch is not None:
            part.near.add(original or canonical_url, sketch)
        if (
            self._window is not None
            and len(part.urls) >= self._window
            and self._stored(self._parts[0])
        ):
            self._parts = [part, _RunPart()]

    def _stored(self, part: _RunPart) -> bool:
        """Whether the store holds every article ``part`` handed on."""
        if part is self._parts[-1] or part.last_handed_on is None:
            return True
        url, fingerprint = part.last_handed_on
        store = self.store
        if store is None:
            return False
        try:
            version = store.version(url)
        except StoreUnavailable:
            return False
        return version is not None and version.fingerprint == fingerprint

    def _ask(self, lookup: Callable[[], _T | None]) -> _T | None:
        try:
            return lookup()
        except StoreUnavailable:
            self.unanswered += 1
            return None

    def _signature(self, body: str | None) -> neardup.Sketch | None:
        return None if self.near_threshold is None else neardup.signature(body)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


class Verdict(NamedTuple):
    is_duplicate_url: bool
    duplicate_of: str | None = None
    near: bool = False


def check_duplicate(  # noqa: PLR0913 - the article's facts, its page keyword-only
    seen: SeenArticles,
    canonical_url: str,
    fingerprint: str | None,
    modified: str | None,
    body: str | None = None,
    *,
    page: str | None = None,
) -> Verdict:
    """Decide about one article and record it as seen.

    A URL already seen in this run, or stored with the same body and ``modified``, is a
    duplicate to drop; a stored URL whose body or ``modified`` changed is an update.
    Otherwise ``duplicate_of`` names the first article with the same body, or failing
    that with a nearly identical one (``near``).
    """
    if seen.seen_in_run(canonical_url):
        return Verdict(is_duplicate_url=True)
    if seen.stored_version(canonical_url) == StoredVersion(fingerprint, modified):
        seen.add(canonical_url, fingerprint, None, handed_on=False, page=page)
        return Verdict(is_duplicate_url=True)
    original = seen.original_of(fingerprint, canonical_url) if fingerprint else None
    near = False
    if original is None:
        original = seen.near_original_of(body, canonical_url)
        near = original is not None
    seen.add(canonical_url, fingerprint, original, body, page=page)
    return Verdict(False, original, near)


class DedupPipeline:
    """Drop URL duplicates and mark content copies, reading the store when there is one."""

    def __init__(
        self,
        crawler: Crawler,
        store_path: str | None,
        near_threshold: float | None = None,
        batch_size: int = defaults.NEWSCRAWL_SQLITE_BATCH_SIZE,
        near_index: str = defaults.NEWSCRAWL_NEARDUP_INDEX,
    ) -> None:
        self.crawler = crawler
        self.store_path = store_path
        self.near_threshold = near_threshold
        self.batch_size = batch_size
        self.near_index = near_index
        self.seen = SeenArticles(near_threshold=near_threshold)

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
            store_path = store_target(settings)
        near_threshold: float | None = None
        if settings.getbool(
            "NEWSCRAWL_NEARDUP_ENABLED", defaults.NEWSCRAWL_NEARDUP_ENABLED
        ):
            near_threshold = settings.getfloat(
                "NEWSCRAWL_NEARDUP_THRESHOLD", defaults.NEWSCRAWL_NEARDUP_THRESHOLD
            )
        batch_size = settings.getint(
            "NEWSCRAWL_SQLITE_BATCH_SIZE", defaults.NEWSCRAWL_SQLITE_BATCH_SIZE
        )
        return cls(
            crawler, store_path, near_threshold, batch_size, near_index(settings)
        )

    def open_spider(self) -> None:
        # A second connection to ":memory:" would be a different, empty database.
        store = None
        if self.store_path and self.store_path != MEMORY:
            store = StoreReader(self.store_path, near_index=self.near_index)
        # Well beyond a commit batch, so every body that leaves the window is stored.
        window = max(RUN_WINDOW, 4 * self.batch_size)
        self.seen = SeenArticles(store, self.near_threshold, window=window)

    def close_spider(self) -> None:
        self.seen.close()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get("canonical_url") or adapter.get("url")
        if not url:
            return item
        canonical_url = canonicalize_url(url)
        page = canonicalize_url(adapter.get("url") or url)
        if page != canonical_url and self.seen.claims_another_page(
            canonical_url, page, adapter.get("body")
        ):
            # Stored under its own address rather than dropped as the same URL.
            self._inc(CANONICAL_CONFLICT)
            logger.info(
                "%s names %s as canonical, which another page's article has; kept as %s",
                adapter.get("url"),
                canonical_url,
                page,
            )
            canonical_url = page
        fingerprint = content_fingerprint(adapter.get("body"))
        adapter["canonical_url"] = canonical_url
        adapter["fingerprint"] = fingerprint
        unanswered = self.seen.unanswered
        verdict = check_duplicate(
            self.seen,
            canonical_url,
            fingerprint,
            adapter.get("modified"),
            adapter.get("body"),
            page=page,
        )
        if self.seen.unanswered > unanswered:
            # Passed on rather than lost: the store's upsert keeps one row per URL.
            self._inc(DECIDED_WITHOUT_STORE)
        if verdict.is_duplicate_url:
            self._inc("newscrawl/dropped/duplicate_url")
            raise DropItem("duplicate_url")
        if verdict.duplicate_of is not None:
            adapter["duplicate_of"] = verdict.duplicate_of
            self._inc("newscrawl/duplicates/content")
            if verdict.near:
                self._inc("newscrawl/duplicates/near")
            logger.debug(
                "%s has %s the body of %s",
                canonical_url,
                "nearly" if verdict.near else "exactly",
                verdict.duplicate_of,
            )
        return item

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
