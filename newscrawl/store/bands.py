"""The near-duplicate index in SQL: MinHash signatures and their LSH band rows.

No Scrapy here; :class:`ArticleStore` owns the connection and the transactions.

Every new signature adds one row per band at a random key. Inserted one article at a
time into one big B-tree, such rows dirty about one page each once the tree outgrows a
commit batch, so the cost per article would climb with the store. The band rows are
therefore kept log-structured, in a fixed number of *levels*, one table each:

- new rows go to level 0, which is capped at :data:`LEVEL0_ROWS`, small enough to stay
  in the page cache, so its random inserts cost the same at any store size;
- a full level is moved into the next one in key order (``INSERT ... SELECT ... ORDER
  BY``), which rewrites each page of the target once for many rows;
- level ``i`` holds at most ``LEVEL0_ROWS * FANOUT**i`` rows, so a row is moved about
  once per level, the number of levels in use grows with the log of the store, and each
  move costs the same per row at any size: level ``i + 1`` is at most :data:`FANOUT`
  times the rows that come in. The last level takes whatever the one before hands on.

A lookup probes every level (one indexed probe per band per level). Merges run in the
transaction of a commit, so a crash never loses or doubles a row.

Chance candidates (bodies that share one band and little else) grow in number with the
store. Each signature therefore has a compact copy, 4 bits a value
(:func:`newscrawl.neardup.check_bits`), in a narrow table read in the same query as the
band rows; only a candidate whose copy could reach the threshold has its full signature
row read. The screen never turns down a body whose full signature reaches it.
"""

from __future__ import annotations

import sqlite3
from itertools import pairwise
from typing import TYPE_CHECKING

from newscrawl import neardup

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawl.store.connection import Connection

# 64k rows (2,048 articles) are about 1 MB of B-tree pages: always cached, and a commit
# batch of 100 articles (3,200 rows) dirties at most those few hundred pages. A smaller
# level 0 would mean more frequent merges into level 1 for little gain.
LEVEL0_ROWS = 65_536
# Each level is at most this many times the one before. A larger fanout means fewer
# levels to probe but more rewriting per row in each merge (the target is up to FANOUT
# times the rows that come in); 10 is the usual choice of levelled LSM trees.
FANOUT = 10
# Five levels: level 3 holds up to 65M rows (two million articles) before it moves into
# the last one, so even at ten million articles a merge into level 4 rewrites well under
# one page per article it brings. An empty level costs a probe into an empty table.
LEVELS = 5

LEVEL_TABLES = tuple(f"neardup_bands_{level}" for level in range(LEVELS))
# SQLite and PostgreSQL both read this spelling; "INSERT OR IGNORE" is SQLite's own.
_ON_CONFLICT_IGNORE = "ON CONFLICT DO NOTHING"

# The band tables are keyed by the signature's own INTEGER PRIMARY KEY, which VACUUM
# keeps (the articles' implicit rowid it may renumber); WITHOUT ROWID makes the primary
# key the only B-tree, which halves the size of each table.
CREATE_SQL = (
    """CREATE TABLE IF NOT EXISTS neardup_signatures (
    id INTEGER PRIMARY KEY,
    canonical_url TEXT NOT NULL UNIQUE,
    original_url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    signature BLOB NOT NULL
)""",
    *(
        f"""CREATE TABLE IF NOT EXISTS {table} (
    band_key INTEGER NOT NULL,
    signature_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, signature_id)
) WITHOUT ROWID"""
        for table in LEVEL_TABLES
    ),
    # The compact signatures that screen candidates, keyed like the signatures. A store
    # from before this table gets it filled at open (see BandIndex); a row an older
    # version adds later has none, and its candidates are read in full.
    """CREATE TABLE IF NOT EXISTS neardup_checks (
    id INTEGER PRIMARY KEY,
    bits BLOB NOT NULL
)""",
    # Row counts of levels 1 and up, kept by the merges (level 0 is counted, it is small):
    # counting a level of millions of rows at every open would read all of it.
    """CREATE TABLE IF NOT EXISTS neardup_levels (
    level INTEGER PRIMARY KEY,
    row_count INTEGER NOT NULL
)""",
    # At most one row: the signatures from this id on may have no band rows, because a
    # run kept its band index in memory (newscrawl.store.memoryindex). The next
    # connection that keeps them in the tables adds them first.
    """CREATE TABLE IF NOT EXISTS neardup_unbanded (
    from_id INTEGER NOT NULL
)""",
)
SELECT_LEVELS_SQL = "SELECT level, row_count FROM neardup_levels"
# Merges add and take away what they moved, and a changed body what it removed, rather
# than write the counts they read: PostgreSQL workers merge at once, and a count read
# before another worker's merge committed would overwrite it. An upsert in the spelling
# both databases read; a level without a row has 0, and no count goes below 0.
ADD_LEVEL_ROWS_SQL = (
    "INSERT INTO neardup_levels (level, row_count) VALUES (?, ?)"
    " ON CONFLICT (level) DO UPDATE SET row_count = CASE"
    " WHEN neardup_levels.row_count + excluded.row_count > 0"
    " THEN neardup_levels.row_count + excluded.row_count ELSE 0 END"
)
COUNT_LEVEL0_SQL = f"SELECT COUNT(*) FROM {LEVEL_TABLES[0]}"  # noqa: S608

SELECT_SIGNATURE_SQL = (
    "SELECT id, signature FROM neardup_signatures WHERE canonical_url = ?"
)
# RETURNING (SQLite 3.35+, PostgreSQL) rather than the DB-API's optional lastrowid.
INSERT_SIGNATURE_SQL = (
    "INSERT INTO neardup_signatures"
    " (canonical_url, original_url, first_seen, signature) VALUES (?, ?, ?, ?)"
    " RETURNING id"
)
UPDATE_ORIGINAL_SQL = (
    "UPDATE neardup_signatures SET original_url = ? WHERE canonical_url = ?"
)
DELETE_SIGNATURE_SQL = "DELETE FROM neardup_signatures WHERE id = ?"
# An upsert: two workers may fill the table of an older store at once, and an older
# version that removes a signature leaves its compact copy behind for a new signature
# that reuses the id (SQLite hands out the highest id again) to replace.
INSERT_CHECK_SQL = (
    "INSERT INTO neardup_checks (id, bits) VALUES (?, ?)"
    " ON CONFLICT (id) DO UPDATE SET bits = excluded.bits"
)
DELETE_CHECK_SQL = "DELETE FROM neardup_checks WHERE id = ?"
ANY_CHECK_SQL = "SELECT 1 FROM neardup_checks LIMIT 1"
ANY_SIGNATURE_SQL = "SELECT 1 FROM neardup_signatures LIMIT 1"
SIGNATURES_AFTER_SQL = (
    "SELECT id, signature FROM neardup_signatures WHERE id > ? ORDER BY id LIMIT ?"
)
# Table names below come from LEVEL_TABLES, never from data.
INSERT_BAND_SQL = (
    f"INSERT INTO {LEVEL_TABLES[0]} (band_key, signature_id) VALUES (?, ?)"  # noqa: S608
    f" {_ON_CONFLICT_IGNORE}"
)
_BAND_PLACEHOLDERS = ", ".join("?" for _ in neardup.BAND_RANGES)
# One statement per level, so its row count says what the level lost.
DELETE_BAND_SQL = tuple(
    f"DELETE FROM {table} WHERE signature_id = ?"  # noqa: S608
    f" AND band_key IN ({_BAND_PLACEHOLDERS})"
    for table in LEVEL_TABLES
)
# Moving level i into level i + 1: in key order, which is level i's own order, so no
# sort. "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint. Two
# statements are exact in SQLite only: the merging transaction holds the write lock, so
# level i cannot change between them.
MERGE_SQL = tuple(
    (
        (
            f"INSERT INTO {target} (band_key, signature_id)"  # noqa: S608
            f" SELECT band_key, signature_id FROM {source} WHERE true"
            f" ORDER BY band_key, signature_id {_ON_CONFLICT_IGNORE}"
        ),
        f"DELETE FROM {source}",  # noqa: S608
    )
    for source, target in pairwise(LEVEL_TABLES)
)
# PostgreSQL lets other workers commit rows into level i between two statements (each
# statement of a READ COMMITTED transaction reads anew), so a plain DELETE after the
# copy would drop rows that were never copied. One statement deletes exactly the rows
# it moves; SQLite has no DELETE in a WITH clause.
MOVE_SQL_POSTGRES = tuple(
    (
        f"WITH moved AS (DELETE FROM {source} RETURNING band_key, signature_id)"  # noqa: S608
        f" INSERT INTO {target} (band_key, signature_id)"
        f" SELECT band_key, signature_id FROM moved"
        f" ORDER BY band_key, signature_id {_ON_CONFLICT_IGNORE}"
    )
    for source, target in pairwise(LEVEL_TABLES)
)
# Bodies sharing at least one band, level by level; only "?" marks and level table
# names are formatted in.
LEVEL_CANDIDATES_SQL = tuple(
    f"SELECT signature_id FROM {table}"  # noqa: S608
    f" WHERE band_key IN ({_BAND_PLACEHOLDERS})"
    for table in LEVEL_TABLES
)
# In any level, each once, with its compact signature (NULL for a row an older version
# wrote): one statement.
SELECT_CANDIDATES_SQL = (
    "SELECT candidate.signature_id, neardup_checks.bits FROM ("  # noqa: S608
    + " UNION ".join(LEVEL_CANDIDATES_SQL)
    + ") AS candidate LEFT JOIN neardup_checks"
    " ON neardup_checks.id = candidate.signature_id"
)
# A candidate that passed the screen. Each signature row carries its article's original
# (its duplicate_of, else itself) and first_seen, so a lookup never reads the wide
# articles rows.
SELECT_CANDIDATE_SQL = (
    "SELECT first_seen, original_url, signature FROM neardup_signatures"
    " WHERE id = ? AND canonical_url <> ?"
)
# Compact signatures written per statement when an older store is brought up to date.
_FILL_BATCH = 5000
SELECT_UNBANDED_SQL = "SELECT min(from_id) FROM neardup_unbanded"
# Only when there is no row: the first signature left without band rows stays the mark.
MARK_UNBANDED_SQL = (
    "INSERT INTO neardup_unbanded (from_id) SELECT ?"
    " WHERE NOT EXISTS (SELECT 1 FROM neardup_unbanded)"
)
MOVE_UNBANDED_SQL = "UPDATE neardup_unbanded SET from_id = ?"
CLEAR_UNBANDED_SQL = "DELETE FROM neardup_unbanded"
# Signatures given their band rows per transaction: a few seconds of the write lock, so
# the crawl's other connections wait far less than their busy timeout.
_BAND_BATCH = 5000


def capacity(level: int) -> int:
    """Rows from which ``level`` is merged into the next one (the last one never is)."""
    return int(LEVEL0_ROWS * FANOUT**level)


def candidate_params(keys: Sequence[int]) -> tuple[int, ...]:
    """Parameters of :data:`SELECT_CANDIDATES_SQL`: the band keys once per level."""
    return tuple(keys) * LEVELS


class BandIndex:
    """Signatures and band rows on a connection whose transactions the caller owns.

    Keeps no counts of its own between calls, so several connections may write.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        for statement in CREATE_SQL:
            connection.execute(statement)
        if (
            connection.execute(ANY_CHECK_SQL).fetchone() is None
            and connection.execute(ANY_SIGNATURE_SQL).fetchone() is not None
        ):
            self._fill_checks()

    def add_missing_bands(self) -> int:
        """Give band rows to the signatures a run with the index in memory left without.

        Only SQLite stores have such signatures (the memory index is SQLite's only). A
        batch per transaction, each taking the write lock before it reads the mark, so
        two connections that open at once never add the same rows; returns how many
        signatures this connection indexed.
        """
        if not isinstance(self._connection, sqlite3.Connection):
            return 0
        if self._connection.execute(SELECT_UNBANDED_SQL).fetchone()[0] is None:
            return 0
        self._connection.commit()
        done = 0
        while True:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                start = self._connection.execute(SELECT_UNBANDED_SQL).fetchone()[0]
                rows = (
                    []
                    if start is None
                    else self._connection.execute(
                        SIGNATURES_AFTER_SQL, (start - 1, _BAND_BATCH)
                    ).fetchall()
                )
                for signature_id, blob in rows:
                    keys = neardup.band_keys(neardup.from_blob(blob))
                    self._add_bands(signature_id, keys)
                if self.merge_due():
                    self.merge()
                if rows:
                    self._connection.execute(MOVE_UNBANDED_SQL, (rows[-1][0] + 1,))
                else:
                    self._connection.execute(CLEAR_UNBANDED_SQL)
                self._connection.commit()
            except BaseException:
                self._connection.rollback()
                raise
            done += len(rows)
            if not rows:
                return done

    def _fill_checks(self) -> None:
        """Give every signature of a store from before the screen its compact copy."""
        last = -1
        while rows := self._connection.execute(
            SIGNATURES_AFTER_SQL, (last, _FILL_BATCH)
        ).fetchall():
            self._connection.executemany(
                INSERT_CHECK_SQL,
                [
                    (row[0], neardup.check_bits(neardup.from_blob(row[1])))
                    for row in rows
                ],
            )
            last = rows[-1][0]

    def add(
        self,
        canonical_url: str,
        original_url: str,
        first_seen: str,
        sketch: neardup.Sketch,
    ) -> None:
        signature_id = self._add_signature(
            canonical_url, original_url, first_seen, sketch
        )
        self._add_bands(signature_id, sketch.keys)

    def _add_bands(self, signature_id: int, keys: Sequence[int]) -> None:
        self._connection.executemany(
            INSERT_BAND_SQL, [(key, signature_id) for key in keys]
        )

    def _add_signature(
        self,
        canonical_url: str,
        original_url: str,
        first_seen: str,
        sketch: neardup.Sketch,
    ) -> int:
        """Store the signature and its compact copy; return its id."""
        signature_id = int(
            self._connection.execute(
                INSERT_SIGNATURE_SQL,
                (
                    canonical_url,
                    original_url,
                    first_seen,
                    neardup.to_blob(sketch.values),
                ),
            ).fetchone()[0]
        )
        self._connection.execute(
            INSERT_CHECK_SQL, (signature_id, neardup.check_bits(sketch.values))
        )
        return signature_id

    def remove(self, canonical_url: str) -> None:
        row = self._connection.execute(
            SELECT_SIGNATURE_SQL, (canonical_url,)
        ).fetchone()
        if row is None:
            return
        # The old band keys follow from the old signature, so no index on signature_id.
        params = (row[0], *neardup.band_keys(neardup.from_blob(row[1])))
        for level, statement in enumerate(DELETE_BAND_SQL):
            removed = self._connection.execute(statement, params).rowcount
            if level and removed > 0:
                self._connection.execute(ADD_LEVEL_ROWS_SQL, (level, -removed))
        self._connection.execute(DELETE_CHECK_SQL, (row[0],))
        self._connection.execute(DELETE_SIGNATURE_SQL, (row[0],))

    def set_original(self, canonical_url: str, original_url: str) -> None:
        self._connection.execute(UPDATE_ORIGINAL_SQL, (original_url, canonical_url))

    def first_similar(
        self, sketch: neardup.Sketch, threshold: float, *, other_than: str
    ) -> str | None:
        """Original URL of the first indexed body near ``sketch``, not ``other_than``.

        The first is the earliest ``first_seen`` (then the lowest id) among the
        candidates similar enough, whatever order the screen reads them in.
        """
        rows = self._connection.execute(
            SELECT_CANDIDATES_SQL, candidate_params(sketch.keys)
        ).fetchall()
        return self._first_of(rows, sketch, threshold, other_than)

    def prepare_lookups(self) -> None:
        """Nothing to do: the tables answer lookups as they are."""

    def _first_of(
        self,
        rows: Sequence[tuple[int, bytes | None]],
        sketch: neardup.Sketch,
        threshold: float,
        other_than: str,
    ) -> str | None:
        """Original URL of the first candidate near ``sketch``.

        ``rows`` are the candidates' ids and compact signatures (None: read it whole).
        """
        screened = neardup.could_be_similar(
            sketch.values, [row[1] for row in rows], threshold
        )
        best: tuple[str, int, str] | None = None
        for (signature_id, _), worth_reading in zip(rows, screened, strict=True):
            if not worth_reading:
                continue
            row = self._connection.execute(
                SELECT_CANDIDATE_SQL, (signature_id, other_than)
            ).fetchone()
            if row is None:
                continue
            score = neardup.similarity(sketch.values, neardup.from_blob(row[2]))
            if score >= threshold and (
                best is None or (row[0], signature_id) < best[:2]
            ):
                best = (row[0], signature_id, row[1])
        return None if best is None else str(best[2])

    def _move(self, level: int) -> int:
        """Move every row of ``level`` into the next one; return how many it took."""
        if isinstance(self._connection, sqlite3.Connection):
            insert, delete = MERGE_SQL[level]
            moved = self._connection.execute(insert).rowcount
            self._connection.execute(delete)
        else:
            moved = self._connection.execute(MOVE_SQL_POSTGRES[level]).rowcount
        return max(moved, 0)

    def level_rows(self) -> list[int]:
        """Rows per level, level 0 first (levels 1 and up as last merged)."""
        counts = [0] * LEVELS
        for level, rows in self._connection.execute(SELECT_LEVELS_SQL):
            counts[level] = rows
        counts[0] = self._connection.execute(COUNT_LEVEL0_SQL).fetchone()[0]
        return counts

    def merge_due(self) -> bool:
        rows = self._connection.execute(COUNT_LEVEL0_SQL).fetchone()[0]
        return bool(rows >= capacity(0))

    def merge(self, *, through: int = -1) -> None:
        """Move each full level into the next one, from level 0 up.

        Levels up to ``through`` are moved even when not full (``LEVELS - 2`` moves
        everything into the last level).
        """
        counts = self.level_rows()
        for level in range(LEVELS - 1):
            if level > through and counts[level] < capacity(level):
                continue
            moved = self._move(level)
            counts[level + 1] += moved
            counts[level] = 0
            changes = [(level + 1, moved), (level, -moved)] if level else [(1, moved)]
            self._connection.executemany(ADD_LEVEL_ROWS_SQL, changes)
