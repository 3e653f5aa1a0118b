"""The ``warc`` spider: articles out of WARC files, through the same pipelines."""

from __future__ import annotations

import gzip
import io
import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest
import pytest_twisted
from pydantic import ValidationError
from scrapy import signals
from scrapy.crawler import CrawlerRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.params import WarcSpiderParams
from newscrawl.spiders.warc import WarcSpider
from newscrawl.warcfile import WarcError, WarcPage, read_warc
from tests.test_crash_safety import committed_rows, kill_after, run_to_end
from tests.test_crawl import PROJECT_ROOT, crawl_settings, run_crawl, sqlite_rows

if TYPE_CHECKING:
    from pathlib import Path

FERRY = "https://news.example.org/2024/06/03/harbour-ferry-gets-a-new-timetable"
MARKET = "https://www.example.net/local/market-hall-reopens-after-two-years-of-repairs"
CAPTURED = "2024-06-03T15:00:00Z"


def article_page(headline: str, date_html: str, topic: str) -> bytes:
    paragraphs = "".join(
        f"<p>The {topic} story continues with point number {n}, as residents and the "
        f"council discussed what the change means for the town this summer.</p>"
        for n in range(8)
    )
    return (
        f'<html lang="en"><head><title>{headline} | Example</title></head><body>'
        f'<article><h1>{headline}</h1><p class="byline">By Ana Lind · {date_html}</p>'
        f"{paragraphs}</article></body></html>"
    ).encode()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
HOME = (
    b"<html><head><title>Example Post</title></head><body><h1>Latest</h1>"
    b'<ul><li><a href="/2024/06/03/a">One</a></li><li><a href="/2024/06/02/b">Two</a>'
    b"</li></ul></body></html>"
)


def write_warc(
    path: Path,
    records: list[tuple[str, int, str, bytes, dict[str, str]]],
    captured: str = CAPTURED,
) -> None:
    """Write response records (url, status, content type, body, extra headers)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "tests"})
        )
        for url, status, content_type, body, extra in records:
            headers = StatusAndHeaders(
                f"{status} {'OK' if status == 200 else 'Not Found'}",
                [("Content-Type", content_type), *extra.items()],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": captured},
            )
            writer.write_record(record)


def news_archive(path: Path) -> Path:
    write_warc(
        path,
        [
            (FERRY, 200, "text/html; charset=utf-8", article_page(
                "Harbour ferry gets a new timetable",
                '<span class="date">3 hours ago</span>', "ferry"), {}),
            ("https://news.example.org/", 200, "text/html", HOME, {}),
            ("https://news.example.org/logo.png", 200, "image/png", PNG, {}),
            ("https://news.example.org/gone", 404, "text/html", b"<h1>Not found</h1>", {}),
            # Stored as served: gzip content coding, which the reader undoes.
            (MARKET, 200, "text/html; charset=utf-8", gzip.compress(article_page(
                "Market hall reopens after two years of repairs",
                '<time datetime="2024-06-01T09:30:00+02:00">1 June 2024</time>', "market")),
             {"Content-Encoding": "gzip"}),
            # The same page captured twice.
            (FERRY, 200, "text/html; charset=utf-8", article_page(
                "Harbour ferry gets a new timetable",
                '<span class="date">3 hours ago</span>', "ferry"), {}),
        ],
    )  # fmt: skip
    return path


def test_reader_yields_each_response_with_its_capture_time(tmp_path):
    pages = list(read_warc(news_archive(tmp_path / "news.warc.gz"), max_size=10_000))
    assert [page.url for page in pages] == [
        FERRY,
        "https://news.example.org/",
        "https://news.example.org/logo.png",
        "https://news.example.org/gone",
        MARKET,
        FERRY,
    ]
    assert {page.fetched_at.isoformat() for page in pages if page.fetched_at} == {
        "2024-06-03T15:00:00+00:00"
    }
    assert [page.status for page in pages] == [200, 200, 200, 404, 200, 200]
    assert pages[4].body.startswith(b"<html")  # content coding undone
    assert "Content-Encoding" not in pages[4].headers
    small = list(read_warc(tmp_path / "news.warc.gz", max_size=500))
    assert small[0].too_large
    assert small[0].body == b""


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_a_file_cut_short_anywhere_is_an_error_not_an_early_end(tmp_path, suffix):
    whole_path = news_archive(tmp_path / f"news{suffix}")
    complete = {
        (page.url, page.body) for page in read_warc(whole_path, max_size=100_000)
    }
    whole = whole_path.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    for share in (0.2, 0.3, 0.45, 0.5, 0.6, 0.75, 0.9, 0.99):
        # As a download cut short leaves it.
        cut.write_bytes(whole[: int(len(whole) * share)])
        read: list[WarcPage] = []
        with pytest.raises(WarcError, match=rf"cut{suffix}"):
            read.extend(read_warc(cut, max_size=100_000))
        # What came out before the damage is whole.
        assert {(page.url, page.body) for page in read} <= complete, share


def test_a_file_that_is_no_warc_is_an_error(tmp_path):
    not_warc = tmp_path / "page.html"
    not_warc.write_bytes(HOME)
    with pytest.raises(WarcError):
        list(read_warc(not_warc, max_size=100_000))


@pytest_twisted.ensureDeferred
async def test_articles_from_an_archive_go_through_the_pipelines(tmp_path):
    archive = news_archive(tmp_path / "news.warc.gz")
    crawler, items = await run_crawl(
        crawl_settings(tmp_path, "first"), WarcSpider, files=str(archive)
    )
    stats = crawler.stats.get_stats()
    assert stats["finish_reason"] == "finished"
    assert sorted(item.url for item in items) == sorted([FERRY, MARKET])
    ferry = next(item for item in items if item.url == FERRY)
    # "3 hours ago" counts from the capture, not from today; so does crawled_at.
    assert ferry.published == "2024-06-03T12:00:00+00:00"
    assert ferry.crawled_at == "2024-06-03T15:00:00+00:00"
    market = next(item for item in items if item.url == MARKET)
    assert market.published == "2024-06-01T07:30:00+00:00"
    assert stats["newscrawl/warc/files"] == 1
    assert stats["newscrawl/warc/responses"] == 6
    assert stats["newscrawl/skipped/warc_status"] == 1
    assert stats["newscrawl/skipped/not_html"] == 1
    assert stats["newscrawl/skipped/not_article"] == 1
    assert "downloader/request_count" not in stats
    assert sqlite_rows(tmp_path / "articles.sqlite") == 2

    # A second run (after a kill, or on the next day's files) adds only what is new.
    again, more = await run_crawl(
        crawl_settings(tmp_path, "second"), WarcSpider, files=str(archive)
    )
    assert more == []
    assert again.stats.get_value("newscrawl/incremental/skipped_known") == 2


@pytest_twisted.ensureDeferred
async def test_since_skips_pages_captured_before_it_unread(tmp_path):
    archive = news_archive(tmp_path / "news.warc.gz")
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), WarcSpider, files=str(archive), since="2024-06-04"
    )
    assert items == []
    stats = crawler.stats.get_stats()
    # Captured on 3 June: none of the five 200 responses was extracted.
    assert stats["newscrawl/skipped/too_old"] == 5
    assert "newscrawl/articles/parsed" not in stats
    # Captured on 3 June, the ferry story of that morning is kept with since=3 June.
    _, kept = await run_crawl(
        crawl_settings(tmp_path, "again"),
        WarcSpider,
        files=str(archive),
        since="2024-06-03",
    )
    assert [item.url for item in kept] == [FERRY]


@pytest_twisted.ensureDeferred
async def test_a_run_cut_short_is_completed_by_the_next(tmp_path):
    archive = news_archive(tmp_path / "news.warc.gz")
    _, first = await run_crawl(
        crawl_settings(tmp_path, "first"),
        WarcSpider,
        files=str(archive),
        max_articles="1",
    )
    assert [item.url for item in first] == [FERRY]
    _, rest = await run_crawl(
        crawl_settings(tmp_path, "second"), WarcSpider, files=str(archive)
    )
    assert [item.url for item in rest] == [MARKET]
    assert sqlite_rows(tmp_path / "articles.sqlite") == 2


@pytest_twisted.ensureDeferred
async def test_a_damaged_file_does_not_stop_the_others(tmp_path):
    whole = news_archive(tmp_path / "news.warc.gz").read_bytes()
    (tmp_path / "a-cut.warc.gz").write_bytes(whole[: int(len(whole) * 0.75)])
    write_warc(
        tmp_path / "b-more.warc",
        [(MARKET, 200, "text/html", article_page("Market hall reopens", "1 June 2024", "market"), {})],
    )  # fmt: skip
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), WarcSpider, files=f"{tmp_path}/[ab]-*.warc*"
    )
    assert sorted(item.url for item in items) == sorted([FERRY, MARKET])
    assert crawler.stats.get_value("newscrawl/warc/unreadable_files") == 1
    assert crawler.stats.get_value("newscrawl/warc/files") == 1
    assert crawler.stats.get_value("finish_reason") == "finished"


def test_files_argument(tmp_path):
    first = news_archive(tmp_path / "one.warc.gz")
    second = news_archive(tmp_path / "two.warc.gz")
    params = WarcSpiderParams.model_validate({"files": f"{tmp_path}/*.warc.gz {first}"})
    assert params.files == [first, second]
    with pytest.raises(ValidationError, match="no file matches"):
        WarcSpiderParams.model_validate({"files": f"{tmp_path}/*.arc"})
    with pytest.raises(ValidationError, match="is not a file"):
        WarcSpiderParams.model_validate({"files": str(tmp_path / "missing.warc.gz")})
    with pytest.raises(ValidationError, match="no WARC file"):
        WarcSpiderParams.model_validate({"files": ""})


def many_pages_archive(path: Path, count: int) -> Path:
    write_warc(
        path,
        [
            (
                f"https://news.example.org/2024/06/03/harbour-story-number-{n}",
                200,
                "text/html; charset=utf-8",
                article_page(
                    f"Harbour story {n}", "3 June 2024", f"harbour number {n}"
                ),
                {},
            )
            for n in range(count)
        ],
    )
    return path


def warc_command(archive: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "warc", "-a", f"files={archive}",
        "-s", f"NEWSCRAWL_SQLITE_PATH={db}", "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip


def test_a_stopped_or_killed_archive_run_is_finished_by_the_next(tmp_path):
    archive = many_pages_archive(tmp_path / "many.warc.gz", 1_500)
    db = tmp_path / "articles.sqlite"
    # Ctrl-C (scrapyd's cancel sends the same kind of signal): a graceful stop, soon.
    process = subprocess.Popen(
        warc_command(archive, db), cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while committed_rows(db) < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "finish reason:   shutdown" in output
    stopped = committed_rows(db)
    assert 100 <= stopped < 1_500
    # SIGKILL in the middle of the next run, then a run to the end: each page once.
    assert stopped < kill_after(warc_command(archive, db), db, rows=100) < 1_500
    run_to_end(warc_command(archive, db))
    with sqlite3.connect(db) as connection:
        urls = [url for (url,) in connection.execute("SELECT url FROM articles")]
    assert len(urls) == len(set(urls)) == 1_500


@pytest_twisted.ensureDeferred
async def test_a_file_gone_before_it_is_read_does_not_stop_the_others(tmp_path):
    gone = news_archive(tmp_path / "a-gone.warc.gz")
    news_archive(tmp_path / "b-here.warc.gz")
    runner = CrawlerRunner(crawl_settings(tmp_path))
    crawler = runner.create_crawler(WarcSpider)

    def remove_it() -> None:
        # The arguments were checked when the spider was made; the file goes after.
        gone.unlink()

    crawler.signals.connect(remove_it, signal=signals.spider_opened)
    await runner.crawl(crawler, files=f"{tmp_path}/*.warc.gz")
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/warc/unreadable_files"] == 1
    assert stats["newscrawl/warc/files"] == 1
    assert stats["finish_reason"] == "finished"
    assert sqlite_rows(tmp_path / "articles.sqlite") == 2
