"""Where the articles are stored: from the settings, and which database that is.

No psycopg here: PostgreSQL support is an optional extra, imported only when a
``postgresql://`` URL is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from newscrawl import defaults

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def store_target(settings: BaseSettings) -> str:
    """``NEWSCRAWL_DATABASE_URL`` (PostgreSQL) when set, else ``NEWSCRAWL_SQLITE_PATH``."""
    url = settings.get("NEWSCRAWL_DATABASE_URL")
    if url:
        return str(url)
    return str(
        settings.get("NEWSCRAWL_SQLITE_PATH", defaults.NEWSCRAWL_SQLITE_PATH) or ""
    )


def near_index(settings: BaseSettings) -> str:
    """``NEWSCRAWL_NEARDUP_INDEX``, which the store checks when it opens."""
    return str(
        settings.get("NEWSCRAWL_NEARDUP_INDEX", defaults.NEWSCRAWL_NEARDUP_INDEX)
    ).strip()


SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    return target.startswith(SCHEMES)


def redact_password(url: str) -> str:
    """Return ``url`` with its password, if any, replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
