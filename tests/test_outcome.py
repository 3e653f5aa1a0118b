"""A job that failed must say so: the ``Job outcome`` line and the crawl's exit status."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

import pytest
import pytest_twisted
from scrapy import Spider
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.extensions.outcome import (
    ITEM_ERRORS,
    OUTCOME,
    SPIDER_ERRORS,
    STORAGE_ERRORS,
    UNHANDLED_ERRORS,
    judge,
)
from newscrawl.pipelines.store import StorePipeline
from tests.conftest import REPO_ROOT
from tests.test_crawl import crawl_settings, run_crawl

if TYPE_CHECKING:
    from pathlib import Path


class ExplodingPipeline:
    """Raises on every item, as a broken storage backend would."""

    def process_item(self, item: Any) -> Any:
        raise RuntimeError("the disk is on fire")


@pytest.mark.parametrize(
    ("stats", "reason", "failed", "line"),
    [
        ({}, "finished", False, "Job outcome: ok (finish reason: finished)"),
        ({}, "max_articles", False, "Job outcome: ok (finish reason: max_articles)"),
        (
            {ITEM_ERRORS: 3},
            "finished",
            True,
            "Job outcome: FAILED (finish reason: finished): 3 items failed in a pipeline",
        ),
        (
            {SPIDER_ERRORS: 1, STORAGE_ERRORS: 1},
            "finished",
            True,
            (
                "Job outcome: FAILED (finish reason: finished):"
                " 1 spider callback errors; 1 store errors"
            ),
        ),
        (
            {UNHANDLED_ERRORS: 2, "log_count/ERROR": 5},
            "finished",
            True,
            (
                "Job outcome: FAILED (finish reason: finished):"
                " 2 unhandled errors (CRITICAL in the log)"
            ),
        ),
        (
            {},
            "shutdown",
            True,
            "Job outcome: FAILED (finish reason: shutdown): stopped early (shutdown)",
        ),
        (
            {},
            "memusage_exceeded",
            True,
            (
                "Job outcome: FAILED (finish reason: memusage_exceeded):"
                " stopped early (memusage_exceeded)"
            ),
        ),
    ],
)
def test_judge(stats: dict[str, int], reason: str, failed: bool, line: str) -> None:
    verdict = judge(stats, reason)
    assert verdict.failed is failed
    assert verdict.line == line


@pytest_twisted.ensureDeferred
async def test_a_pipeline_that_raises_fails_the_crawl(
    demo_sites: dict[str, str], tmp_path: Path
) -> None:
    settings = crawl_settings(
        tmp_path,
        ITEM_PIPELINES={f"{__name__}.ExplodingPipeline": 100},
        NEWSCRAWL_INCREMENTAL_ENABLED=False,
    )
    crawler, items = await run_crawl(settings, urls=demo_sites["meridian"])
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    assert items == []
    assert stats["finish_reason"] == "finished"
    assert stats[ITEM_ERRORS] == 7
    assert stats[OUTCOME] == "failed"


def _command(tmp_path: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "generic", *arguments,
            "-s", f"NEWSCRAWL_SQLITE_PATH={tmp_path / 'articles.sqlite'}",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip


def _crawl(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(tmp_path, *arguments),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_crawl_command_exits_1_when_the_job_failed(
    demo_sites: dict[str, str], tmp_path: Path
) -> None:
    pipelines = '{"tests.test_outcome.ExplodingPipeline": 100}'
    result = _crawl(
        tmp_path,
        "-a",
        f"url={demo_sites['roundup']}",
        "-s",
        f"ITEM_PIPELINES={pipelines}",
    )
    assert result.returncode == 1
    assert "Job outcome: FAILED (finish reason: finished): 7 items failed" in (
        result.stderr
    )


def test_crawl_command_exits_0_when_the_job_went_well(
    demo_sites: dict[str, str], tmp_path: Path
) -> None:
    result = _crawl(tmp_path, "-a", f"url={demo_sites['vestnik']}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Job outcome: ok (finish reason: finished)" in result.stderr


def test_a_crawl_stopped_while_its_spider_opens_exits_1(
    demo_sites: dict[str, str], tmp_path: Path
) -> None:
    # Scrapy stops only a running engine: SIGINT before that closes nothing and the
    # built-in command exits with 0, as if the job had gone well.
    log = tmp_path / "crawl.log"
    crawl = subprocess.Popen(
        _command(
            tmp_path, "-a", f"url={demo_sites['vestnik']}", "-s", f"LOG_FILE={log}"
        ),
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not (log.is_file() and "Spider opened" in log.read_text()):
        assert time.monotonic() < deadline, "the crawl never opened its spider"
        time.sleep(0.001)
    crawl.send_signal(signal.SIGINT)
    assert crawl.wait(timeout=60) == 1
    text = log.read_text()
    if "Closing spider" not in text:
        assert "Job outcome: FAILED (finish reason: none)" in text
    else:  # The engine was running after all: the usual verdict.
        assert "Job outcome: FAILED (finish reason: shutdown)" in text


def test_a_batch_the_store_cannot_commit_counts_as_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawler = get_crawler(
        Spider,
        settings_dict={
            "NEWSCRAWL_SQLITE_PATH": str(tmp_path / "a.sqlite"),
            "NEWSCRAWL_STORE_RETRY_SECONDS": 0,
        },
    )
    crawler.stats = StatsCollector(crawler)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()

    # A full disk or a lost network volume cannot be produced here; the store raises
    # what SQLite raises then.
    def fail() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    assert pipeline.store is not None
    monkeypatch.setattr(pipeline.store, "commit", fail)
    pipeline.process_item({"url": "https://e.com/a", "body": "Text.", "site": "e"})
    pipeline.close_spider()
    assert crawler.stats.get_value(STORAGE_ERRORS) == 1
    assert crawler.stats.get_value("newscrawl/stored/e") is None
