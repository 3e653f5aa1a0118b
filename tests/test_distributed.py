"""Distributed mode: two worker processes on one scrapy-redis frontier (real redis-server).

The workers crawl the demo sites; the server counts every request. Here they share the
SQLite store, one commit per article (batch size 1) so neither holds the write lock for
long.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.server import request_counts
from tests.conftest import REPO_ROOT
from tests.test_crawl import EXPECTED_ARTICLES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TOTAL = sum(EXPECTED_ARTICLES.values())
_scraped_pattern = re.compile(r"'item_scraped_count': (\d+)")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(home)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _worker(
    demo_sites: dict[str, str], redis_url: str, crawl: str, db: Path, log: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic",
        "-a", f"urls={' '.join(demo_sites.values())}",
        "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
        "-s", f"NEWSCRAWL_CRAWL_ID={crawl}",
        "-s", "NEWSCRAWL_WORKER_TTL=3",
        "-s", f"NEWSCRAWL_SQLITE_PATH={db}",
        "-s", "NEWSCRAWL_SQLITE_BATCH_SIZE=1",
        "-s", "DOWNLOAD_DELAY=0.3",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", f"LOG_FILE={log}",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _rows(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        return [r[0] for r in connection.execute("SELECT canonical_url FROM articles")]


def _reset(demo_sites: dict[str, str]) -> None:
    for base in demo_sites.values():
        request_counts(base, reset=True)


def _fetched_twice(demo_sites: dict[str, str]) -> dict[str, int]:
    # Every worker reads robots.txt for itself, as politeness asks.
    return {
        f"{base}{path.lstrip('/')}": count
        for base in demo_sites.values()
        for path, count in request_counts(base).items()
        if count > 1 and path != "/robots.txt"
    }


def test_two_workers_share_the_work_and_fetch_nothing_twice(
    demo_sites: dict[str, str], redis_url: str, tmp_path: Path
) -> None:
    _reset(demo_sites)
    crawl, db = uuid.uuid4().hex, tmp_path / "articles.sqlite"
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    workers = [_worker(demo_sites, redis_url, crawl, db, log) for log in logs]
    assert [w.wait(timeout=180) for w in workers] == [0, 0]
    rows = _rows(db)
    assert len(rows) == len(set(rows)) == TOTAL
    assert _fetched_twice(demo_sites) == {}
    scraped = [
        int(m.group(1))
        for log in logs
        for m in _scraped_pattern.finditer(log.read_text())
    ]
    assert len(scraped) == 2
    assert all(n > 0 for n in scraped), scraped
    assert sum(scraped) == TOTAL


def test_killing_a_worker_loses_no_article(
    demo_sites: dict[str, str], redis_url: str, tmp_path: Path
) -> None:
    _reset(demo_sites)
    crawl, db = uuid.uuid4().hex, tmp_path / "articles.sqlite"
    survivor = _worker(demo_sites, redis_url, crawl, db, tmp_path / "w1.log")
    victim = _worker(demo_sites, redis_url, crawl, db, tmp_path / "w2.log")
    deadline = time.monotonic() + 120
    while len(_rows(db)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert survivor.wait(timeout=180) == 0
    rows = _rows(db)
    assert len(rows) == len(set(rows)) == TOTAL
    # The victim had taken requests from the shared queue; the survivor ran them.
    assert "Re-queued" in (tmp_path / "w1.log").read_text()
