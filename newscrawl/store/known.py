"""KnownArticles: what the store already holds, read once when a spider opens.

No Scrapy here, and no writes: a SQLite file is opened read-only (``mode=ro``), so it
never takes a write lock from the storage pipeline; PostgreSQL is read the same way. Only committed rows are visible,
which is the point: an article counts as done only once its row is committed, so a
crawl killed before a commit fetches that article again on the next run.

The known URLs are loaded into memory once rather than queried per link: a listing or
sitemap yields far more links than there are new articles, and a lookup in memory costs
little next to an SQL round trip per link, nor does ``url`` need an index. They are kept
as 64-bit hashes (:class:`~newscrawl.urlhashes.UrlHashes`), 8 bytes a URL where a set
of the strings took about 185; ``benchmarks/known_urls.py`` measures the load. Only recent articles
keep their URLs as strings, with their dates, for the refresh decision. Pages confirmed
to be no article (:mod:`newscrawl.store.nonarticles`) are read the same way.

One store serves every spider by default, so a site spider names its hosts and loads
only their URLs: its memory follows its own site's share of the store, not the store.
The database picks the rows by a substring of the lower-cased URL (one plain ``LIKE``
per host and column, which SQLite and PostgreSQL both read and run without calling
back into Python); :func:`on_hosts` then keeps the ones truly on a host.
"""

from __future__ import annotations

import sqlite3
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.isotime import parse_iso_utc
from newscrawl.store import nonarticles
from newscrawl.store.connection import stream_rows
from newscrawl.store.target import is_postgres_url
from newscrawl.urlhashes import UrlHashes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawl.store.connection import Connection

_SELECT_SQL = (
    "SELECT canonical_url, url, published, modified, last_updated FROM articles"
)
_TABLE_SQL = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
_PG_TABLE_SQL = "SELECT to_regclass(?)"


@dataclass
class KnownArticles:
    """Stored article URLs, and when each recent one was last seen to change.

    ``recent`` maps the URLs of articles published within the refresh window to the
    later of their stored ``modified`` and ``last_updated`` (``None`` when neither
    parses): a source entry dated after it means the article may have changed.
    ``non_articles`` are pages lately confirmed to be no article.
    """

    urls: UrlHashes = field(default_factory=UrlHashes)
    recent: dict[str, datetime | None] = field(default_factory=dict)
    non_articles: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.urls)

    def is_known(self, url: str) -> bool:
        return url in self.urls

    def is_non_article(self, url: str) -> bool:
        return url in self.non_articles

    def needs_refresh(self, url: str, listed: datetime | None) -> bool:
        """Whether a known article, listed with date ``listed``, is worth fetching again.

        Only recent articles are re-checked, and only when a feed or sitemap dates
        the entry after the stored version: an undated link (a listing page) says
        nothing about a change, and re-fetching every recent article on every run
        would undo the point of an incremental crawl.
        """
        if url not in self.recent or listed is None:
            return False
        stored = self.recent[url]
        return stored is None or listed > stored

    @classmethod
    def load(
        cls,
        path: str | Path,
        *,
        refresh_days: float,
        non_article_days: float = 0,
        now: datetime | None = None,
        hosts: Sequence[str] = (),
    ) -> KnownArticles:
        """Read the store at ``path`` (a SQLite file or a PostgreSQL URL).

        An absent file or table means nothing is known. Pages confirmed to be no
        article count for ``non_article_days`` after they were last found so (0: never).
        With ``hosts``, only articles with a URL on one of them (see :func:`on_hosts`)
        are read; without, every article.
        """
        known = cls()
        connection = _open_read_only(str(path))
        if connection is None:
            return known
        now = now or datetime.now(UTC)
        # A whole day: an article dated by its day alone counts from that day's start.
        cutoff = (now - timedelta(days=refresh_days)).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        hosts = [host.lower() for host in hosts]
        where, params = _host_filter(hosts)
        hashes = array("q")
        try:
            for canonical, url, published, modified, updated in stream_rows(
                connection, _SELECT_SQL + where, params
            ):
                keys = [key for key in (canonical, url) if key]
                # The filter's substring also matches a host named in a path or query.
                if hosts and not any(on_hosts(key, hosts) for key in keys):
                    continue
                hashes.extend(map(hash, keys))
                if refresh_days > 0 and _is_recent(published, cutoff):
                    stamp = _latest(modified, updated)
                    known.recent.update(dict.fromkeys(keys, stamp))
            if non_article_days > 0 and _has_table(connection, "non_articles"):
                since = (now - timedelta(days=non_article_days)).isoformat()
                known.non_articles.update(
                    url
                    for (url,) in connection.execute(
                        nonarticles.SELECT_CONFIRMED_SQL,
                        (nonarticles.CONFIRMING_DAYS, since),
                    )
                    if not hosts or on_hosts(url, hosts)
                )
        finally:
            connection.close()
        known.urls = UrlHashes(hashes)
        return known


def on_hosts(url: str, hosts: Sequence[str]) -> bool:
    """Whether ``url`` is on one of the lower-cased ``hosts``.

    A host is a domain, which also covers its subdomains (``example.com`` covers
    ``www.example.com``), or a ``host:port`` that must match exactly (a local copy of a
    site on ``base_url``).
    """
    parts = urlsplit(url)
    netloc = parts.netloc.lower()
    hostname = parts.hostname or ""
    return any(
        host in {netloc, hostname} or hostname.endswith(f".{host}") for host in hosts
    )


def _host_filter(hosts: Sequence[str]) -> tuple[str, list[str]]:
    """Return a WHERE clause for rows whose URLs contain one of ``hosts``, and its values.

    A superset of :func:`on_hosts`, so an ``_`` in a host, a wildcard to ``LIKE``, may
    stay as it is. No clause for no hosts.
    """
    if not hosts:
        return "", []
    patterns = [f"%{host}%" for host in hosts]
    tests = [
        f"lower({column}) LIKE ?"
        for column in ("canonical_url", "url")
        for _ in patterns
    ]
    return " WHERE " + " OR ".join(tests), patterns * 2


def _open_read_only(path: str) -> Connection | None:
    """Open the store at ``path`` to read; None when it has no articles table yet."""
    connection: Connection
    if is_postgres_url(path):
        # Imported here: PostgreSQL support (psycopg) is an optional extra.
        from newscrawl.store.postgres import PostgresConnection  # noqa: PLC0415

        connection = PostgresConnection(path)
    else:
        if not Path(path).is_file():
            return None
        connection = sqlite3.connect(
            f"{Path(path).resolve().as_uri()}?mode=ro", uri=True
        )
    if not _has_table(connection, "articles"):
        connection.close()
        return None
    return connection


def _has_table(connection: Connection, name: str) -> bool:
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(_TABLE_SQL, (name,)).fetchone() is not None
    return connection.execute(_PG_TABLE_SQL, (name,)).fetchone()[0] is not None


def _is_recent(published: str | None, cutoff: datetime) -> bool:
    moment = parse_iso_utc(published)
    return moment is not None and moment >= cutoff


def _latest(*values: str | None) -> datetime | None:
    stamps = [stamp for value in values if (stamp := parse_iso_utc(value)) is not None]
    return max(stamps, default=None)
