"""The part of a DB-API connection the store uses, met by sqlite3 and the PostgreSQL adapter."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Protocol, Self, cast

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from types import TracebackType

    from newscrawl.store.postgres import PostgresConnection

try:
    import psycopg

    _PG_LOST: tuple[type[Exception], ...] = (psycopg.OperationalError,)
    _PG_ERRORS: tuple[type[Exception], ...] = (psycopg.Error,)
except ImportError:  # PostgreSQL support is an optional extra
    _PG_LOST = _PG_ERRORS = ()
# What a lost, refused or busy connection raises: worth trying again on a new one. Any
# other database error (a bug, bad data) would fail again.
LOST_CONNECTION: tuple[type[Exception], ...] = (sqlite3.OperationalError, *_PG_LOST)
# Any error of either database; LOST_CONNECTION's are among them, so check those first.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, *_PG_ERRORS)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Sequence[Sequence[Any]] | None: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(
        self, sql: str, parameters: Iterable[Sequence[Any]], /
    ) -> object: ...

    def commit(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
        /,
    ) -> object: ...


def stream_rows(
    connection: Connection, sql: str, params: Sequence[Any] = ()
) -> Iterator[Any]:
    """Iterate over a query's rows without holding them all.

    SQLite hands rows over one by one; psycopg's plain cursor fetches every row at once,
    so PostgreSQL goes through a server-side cursor, which lives in the current
    transaction.
    """
    if isinstance(connection, sqlite3.Connection):
        return iter(connection.execute(sql, params))
    return cast("PostgresConnection", connection).stream(sql, params)
