"""A crawl of the demo sites with a misbehaving site mixed in (tests/faultsite.py).

It must store every article a patient user could get, account for every one it could
not in the stats with its reason, report unreadable sitemaps, and finish.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import pytest_twisted

from tests.faultsite import (
    CYRILLIC_HEADLINE,
    GOOD,
    LOST,
    MAXSIZE,
    TIMEOUT,
    UNREADABLE_SITEMAPS,
    FaultSite,
)
from tests.test_crawl import EXPECTED_ARTICLES, crawl_settings, run_crawl

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def fault_site() -> Iterator[FaultSite]:
    with FaultSite() as site:
        yield site


def _stored(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT canonical_url, headline FROM articles"
        ).fetchall()


@pytest_twisted.ensureDeferred
async def test_crawl_with_faults_keeps_what_can_be_had_and_says_what_was_lost(
    fault_site: FaultSite,
    demo_sites: dict[str, str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    settings = crawl_settings(
        tmp_path,
        DOWNLOAD_MAXSIZE=MAXSIZE,
        NEWSCRAWL_SITEMAP_MAXSIZE=MAXSIZE,
        DOWNLOAD_WARNSIZE=0,
        DOWNLOAD_TIMEOUT=TIMEOUT,
    )
    urls = [f"{fault_site.base}/", f"{fault_site.base}/feed.xml", *demo_sites.values()]
    crawler, _ = await run_crawl(settings, urls=" ".join(urls))
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    assert stats["finish_reason"] == "finished"
    assert stats["newscrawl/job/outcome"] == "ok"

    rows = _stored(tmp_path / "articles.sqlite")
    fault_netloc = urlsplit(fault_site.base).netloc
    fault_paths = {urlsplit(url).path for url, _ in rows if fault_netloc in url}
    assert fault_paths == set(GOOD)
    demo = Counter(
        name
        for url, _ in rows
        for name, base in demo_sites.items()
        if url.startswith(base)
    )
    assert demo == EXPECTED_ARTICLES

    # Every lost article is accounted for, under its reason.
    for stat, count in Counter(LOST.values()).items():
        assert stats.get(stat, 0) >= count, (stat, stats.get(stat))
    headlines = dict(rows)
    wrong_charset = f"{fault_site.base}/2026/11/20/wrong-charset"
    assert headlines[wrong_charset] == CYRILLIC_HEADLINE

    # Unreadable sitemaps are counted and named in the log, not dropped silently.
    assert stats["newscrawl/sources/sitemap/failed"] >= len(UNREADABLE_SITEMAPS)
    warnings = "\n".join(r.getMessage() for r in caplog.records)
    for path in UNREADABLE_SITEMAPS:
        assert f"{fault_site.base}{path}" in warnings
    # The readable part of the malformed sitemap was still used.
    assert "/2026/11/20/from-sitemap" in fault_paths

    # Documents declaring entities are refused whole: nothing of them is requested,
    # and no request carries a file's content or an expanded bomb.
    requested = set(fault_site.counts)
    assert not {"/news/", "/leak/"} & requested
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        assert not any(hostname.read_text().strip() in p for p in requested)
    assert not any("lollol" in p for p in requested)
    # Retried until the server gave in, and no more often than RETRY_TIMES allows.
    assert fault_site.counts["/2026/11/20/flaky-500"] == 2
    assert fault_site.counts["/2026/11/20/always-500"] == 3
