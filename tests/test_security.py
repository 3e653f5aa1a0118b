"""Security: SQL safety, robots.txt for every request, no listening consoles, no file://.

The robots tests run against a local server that counts requests to its disallowed
paths and answers robots.txt late, so the first requests to the host are all waiting
for it at once.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, ClassVar

import pytest
import pytest_twisted
from scrapy.extensions.telnet import TelnetConsole
from scrapy.settings import Settings

from newscrawl.pipelines.cleaning import CleanTextPipeline
from newscrawl.spiders.sourcecrawl import SITEMAP_GUESSES
from newscrawl.store.sqlite import ArticleStore
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl
from tests.test_pipelines import build

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

HOSTILE = (
    "It's \"quoted\" -- ' OR '1'='1'; DROP TABLE articles; --"
    " \\ backslash \x00 NUL %s %% ? ?1 :name $1 \u202e right-to-left \U0001f4f0 é"
)
PRIVATE = [f"/private/2026/11/20/secret-story-{n}" for n in range(12)]
PUBLIC = [f"/2026/11/20/open-story-number-{n}" for n in range(4)]


# --- SQL ------------------------------------------------------------------------------


def test_store_reads_back_hostile_text_byte_for_byte(tmp_path: Path) -> None:
    record = {
        "url": "https://a.example/x?q=';--",
        "canonical_url": "https://a.example/x?q=';DROP TABLE articles;--",
        "site": "a_example'--",
        "headline": HOSTILE,
        "body": "\n\n".join([HOSTILE] * 3),
        "authors": [HOSTILE, "O'Brien"],
        "tags": ['"; DELETE FROM articles; --'],
        "fingerprint": "f' OR 1=1 --",
    }
    with ArticleStore(tmp_path / "a.sqlite") as store:
        store.upsert(record)
        store.upsert({**record, "canonical_url": "https://a.example/other"})
        store.commit()
        stored = store.get(str(record["canonical_url"]))
        assert store.count() == 2
    assert stored is not None
    for name, value in record.items():
        assert stored[name] == value, name


def test_cleaning_removes_what_no_consumer_can_store() -> None:
    # A lone surrogate (a JSON "\ud800" escape) cannot be encoded as UTF-8, a NUL ends C
    # strings: cleaning replaces both before the store sees them.
    item = {"headline": "Bridge \ud800 re\x00opens", "body": "Text \udfff here."}
    cleaned = build(CleanTextPipeline).process_item(item)
    assert cleaned["headline"] == "Bridge \ufffd re opens"
    assert cleaned["body"] == "Text \ufffd here."
    cleaned["headline"].encode("utf-8")


# --- robots.txt -------------------------------------------------------------------------


class _RobotsSite(PageHandler):
    counts: ClassVar[dict[str, int]] = {}
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK, 40 ms per keep-alive response.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        with self.lock:
            self.counts[self.path] = self.counts.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            # Late, so every first request to the host is already waiting for it.
            time.sleep(1.0)
            self.send_page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/feed.xml":
            entries = "".join(
                f"<item><title>t</title><link>{link}</link></item>"
                for link in (
                    "file:///etc/passwd",
                    f"http://{self.headers['Host']}{PUBLIC[0]}",
                )
            )
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'
            self.send_page(feed.encode(), "application/rss+xml")
        elif self.path == "/":
            links = "".join(f'<a href="{p}">{p}</a> ' for p in PRIVATE + PUBLIC)
            self.send_page(f"<html><body>{links}</body></html>".encode(), "text/html")
        else:
            words = " ".join(f"word{n} sentence" for n in range(200))
            page = (
                f"<html><head><title>{self.path}</title></head><body><article>"
                f"<h1>Story {self.path}</h1><p>{words}</p></article></body></html>"
            )
            self.send_page(page.encode(), "text/html; charset=utf-8")


@pytest.fixture
def robots_site() -> Iterator[tuple[str, dict[str, int]]]:
    counts: dict[str, int] = {}
    with serving(type("Handler", (_RobotsSite,), {"counts": counts})) as base:
        yield base, counts


def _private_hits(counts: dict[str, int]) -> int:
    return sum(n for path, n in counts.items() if path.startswith("/private/"))


@pytest_twisted.ensureDeferred
async def test_robots_txt_holds_for_concurrent_first_requests(
    robots_site: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    base, counts = robots_site
    # Every start URL is a first request to the host, sent before robots.txt is known.
    urls = [f"{base}/", *(f"{base}{p}" for p in PRIVATE)]
    crawler, items = await run_crawl(crawl_settings(tmp_path), urls=" ".join(urls))
    assert crawler.stats is not None
    assert _private_hits(counts) == 0
    assert {item.url.removeprefix(base) for item in items} == set(PUBLIC)
    assert crawler.stats.get_value("robotstxt/forbidden") >= len(PRIVATE)


@pytest_twisted.ensureDeferred
async def test_robots_txt_holds_for_the_requests_of_a_resumed_crawl(
    robots_site: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    base, counts = robots_site
    jobdir = tmp_path / "job"
    urls = f"{base}/"
    # Stopped after two pages: the queue, disallowed links included, goes to JOBDIR.
    first, _ = await run_crawl(
        crawl_settings(
            tmp_path, JOBDIR=str(jobdir), CLOSESPIDER_PAGECOUNT=2, CONCURRENT_REQUESTS=1
        ),
        urls=urls,
    )
    assert first.stats is not None
    assert first.stats.get_value("finish_reason") == "closespider_pagecount"
    assert any((jobdir / "requests.queue").iterdir())
    resumed, items = await run_crawl(
        crawl_settings(tmp_path, JOBDIR=str(jobdir)), urls=urls
    )
    assert resumed.stats is not None
    assert resumed.stats.get_value("finish_reason") == "finished"
    assert _private_hits(counts) == 0
    assert len(items) > 0


# --- nothing listens, nothing outside HTTP ------------------------------------------------


def _project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    return settings


def test_no_console_and_no_non_http_handlers_in_the_settings() -> None:
    settings = _project_settings()
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    for scheme in ("file", "ftp", "s3", "data"):
        assert scheme in handlers
        assert handlers[scheme] is None, scheme


@pytest_twisted.ensureDeferred
async def test_a_crawl_runs_no_telnet_console(
    robots_site: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    base, _ = robots_site
    crawler, _ = await run_crawl(crawl_settings(tmp_path), urls=f"{base}/")
    assert crawler.extensions is not None
    assert not any(
        isinstance(extension, TelnetConsole)
        for extension in crawler.extensions.middlewares
    )


@pytest_twisted.ensureDeferred
async def test_a_file_url_in_a_feed_is_never_read(
    robots_site: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    base, counts = robots_site
    crawler, items = await run_crawl(crawl_settings(tmp_path), urls=f"{base}/feed.xml")
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/sources/feed/ok"] == 1
    assert [item.url for item in items] == [f"{base}{PUBLIC[0]}"]
    # robots.txt names no sitemap here, so the usual places are tried (none is there).
    assert set(counts) == {
        "/robots.txt",
        *SITEMAP_GUESSES,
        "/feed.xml",
        PUBLIC[0],
    }
    # Not even attempted: a file:// request would fail in the downloader.
    assert stats["downloader/request_count"] == sum(counts.values())
