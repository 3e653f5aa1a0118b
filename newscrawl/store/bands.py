"""The near-duplicate index in SQL: MinHash signatures and their LSH band rows.

No Scrapy here; :class:`ArticleStore` owns the connection and the transactions.

Every new signature adds one row per band at a random key. Inserting such rows one
article at a time into one big B-tree costs about one dirty page per row once the
index outgrows a commit batch, so the cost per article would climb with the store.
New rows therefore go to a small ``neardup_recent_bands`` table, which stays in the
page cache, and are moved into ``neardup_bands`` in key order when the recent table
reaches a fixed share of the big one: a sorted merge rewrites each page of the big
table once for many rows, and because it waits until the recent rows are a constant
share of the big table, its cost per article stays the same as the store grows (the
log-structured merge idea). Lookups probe both tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl import neardup

if TYPE_CHECKING:
    import sqlite3

# The band tables are keyed by the signature's own INTEGER PRIMARY KEY, which VACUUM
# keeps (the articles' implicit rowid it may renumber); WITHOUT ROWID makes the primary
# key the only B-tree, which halves the size of the largest table.
_BAND_TABLES = ("neardup_bands", "neardup_recent_bands")
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
        for table in _BAND_TABLES
    ),
)
SELECT_SIGNATURE_SQL = (
    "SELECT id, signature FROM neardup_signatures WHERE canonical_url = ?"
)
INSERT_SIGNATURE_SQL = (
    "INSERT INTO neardup_signatures"
    " (canonical_url, original_url, first_seen, signature) VALUES (?, ?, ?, ?)"
)
UPDATE_ORIGINAL_SQL = (
    "UPDATE neardup_signatures SET original_url = ? WHERE canonical_url = ?"
)
DELETE_SIGNATURE_SQL = "DELETE FROM neardup_signatures WHERE id = ?"
INSERT_BAND_SQL = (
    "INSERT OR IGNORE INTO neardup_recent_bands (band_key, signature_id) VALUES (?, ?)"
)
DELETE_BAND_SQL = tuple(
    f"DELETE FROM {table} WHERE band_key = ? AND signature_id = ?"  # noqa: S608
    for table in _BAND_TABLES
)
COUNT_RECENT_SQL = "SELECT COUNT(*) FROM neardup_recent_bands"
# The highest id is the number of signatures ever written: close enough for a merge
# trigger, and free, where COUNT(*) would read the whole table.
MAX_SIGNATURE_SQL = "SELECT COALESCE(MAX(id), 0) FROM neardup_signatures"
MERGE_SQL = (
    (
        "INSERT OR IGNORE INTO neardup_bands (band_key, signature_id)"
        " SELECT band_key, signature_id FROM neardup_recent_bands"
        " ORDER BY band_key, signature_id"
    ),
    "DELETE FROM neardup_recent_bands",
)
_BAND_PLACEHOLDERS = ", ".join("?" for _ in neardup.BAND_RANGES)
# Candidates sharing at least one band, oldest first: the caller keeps the first one that
# is similar enough. Each signature row carries its article's original (its duplicate_of,
# else itself) and first_seen, so a lookup never reads the wide articles rows. Only "?"
# marks are formatted in.
SELECT_NEAR_CANDIDATES_SQL = (
    "SELECT original_url, signature FROM neardup_signatures"  # noqa: S608
    f" WHERE id IN (SELECT signature_id FROM neardup_bands"
    f" WHERE band_key IN ({_BAND_PLACEHOLDERS})"
    " UNION ALL SELECT signature_id FROM neardup_recent_bands"
    f" WHERE band_key IN ({_BAND_PLACEHOLDERS}))"
    " AND canonical_url <> ?"
    " ORDER BY first_seen, id"
)

# Merge once the recent rows reach this share of the big table's rows. A larger share
# means fewer, longer merges and a larger table to probe; a quarter keeps each merge
# to about one rewrite of the big table per four times its size in new rows.
MERGE_SHARE = 0.25
# Below this many recent rows (about 1,500 articles) a merge is not worth its pause.
MERGE_MIN_ROWS = 50_000


class BandIndex:
    """Signatures and band rows on a connection whose transactions the caller owns."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        for statement in CREATE_SQL:
            connection.execute(statement)
        self._recent_rows: int = connection.execute(COUNT_RECENT_SQL).fetchone()[0]

    def add(
        self,
        canonical_url: str,
        original_url: str,
        first_seen: str,
        sketch: neardup.Sketch,
    ) -> None:
        cursor = self._connection.execute(
            INSERT_SIGNATURE_SQL,
            (canonical_url, original_url, first_seen, neardup.to_blob(sketch.values)),
        )
        signature_id = cursor.lastrowid
        self._connection.executemany(
            INSERT_BAND_SQL, [(key, signature_id) for key in sketch.keys]
        )
        self._recent_rows += len(sketch.keys)

    def remove(self, canonical_url: str) -> None:
        row = self._connection.execute(
            SELECT_SIGNATURE_SQL, (canonical_url,)
        ).fetchone()
        if row is None:
            return
        # The old band keys follow from the old signature, so no index on signature_id.
        rows = [(key, row[0]) for key in neardup.band_keys(neardup.from_blob(row[1]))]
        for statement in DELETE_BAND_SQL:
            self._connection.executemany(statement, rows)
        self._connection.execute(DELETE_SIGNATURE_SQL, (row[0],))

    def set_original(self, canonical_url: str, original_url: str) -> None:
        self._connection.execute(UPDATE_ORIGINAL_SQL, (original_url, canonical_url))

    def first_similar(
        self, sketch: neardup.Sketch, threshold: float, *, other_than: str
    ) -> str | None:
        """Original URL of the first indexed body near ``sketch``, not ``other_than``."""
        rows = self._connection.execute(
            SELECT_NEAR_CANDIDATES_SQL, (*sketch.keys, *sketch.keys, other_than)
        ).fetchall()
        if not rows:
            return None
        index = neardup.first_similar(
            sketch.values, [row[1] for row in rows], threshold
        )
        return None if index is None else str(rows[index][0])

    def merge_due(self) -> bool:
        if self._recent_rows < MERGE_MIN_ROWS:
            return False
        signatures: int = self._connection.execute(MAX_SIGNATURE_SQL).fetchone()[0]
        big_rows = signatures * len(neardup.BAND_RANGES) - self._recent_rows
        return self._recent_rows >= MERGE_SHARE * big_rows

    def merge(self) -> None:
        """Move the recent band rows into the big table, in key order."""
        for statement in MERGE_SQL:
            self._connection.execute(statement)
        self._recent_rows = 0
