"""Lookups in the article store that outlive a lost connection.

The dedup pipeline asks the store about every article, on the reactor thread. When the
database restarts or the network drops, a plain connection raises on every lookup from
then on, and every article after it would be lost. A :class:`StoreReader` instead raises
:class:`StoreUnavailable`, which the caller answers from what it has in memory, and opens
a new connection on a later lookup. While the store is down it tries again at most every
``retry_every`` seconds, so an outage costs one connection attempt per interval rather
than one per article.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import TYPE_CHECKING, TypeVar

from newscrawl.store.connection import LOST_CONNECTION
from newscrawl.store.sqlite import ArticleStore

if TYPE_CHECKING:
    from collections.abc import Callable

    from newscrawl import neardup
    from newscrawl.store.sqlite import StoredVersion

logger = logging.getLogger(__name__)

RETRY_EVERY = 5.0
_T = TypeVar("_T")


class StoreUnavailable(Exception):
    """The store cannot be read now; decide without it."""


class StoreReader:
    """The store's read side: :meth:`version` and the duplicate lookups.

    Its connection is opened again after it was lost.
    """

    def __init__(
        self,
        target: str,
        *,
        near_index: str = "store",
        retry_every: float = RETRY_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.target = target
        self.near_index = near_index
        self.retry_every = retry_every
        self._clock = clock
        # Opened now, so a store that cannot be opened at all stops the crawl at start.
        self._store: ArticleStore | None = self._open()
        self._down_since: float | None = None
        self._next_attempt = 0.0

    def version(self, canonical_url: str) -> StoredVersion | None:
        return self._read(lambda store: store.version(canonical_url))

    def page_of(
        self, canonical_url: str
    ) -> tuple[str | None, neardup.Signature | None] | None:
        return self._read(lambda store: store.page_of(canonical_url))

    def first_with_fingerprint(
        self, fingerprint: str, *, other_than: str
    ) -> str | None:
        return self._read(
            lambda store: store.first_with_fingerprint(
                fingerprint, other_than=other_than
            )
        )

    def near_duplicate_of(
        self, sketch: neardup.Sketch, threshold: float, *, other_than: str
    ) -> str | None:
        return self._read(
            lambda store: store.near_duplicate_of(
                sketch, threshold, other_than=other_than
            )
        )

    def close(self) -> None:
        self._drop()

    def _read(self, lookup: Callable[[ArticleStore], _T]) -> _T:
        store = self._connected()
        try:
            result = lookup(store)
        except LOST_CONNECTION as error:
            self._lost(error)
            raise StoreUnavailable(str(error)) from error
        if self._down_since is not None:
            logger.info(
                "The store answers lookups again, after %.0f s",
                self._clock() - self._down_since,
            )
            self._down_since = None
        return result

    def _connected(self) -> ArticleStore:
        if self._store is not None:
            return self._store
        if self._clock() < self._next_attempt:
            msg = "the store is unavailable; next attempt to connect pending"
            raise StoreUnavailable(msg)
        try:
            self._store = self._open()
        except LOST_CONNECTION as error:
            self._lost(error)
            raise StoreUnavailable(str(error)) from error
        return self._store

    def _open(self) -> ArticleStore:
        store = ArticleStore(self.target, near_index=self.near_index)
        try:
            store.read_outside_transactions()
            store.prepare_lookups()
        except BaseException:
            with contextlib.suppress(*LOST_CONNECTION):
                store.close(commit=False)
            raise
        return store

    def _lost(self, error: Exception) -> None:
        self._drop()
        now = self._clock()
        self._next_attempt = now + self.retry_every
        if self._down_since is None:
            self._down_since = now
            logger.warning(
                "The store cannot be read (%s); deciding duplicates from this run's"
                " memory until it answers again",
                error,
            )

    def _drop(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            # The connection may be gone already.
            with contextlib.suppress(*LOST_CONNECTION):
                store.close(commit=False)
