"""ArticleStore: the table of articles, its upsert and the lookups dedup needs.

No Scrapy here. All SQL lives in this module's constants, in
:mod:`newscrawl.store.bands` and in :mod:`newscrawl.store.nonarticles`. Apart from the PRAGMAs, the ``?`` placeholders and SQLite's
column types it is standard SQL (``IS DISTINCT FROM``, ``ON CONFLICT … DO UPDATE …
WHERE``), which :mod:`newscrawl.store.postgres` runs on PostgreSQL unchanged but for
those: one store, two databases.

Besides the articles, the store keeps the near-duplicate index (see
:mod:`newscrawl.neardup`): one MinHash signature per article body and one row per LSH
band in a log-structured set of level tables (:mod:`newscrawl.store.bands`), written in
the same transaction as the article, so a lookup is one indexed probe per band and
level however many articles are stored; or, on SQLite, the band rows in memory
(:mod:`newscrawl.store.memoryindex`). It also notes the pages found to be no article
(:mod:`newscrawl.store.nonarticles`), so later runs can skip them.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import fields
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self, cast

from newscrawl import neardup
from newscrawl.items import ARTICLE_FIELDS, Article
from newscrawl.store import nonarticles
from newscrawl.store.bands import BandIndex
from newscrawl.store.connection import stream_rows
from newscrawl.store.memoryindex import POSTGRES_REFUSED, MemoryBandIndex
from newscrawl.store.target import is_postgres_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from types import TracebackType

    from newscrawl.store.connection import Connection
    from newscrawl.store.postgres import PostgresConnection

logger = logging.getLogger(__name__)

MEMORY = ":memory:"
# Where the near-duplicate band rows are kept, by the NEWSCRAWL_NEARDUP_INDEX name.
NEAR_INDEXES: dict[str, type[BandIndex]] = {
    "store": BandIndex,
    "memory": MemoryBandIndex,
}

# Lists, dicts and booleans are stored as JSON text; everything else is already text.
JSON_FIELDS: frozenset[str] = frozenset(
    f.name for f in fields(Article) if str(f.type).startswith(("list", "dict", "bool"))
)
_KEY = "canonical_url"
_COLUMNS: tuple[str, ...] = (*ARTICLE_FIELDS, "first_seen", "last_updated")
_UPDATED_COLUMNS = tuple(c for c in _COLUMNS if c not in {_KEY, "first_seen"})

CREATE_TABLE_SQL = "CREATE TABLE IF NOT EXISTS articles (\n    {}\n)".format(
    ",\n    ".join(
        f"{name} TEXT NOT NULL UNIQUE" if name == _KEY else f"{name} TEXT"
        for name in ARTICLE_FIELDS
    )
    + ",\n    first_seen TEXT NOT NULL,\n    last_updated TEXT NOT NULL"
)
CREATE_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS articles_fingerprint_idx ON articles (fingerprint)",
    # newscrawl-export reads in time order, and with --since only the last stretch: a
    # range of an index rather than the whole table read and sorted, a day's articles
    # out of millions. The stamps only grow, so each row lands at an index's end.
    "CREATE INDEX IF NOT EXISTS articles_first_seen_idx ON articles (first_seen)",
    "CREATE INDEX IF NOT EXISTS articles_last_updated_idx ON articles (last_updated)",
)
# The near-duplicate index needs RETURNING (SQLite 3.35).
MIN_SQLITE = (3, 35)
_COLUMN_LIST = ", ".join(_COLUMNS)
_PLACEHOLDERS = ", ".join("?" for _ in _COLUMNS)
_SET_LIST = ", ".join(f"{c} = excluded.{c}" for c in _UPDATED_COLUMNS)


# Identifiers below come from the Article dataclass, never from data: values are always bound.
# The WHERE keeps an unchanged article untouched (same body and same modified date), and
# first_seen is never in the SET list, so it stays the date of the first crawl.
def _upsert_sql(distinct: str) -> str:
    return (
        f"INSERT INTO articles ({_COLUMN_LIST}) VALUES ({_PLACEHOLDERS})\n"  # noqa: S608
        f"ON CONFLICT ({_KEY}) DO UPDATE SET {_SET_LIST}\n"
        f"WHERE excluded.fingerprint {distinct} articles.fingerprint"
        f" OR excluded.modified {distinct} articles.modified"
    )


# Standard SQL, which PostgreSQL and SQLite 3.39+ read; older SQLite only knows its own
# "IS NOT" for a NULL-safe comparison, which PostgreSQL refuses.
UPSERT_SQL = _upsert_sql("IS DISTINCT FROM")
_OLD_SQLITE_UPSERT_SQL = _upsert_sql("IS NOT")
SELECT_VERSION_SQL = (
    "SELECT fingerprint, modified FROM articles WHERE canonical_url = ?"
)
# The page a stored article was read from, and its body's signature (none when short).
SELECT_PAGE_SQL = (
    "SELECT articles.url, neardup_signatures.signature FROM articles"
    " LEFT JOIN neardup_signatures"
    " ON neardup_signatures.canonical_url = articles.canonical_url"
    " WHERE articles.canonical_url = ?"
)
# The first article with this body; its own duplicate_of, if any, points further back.
SELECT_BY_FINGERPRINT_SQL = (
    "SELECT canonical_url, duplicate_of FROM articles"
    " WHERE fingerprint = ? AND canonical_url <> ?"
    " ORDER BY first_seen, canonical_url LIMIT 1"
)
SELECT_ARTICLE_SQL = f"SELECT {_COLUMN_LIST} FROM articles WHERE canonical_url = ?"  # noqa: S608
# The columns of an existing table, read from the DB-API cursor description.
SELECT_NO_ARTICLE_SQL = "SELECT * FROM articles WHERE 1 = 0"
ADD_COLUMN_SQL = "ALTER TABLE articles ADD COLUMN {} TEXT"
COUNT_SQL = "SELECT COUNT(*) FROM articles"

SELECT_FIRST_SEEN_SQL = "SELECT first_seen FROM articles WHERE canonical_url = ?"


# The stamps an export may select and order by.
Stamp = Literal["first_seen", "last_updated"]


def select_articles_sql(
    *, since: bool, sites: int, originals_only: bool, stamp: Stamp = "first_seen"
) -> str:
    """Select stored rows in the order of ``stamp``, filtered by fixed conditions.

    Only ``?`` marks and the two stamp column names are formatted in; the values are
    bound.
    """
    if stamp not in {"first_seen", "last_updated"}:
        raise ValueError(f"no such stamp: {stamp!r}")
    conditions = []
    if since:
        conditions.append(f"{stamp} >= ?")
    if sites:
        conditions.append(f"site IN ({', '.join('?' for _ in range(sites))})")
    if originals_only:
        conditions.append("duplicate_of IS NULL")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"SELECT {_COLUMN_LIST} FROM articles{where}"  # noqa: S608
        f" ORDER BY {stamp}, canonical_url"
    )


class UpsertResult(Enum):
    INSERTED = "inserted"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class StoredVersion(NamedTuple):
    """What decides whether a stored article changed."""

    fingerprint: str | None
    modified: str | None


def _utc_now() -> str:
    return datetime.now(UTC).isoformat()


def _to_column(name: str, value: Any) -> Any:
    if name in JSON_FIELDS or isinstance(value, list | dict | bool):
        return None if value is None else json.dumps(value, ensure_ascii=False)
    return value


def _record(row: Sequence[Any]) -> dict[str, Any]:
    record = dict(zip(_COLUMNS, row, strict=True))
    for name in JSON_FIELDS:
        if record[name] is not None:
            record[name] = json.loads(record[name])
    return record


def _connect_postgres(url: str) -> Connection:
    # Imported here: PostgreSQL support (psycopg) is an optional extra.
    from newscrawl.store.postgres import PostgresConnection  # noqa: PLC0415

    return PostgresConnection(url)


def _connect_sqlite(path: str, timeout: float) -> sqlite3.Connection:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        needed = ".".join(map(str, MIN_SQLITE))
        msg = (
            f"the article store needs SQLite {needed} or newer; this Python"
            f" has SQLite {sqlite3.sqlite_version} (or set NEWSCRAWL_DATABASE_URL)"
        )
        raise sqlite3.NotSupportedError(msg)
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path, timeout=timeout)
    except sqlite3.Error as error:
        # SQLite's own message does not say which file it could not open.
        msg = f"cannot open the article store {path!r}: {error}"
        raise sqlite3.OperationalError(msg) from error
    if path != MEMORY:
        # WAL lets the dedup pipeline read while the storage pipeline holds a write batch.
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        # The near-duplicate band index takes 32 rows per article at random keys;
        # with SQLite's 2 MB default cache every batch then re-reads index pages
        # from disk as the store grows. 64 MB keeps the hot pages in memory.
        connection.execute("PRAGMA cache_size=-65536")
    return connection


class ArticleStore:
    """One connection to the ``articles`` table, in SQLite or PostgreSQL.

    ``path`` is a SQLite file (or ``:memory:``) or a ``postgresql://`` URL (see
    :mod:`newscrawl.store.postgres`). Writes are not committed until :meth:`commit`, so callers choose the batch size.
    ``near_index`` is where the near-duplicate band rows are kept (:data:`NEAR_INDEXES`).
    """

    def __init__(
        self,
        path: str | Path = MEMORY,
        *,
        timeout: float = 30.0,
        near_index: str = "store",
    ) -> None:
        if near_index not in NEAR_INDEXES:
            msg = (
                f"NEWSCRAWL_NEARDUP_INDEX = {near_index!r}:"
                f" use one of {', '.join(map(repr, NEAR_INDEXES))}"
            )
            raise ValueError(msg)
        if near_index == "memory" and is_postgres_url(str(path)):
            raise ValueError(POSTGRES_REFUSED)
        self.path = str(path)
        self._connection: Connection = (
            _connect_postgres(self.path)
            if is_postgres_url(self.path)
            else _connect_sqlite(self.path, timeout)
        )
        self._upsert_sql = (
            _OLD_SQLITE_UPSERT_SQL
            if isinstance(self._connection, sqlite3.Connection)
            and sqlite3.sqlite_version_info < (3, 39)
            else UPSERT_SQL
        )
        try:
            with self._connection:
                self._connection.execute(CREATE_TABLE_SQL)
                self._add_new_columns()
                for statement in CREATE_INDEX_SQL:
                    self._connection.execute(statement)
                self._connection.execute(nonarticles.CREATE_SQL)
                self._bands = NEAR_INDEXES[near_index](self._connection)
            added = self._bands.add_missing_bands()
            if added:
                logger.info(
                    "Near-duplicate index: band rows added for %d signatures stored"
                    " while it was kept in memory",
                    added,
                )
        except BaseException:
            # A store that cannot be set up is not returned: its connection must not leak.
            self._connection.close()
            raise

    def _add_new_columns(self) -> None:
        """Give a table made by an older version the columns of fields added since.

        Old rows read NULL there. PostgreSQL runs this under the schema lock its first
        CREATE took; two SQLite processes may race, and the loser finds the column.
        """
        present = self._columns()
        for name in ARTICLE_FIELDS:
            if name in present:
                continue
            try:
                self._connection.execute(ADD_COLUMN_SQL.format(name))
            except sqlite3.OperationalError:
                if name not in self._columns():
                    raise

    def _columns(self) -> set[str]:
        description = self._connection.execute(SELECT_NO_ARTICLE_SQL).description
        return {str(column[0]) for column in description or ()}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def upsert(
        self,
        article: Mapping[str, Any],
        *,
        now: str | None = None,
        sketch: neardup.Sketch | None = None,
    ) -> UpsertResult:
        """Insert ``article`` or update its row if its body or ``modified`` changed.

        ``sketch`` is the body's :func:`newscrawl.neardup.signature` when the caller
        has it already; without it the body is sketched here, when it is indexed.
        """
        if not article.get(_KEY):
            raise ValueError("an article needs a canonical_url to be stored")
        stamp = now or _utc_now()
        values = {name: _to_column(name, article.get(name)) for name in ARTICLE_FIELDS}
        values["first_seen"] = values["last_updated"] = stamp
        old = self.version(article[_KEY])
        cursor = self._connection.execute(
            self._upsert_sql, [values[c] for c in _COLUMNS]
        )
        if cursor.rowcount < 1:
            return UpsertResult.UNCHANGED
        key, original = article[_KEY], article.get("duplicate_of") or article[_KEY]
        body = article.get("body")
        if old is None:
            self._index_body(key, body, sketch, original, stamp)
        elif old.fingerprint != values["fingerprint"]:
            self._bands.remove(key)
            first_seen = self._connection.execute(
                SELECT_FIRST_SEEN_SQL, (key,)
            ).fetchone()[0]
            self._index_body(key, body, sketch, original, first_seen)
        else:
            self._bands.set_original(key, original)
        return UpsertResult.INSERTED if old is None else UpsertResult.UPDATED

    def _index_body(
        self,
        canonical_url: str,
        body: str | None,
        sketch: neardup.Sketch | None,
        original: str,
        first_seen: str,
    ) -> None:
        if sketch is None:
            sketch = neardup.signature(body)
        if sketch is not None:
            self._bands.add(canonical_url, original, first_seen, sketch)

    def record_non_articles(
        self, urls: Iterable[str], *, now: str | None = None
    ) -> None:
        """Note that the pages at ``urls`` were fetched and found to be no article."""
        stamp = now or _utc_now()
        self._connection.executemany(
            nonarticles.RECORD_SQL, [(url, stamp, stamp) for url in urls]
        )

    def near_duplicate_of(
        self, sketch: neardup.Sketch, threshold: float, *, other_than: str
    ) -> str | None:
        """Canonical URL of the first stored article whose body is near ``sketch``.

        Not counting ``other_than``; when the match is itself a copy, its original.
        """
        return self._bands.first_similar(sketch, threshold, other_than=other_than)

    def version(self, canonical_url: str) -> StoredVersion | None:
        """Fingerprint and ``modified`` of the stored article, None when not stored."""
        row = self._connection.execute(SELECT_VERSION_SQL, (canonical_url,)).fetchone()
        return None if row is None else StoredVersion(row[0], row[1])

    def page_of(
        self, canonical_url: str
    ) -> tuple[str | None, neardup.Signature | None] | None:
        """Return the page the stored article was read from and its body's MinHash values."""
        row = self._connection.execute(SELECT_PAGE_SQL, (canonical_url,)).fetchone()
        if row is None:
            return None
        return row[0], None if row[1] is None else neardup.from_blob(bytes(row[1]))

    def first_with_fingerprint(
        self, fingerprint: str, *, other_than: str
    ) -> str | None:
        """Canonical URL of the first stored article with this body, not counting ``other_than``."""
        row = self._connection.execute(
            SELECT_BY_FINGERPRINT_SQL, (fingerprint, other_than)
        ).fetchone()
        if row is None:
            return None
        return str(row[1] or row[0])

    def get(self, canonical_url: str) -> dict[str, Any] | None:
        """Return the stored row as a dict, JSON columns decoded."""
        cursor = self._connection.execute(SELECT_ARTICLE_SQL, (canonical_url,))
        row = cursor.fetchone()
        return None if row is None else _record(row)

    def articles(
        self,
        *,
        since: datetime | None = None,
        stamp: Stamp = "first_seen",
        sites: Sequence[str] = (),
        originals_only: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Yield stored rows as :meth:`get` returns them, in the order of ``stamp``.

        With ``since``, only rows whose ``stamp`` is that late: ``first_seen``, the
        articles new since then; ``last_updated``, those new or changed since then.

        Streamed, whatever the store's size: SQLite sorts in its temporary store
        (on disk when large) and hands rows over one by one, PostgreSQL through a
        server-side cursor. The stamps are ISO 8601 in UTC, so they compare as text.
        """
        sql = select_articles_sql(
            since=since is not None,
            sites=len(sites),
            originals_only=originals_only,
            stamp=stamp,
        )
        params: list[Any] = [] if since is None else [since.astimezone(UTC).isoformat()]
        params.extend(sites)
        for row in stream_rows(self._connection, sql, params):
            yield _record(row)

    def count(self) -> int:
        return int(self._connection.execute(COUNT_SQL).fetchone()[0])

    def merge_near_duplicate_index(self, *, through: int) -> None:
        """Move the band rows of levels 0 to ``through`` on now rather than when due."""
        self._bands.merge(through=through)
        self._connection.commit()

    def prepare_lookups(self) -> None:
        """Ready the near-duplicate index for lookups now (a memory index loads)."""
        self._bands.prepare_lookups()

    def read_outside_transactions(self) -> None:
        """Run each later statement on its own, for a connection that only reads.

        PostgreSQL otherwise opens a transaction at the first SELECT and holds it until
        a commit: the connection sits idle in a transaction, which servers with an
        idle-transaction timeout cut, or it pays a COMMIT round trip per lookup. SQLite
        reads outside a transaction already.
        """
        if is_postgres_url(self.path):
            cast("PostgresConnection", self._connection).autocommit()

    def commit(self) -> None:
        if self._bands.merge_due():
            self._bands.merge()
        self._connection.commit()

    def close(self, *, commit: bool = True) -> None:
        """Commit what is pending (with ``commit``) and close the connection.

        A reader closes without: its commit would also merge a full band level.
        """
        try:
            if commit:
                self.commit()
        finally:
            # Closed also when the commit fails, or the connection would leak.
            self._connection.close()
