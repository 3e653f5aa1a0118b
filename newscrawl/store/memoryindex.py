"""The near-duplicate band index held in memory: a lookup costs the same at any store size.

``NEWSCRAWL_NEARDUP_INDEX = "memory"``, SQLite stores only. The signatures and their
compact copies stay in the store as with the tables (:mod:`newscrawl.store.bands`), so
the store remains the record; only the band rows live in a dict from band key to
signature ids instead, built from the signatures at the first lookup. A dict answers
in the same time at any size, where the level tables add a level per tenfold store;
the price is memory, about 2.9 KB per stored body (290 MB at 100k articles).

Signatures written without band rows are marked in the store, and a connection that
keeps the index in the tables adds their rows when it opens, so a store can go back.

Before each lookup the signatures other connections committed since are read (ids only
grow while a SQLite writer holds the lock, but the highest id is handed out again
after its row is deleted, so that row is read again each time): the crawl's writer and
other processes on the same file are seen at once. An id whose body was replaced keeps
its old keys here until the next load; a candidate is always compared with the
signature the store holds now, so a stale key costs a read and never a wrong flag.
PostgreSQL workers commit their ids out of order, so a later id could be seen before
an earlier one and the earlier never: there the tables are the only index.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import TYPE_CHECKING

from newscrawl import neardup
from newscrawl.store.bands import MARK_UNBANDED_SQL, BandIndex

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawl.store.connection import Connection

logger = logging.getLogger(__name__)

SELECT_FROM_ID_SQL = (
    "SELECT id, signature FROM neardup_signatures WHERE id >= ? ORDER BY id"
)
POSTGRES_REFUSED = (
    "NEWSCRAWL_NEARDUP_INDEX = 'memory' needs a SQLite store: PostgreSQL workers commit"
    " out of order, so a worker's memory could miss another's articles; use 'store'"
)


class MemoryBandIndex(BandIndex):
    """:class:`BandIndex` with the band rows in a dict rather than in the tables."""

    def __init__(self, connection: Connection) -> None:
        if not isinstance(connection, sqlite3.Connection):
            raise TypeError(POSTGRES_REFUSED)
        super().__init__(connection)
        # One id for most keys; a list where bodies share a band (copies, chance).
        self._ids_by_key: dict[int, int | list[int]] | None = None
        # The compact signatures too (64 bytes a body): chance candidates grow with
        # the store, and screening them here costs no query.
        self._checks: dict[int, bytes] = {}
        self._last_id = 0
        self._last_blob = b""

    def _add_bands(self, signature_id: int, keys: Sequence[int]) -> None:
        """Mark the signature as one the tables lack; the dict reads it at the next lookup."""
        self._connection.execute(MARK_UNBANDED_SQL, (signature_id,))

    def add_missing_bands(self) -> int:
        """Nothing to add: the band rows this index misses it holds itself."""
        return 0

    def merge_due(self) -> bool:
        return False

    def prepare_lookups(self) -> None:
        """Load the index now rather than at the first lookup (the load takes seconds)."""
        self._refreshed()

    def first_similar(
        self, sketch: neardup.Sketch, threshold: float, *, other_than: str
    ) -> str | None:
        ids_by_key = self._refreshed()
        ids: set[int] = set()
        for key in sketch.keys:
            found = ids_by_key.get(key)
            if isinstance(found, int):
                ids.add(found)
            elif found is not None:
                ids.update(found)
        rows = [(signature_id, self._checks[signature_id]) for signature_id in ids]
        return self._first_of(rows, sketch, threshold, other_than)

    def _refreshed(self) -> dict[int, int | list[int]]:
        """Return the index, with the signatures committed since the last call added."""
        loading = self._ids_by_key is None
        if self._ids_by_key is None:
            self._ids_by_key = {}
        ids_by_key = self._ids_by_key
        started, added = time.monotonic(), 0
        for signature_id, blob in self._connection.execute(
            SELECT_FROM_ID_SQL, (self._last_id,)
        ):
            if signature_id == self._last_id and blob == self._last_blob:
                continue
            values = neardup.from_blob(blob)
            self._checks[signature_id] = neardup.check_bits(values)
            for key in neardup.band_keys(values):
                found = ids_by_key.get(key)
                if found is None:
                    ids_by_key[key] = signature_id
                elif isinstance(found, int):
                    ids_by_key[key] = [found, signature_id]
                else:
                    found.append(signature_id)
            self._last_id, self._last_blob = signature_id, bytes(blob)
            added += 1
        if loading:
            logger.info(
                "Near-duplicate index: %d stored signatures loaded into memory in %.1f s",
                added,
                time.monotonic() - started,
            )
        return ids_by_key
