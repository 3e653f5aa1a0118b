"""Crash-safe re-runs: after SIGKILL, the same command again stores every article once.

Scrapy's JOBDIR keeps a dupefilter seen-set that outlives a killed crawl whose request
queue is lost. newscrawl's requests bypass that filter and the store's committed rows
say what is done, so a re-run, with or without JOBDIR, picks up everything missing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from typing import TYPE_CHECKING

import pytest_twisted
from scrapy import Request, signals
from scrapy.crawler import CrawlerRunner
from scrapy.dupefilters import RFPDupeFilter

from newscrawl.demo.server import request_counts
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.jobdir import RUNNING_MARKER, begin_run, end_run
from tests.test_crawl import (
    EXPECTED_ARTICLES,
    PROJECT_ROOT,
    crawl_settings,
    run_crawl,
    sqlite_rows,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TOTAL = sum(EXPECTED_ARTICLES.values())
_KILL_TIMEOUT = 20.0
_RUN_TIMEOUT = 60


def crawl_command(urls: str, db: Path, jobdir: Path | None) -> list[str]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"urls={urls}",
        "-s", f"NEWSCRAWL_SQLITE_PATH={db}",
        "-s", "NEWSCRAWL_SQLITE_BATCH_SIZE=2",
        # Slow and serial, so a kill lands mid-crawl rather than after it.
        "-s", "DOWNLOAD_DELAY=0.05",
        "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
        "-s", "CONCURRENT_REQUESTS=1",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
        "-s", "NEWSCRAWL_SUMMARY_STDOUT=False",
        "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip
    if jobdir is not None:
        command += ["-s", f"JOBDIR={jobdir}"]
    return command


def committed_rows(db: Path) -> int:
    """Rows another connection can see; 0 while the table does not exist yet."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def kill_when(command: list[str], ready: Callable[[], bool]) -> None:
    """Start ``command`` and SIGKILL it as soon as ``ready()`` is true."""
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + _KILL_TIMEOUT
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready():
                break
            time.sleep(0.02)
        assert process.poll() is None, "the crawl ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL


def kill_after(command: list[str], db: Path, rows: int) -> int:
    """Run ``command`` until ``db`` holds ``rows`` more committed rows, then SIGKILL it."""
    target = committed_rows(db) + rows
    kill_when(command, lambda: committed_rows(db) >= target)
    return committed_rows(db)


def run_to_end(command: list[str]) -> None:
    result = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=_RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def stored_per_site(db: Path, demo_sites: dict[str, str]) -> Counter[str]:
    with sqlite3.connect(db) as connection:
        urls = [row[0] for row in connection.execute("SELECT url FROM articles")]
    assert len(urls) == len(set(urls))
    return Counter(
        name
        for url in urls
        for name, base in demo_sites.items()
        if url.startswith(base)
    )


def test_killed_crawls_rerun_store_every_article_once(demo_sites, tmp_path):
    urls = " ".join(demo_sites.values())
    db = tmp_path / "articles.sqlite"
    jobdir = tmp_path / "job"
    with_job = crawl_command(urls, db, jobdir)
    without_job = crawl_command(urls, db, None)

    # Killed early, then again mid-way (each time after a commit, with a batch
    # possibly half written), then once with no JOBDIR at all.
    seen = [kill_after(with_job, db, 2)]
    seen.append(kill_after(with_job, db, 5))
    seen.append(kill_after(without_job, db, 3))
    assert seen == sorted(seen)
    assert seen[-1] < TOTAL
    run_to_end(with_job)

    assert stored_per_site(db, demo_sites) == EXPECTED_ARTICLES
    assert sqlite_rows(db) == TOTAL

    # Done means done: one more run, either way, changes nothing.
    run_to_end(without_job)
    assert sqlite_rows(db) == TOTAL


def test_kill_before_the_first_commit_loses_nothing(demo_sites, tmp_path):
    """A kill right after start: whatever JOBDIR recorded, the next run does all of it."""
    urls = demo_sites["vestnik"]
    db = tmp_path / "articles.sqlite"
    jobdir = tmp_path / "job"
    # Slower, so the kill lands while requests are queued and none is stored yet.
    command = [*crawl_command(urls, db, jobdir), "-s", "DOWNLOAD_DELAY=0.3"]
    request_counts(urls, reset=True)
    kill_when(command, lambda: sum(request_counts(urls).values()) >= 4)
    assert committed_rows(db) < EXPECTED_ARTICLES["vestnik"]
    run_to_end(crawl_command(urls, db, jobdir))
    assert stored_per_site(db, demo_sites) == {"vestnik": EXPECTED_ARTICLES["vestnik"]}


@pytest_twisted.ensureDeferred
async def test_a_stale_jobdir_seen_set_hides_no_page(demo_sites, tmp_path):
    """The worst case after a kill: every URL in the seen-set, nothing in the queue or store.

    Scrapy's dupefilter would then drop every request, sources and articles alike.
    """
    urls = " ".join(demo_sites.values())
    # A probe run, storing nothing, lists every URL the crawl requests.
    scheduled: list[str] = []
    runner = CrawlerRunner(
        crawl_settings(tmp_path / "probe", NEWSCRAWL_SQLITE_ENABLED=False)
    )
    crawler = runner.create_crawler(GenericSpider)

    def collect(request, **_):
        scheduled.append(request.url)

    crawler.signals.connect(collect, signal=signals.request_scheduled)
    await runner.crawl(crawler, urls=urls)
    assert len(scheduled) > TOTAL

    jobdir = tmp_path / "job"
    jobdir.mkdir()
    # Scrapy's own dupefilter writes the seen-set, in whatever format it uses.
    seen = RFPDupeFilter(path=str(jobdir))
    assert not any(seen.request_seen(Request(url)) for url in set(scheduled))
    seen.close("shutdown")
    assert (jobdir / "requests.seen").stat().st_size > 0
    _, items = await run_crawl(crawl_settings(tmp_path, JOBDIR=str(jobdir)), urls=urls)
    assert len(items) == TOTAL
    assert sqlite_rows(tmp_path / "articles.sqlite") == TOTAL


def test_jobdir_left_by_a_killed_run_loses_its_queue_and_seen_set(tmp_path):
    jobdir = tmp_path / "job"
    assert not begin_run(jobdir)  # a fresh directory
    (jobdir / "requests.queue").mkdir()
    (jobdir / "requests.queue" / "p0").write_bytes(b"\x00\x01half")
    (jobdir / "requests.seen").write_bytes(b"\x00\x02ab")
    (jobdir / "spider.state").write_bytes(b"state")

    # Killed: the marker stays, so the next run drops what Scrapy left half written.
    assert begin_run(jobdir)
    assert not (jobdir / "requests.queue").exists()
    assert not (jobdir / "requests.seen").exists()
    assert (jobdir / "spider.state").read_bytes() == b"state"

    # A clean stop unmarks it, and the next run keeps Scrapy's saved queue.
    (jobdir / "requests.queue").mkdir()
    end_run(jobdir)
    assert not (jobdir / RUNNING_MARKER).exists()
    assert not begin_run(jobdir)
    assert (jobdir / "requests.queue").is_dir()
