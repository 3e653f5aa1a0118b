"""The Redis keys of one distributed crawl, all under ``newscrawl:<spider>:<crawl id>``.

A crawl id names one round of a spider's crawl (by default the UTC day it starts), so
the seen-set of yesterday's round does not hide today's feeds and sitemaps, and every
worker started for the same round shares one frontier.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple


def default_crawl_id(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%d")


class CrawlKeys(NamedTuple):
    queue: str
    seen: str
    requested: str
    settled: str
    workers: str
    sweep: str

    @classmethod
    def of(cls, spider: str, crawl_id: str) -> CrawlKeys:
        prefix = f"newscrawl:{spider}:{crawl_id}"
        return cls(
            queue=f"{prefix}:requests",
            seen=f"{prefix}:seen",
            requested=f"{prefix}:requested",
            settled=f"{prefix}:settled",
            workers=f"{prefix}:workers",
            sweep=f"{prefix}:sweep",
        )
