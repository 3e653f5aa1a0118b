"""WARC files read from a server as they download, listings of them, and ``since``."""

from __future__ import annotations

import gzip
import random
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

import pytest
import pytest_twisted
from pydantic import ValidationError
from scrapy.utils.test import get_crawler

from newscrawl.params import WarcSpiderParams
from newscrawl.remotefile import RemoteFile, RemoteFileError
from newscrawl.spiders.warc import WarcSpider
from newscrawl.warcsources import capture_start, files_since, listed_urls
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl, sqlite_rows
from tests.test_warc import FERRY, MARKET, article_page, news_archive, write_warc

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

_RANGE = re.compile(r"bytes=(\d+)-$")


@dataclass
class FileServer:
    """What the test server holds and how it misbehaves; it logs each request."""

    files: dict[str, bytes] = field(default_factory=dict)
    ranges: bool = True
    # Responses cut off after this many bytes of body, one per entry, in turn.
    cuts: list[int] = field(default_factory=list)
    # Seconds a cut response stays silent before it hangs up, once it has set `cut`.
    stall: float = 0.0
    cut: threading.Event = field(default_factory=threading.Event)
    # Statuses answered instead of the file, one per entry, in turn.
    failures: list[int] = field(default_factory=list)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    base: str = ""

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


class FileHandler(PageHandler):
    server_state: ClassVar[FileServer]

    def do_GET(self) -> None:
        state = self.server_state
        state.requests.append((self.path, self.headers.get("Range")))
        if state.failures:
            self.send_error(state.failures.pop(0))
            return
        data = state.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        start = 0
        wanted = _RANGE.match(self.headers.get("Range") or "")
        if state.ranges and wanted:
            start = int(wanted.group(1))
            if start >= len(data):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header(
                "Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}"
            )
        else:
            self.send_response(200)
        if state.ranges:
            self.send_header("Accept-Ranges", "bytes")
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if state.cuts:
            # Declares the whole length, sends part of it, hangs up.
            self.wfile.write(body[: state.cuts.pop(0)])
            self.wfile.flush()
            state.cut.set()
            time.sleep(state.stall)
            self.close_connection = True
            return
        self.wfile.write(body)


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    state = FileServer()
    handler = type("Handler", (FileHandler,), {"server_state": state})
    with serving(handler) as base:
        state.base = base
        yield state


def remote(url: str, attempts: int = 4) -> RemoteFile:
    return RemoteFile(
        url, user_agent="newscrawl-test", timeout=5, attempts=attempts, backoff=0
    )


DATA = random.Random(5).randbytes(300_000)  # noqa: S311 - test data, not a secret


# --- RemoteFile ------------------------------------------------------------------------


def test_a_dropped_connection_resumes_where_it_stopped(file_server):
    file_server.files["/big.warc.gz"] = DATA
    file_server.cuts = [100_000, 100_000]
    with remote(file_server.base + "/big.warc.gz") as stream:
        assert stream.read_whole(len(DATA)) == DATA
        assert stream.reconnects == 2
    assert file_server.requests == [
        ("/big.warc.gz", None),
        ("/big.warc.gz", "bytes=100000-"),
        ("/big.warc.gz", "bytes=200000-"),
    ]


def test_a_busy_server_is_asked_again(file_server):
    file_server.files["/a.warc.gz"] = DATA
    file_server.failures = [503, 429]
    with remote(file_server.base + "/a.warc.gz") as stream:
        assert stream.read_whole(len(DATA)) == DATA
        assert stream.reconnects == 1
    assert len(file_server.requests) == 3


def test_failures_in_a_row_give_up(file_server):
    file_server.files["/a.warc.gz"] = DATA
    file_server.cuts = [50_000, 0, 0, 0]  # one more than it will ask
    with (
        remote(file_server.base + "/a.warc.gz", attempts=3) as stream,
        pytest.raises(RemoteFileError, match="3 failures in a row at byte 50000"),
    ):
        stream.read_whole(len(DATA))
    # The cut at 50,000 and two reconnections that failed at once.
    assert len(file_server.requests) == 3


def test_a_file_closed_while_a_read_waits_is_not_asked_for_again(file_server):
    # What the spider does when the crawl stops while its thread waits on a server.
    file_server.files["/a.warc.gz"] = DATA
    file_server.cuts, file_server.stall = [1_000], 3.0
    stream = RemoteFile(
        file_server.base + "/a.warc.gz", user_agent="t", timeout=1, backoff=0
    )

    def close_once_cut() -> None:
        file_server.cut.wait(10)
        time.sleep(0.2)  # the reader is most likely waiting on the socket by now
        stream.close()

    threading.Thread(target=close_once_cut, daemon=True).start()
    # Closed while waiting on the socket: RemoteFileError; between two reads: the
    # ValueError of any closed file. Either way the server is not asked again.
    with pytest.raises((RemoteFileError, ValueError), match="closed"):
        stream.read_whole(len(DATA))
    assert len(file_server.requests) == 1


def test_a_missing_file_is_not_asked_for_again(file_server):
    with (
        remote(file_server.base + "/gone.warc.gz") as stream,
        pytest.raises(RemoteFileError, match="HTTP 404"),
    ):
        stream.read(10)
    assert len(file_server.requests) == 1


def test_without_ranges_a_drop_is_an_error_not_a_restart(file_server):
    file_server.files["/a.warc.gz"] = DATA
    file_server.ranges = False
    file_server.cuts = [100_000]
    with (
        remote(file_server.base + "/a.warc.gz") as stream,
        pytest.raises(RemoteFileError, match="takes no ranges"),
    ):
        stream.read_whole(len(DATA))
    assert not stream.seekable()


def test_a_seek_reads_from_the_new_position(file_server):
    file_server.files["/a.warc.gz"] = DATA
    with remote(file_server.base + "/a.warc.gz") as stream:
        assert stream.read(10) == DATA[:10]
        assert stream.seekable()
        stream.seek(250_000)
        assert stream.read(10) == DATA[250_000:250_010]
        assert stream.seek(0, 2) == len(DATA)
        assert stream.read(10) == b""
    assert file_server.requests[-1] == ("/a.warc.gz", "bytes=250000-")


# --- listings and since ----------------------------------------------------------------


def test_a_listing_names_files_from_the_root_of_its_server():
    listing = "https://data.example/crawl-data/CC-NEWS/2024/06/warc.paths.gz"
    text = (
        "crawl-data/CC-NEWS/2024/06/CC-NEWS-20240601000000-00001.warc.gz\n"
        "# a note\n\n"
        "https://mirror.example/CC-NEWS-20240602000000-00002.warc.gz\n"
    )
    expected = [
        "https://data.example/crawl-data/CC-NEWS/2024/06/CC-NEWS-20240601000000-00001.warc.gz",
        "https://mirror.example/CC-NEWS-20240602000000-00002.warc.gz",
    ]
    assert listed_urls(text.encode(), listing) == expected
    assert listed_urls(gzip.compress(text.encode()), listing) == expected


def test_since_leaves_out_files_whose_captures_all_end_before_it(tmp_path):
    names = [
        f"https://d.example/CC-NEWS-202406{day:02d}000000-0000{day}.warc.gz"
        for day in (1, 2, 4, 6)
    ]
    local = tmp_path / "mine.warc.gz"
    assert capture_start(names[0]) == datetime(2024, 6, 1, tzinfo=UTC)
    assert capture_start(local) is None
    # The file begun on the 2nd may hold captures up to the 4th; a day is kept for
    # files written side by side; the newest and the file without a stamp stay.
    since = datetime(2024, 6, 5, 12, tzinfo=UTC)
    assert files_since([*names, local], since) == [names[2], names[3], local]
    assert files_since(names, None) == names


def test_files_argument_takes_urls_and_refuses_local_listings(tmp_path):
    archive = news_archive(tmp_path / "one.warc.gz")
    url = "https://data.example/crawl-data/CC-NEWS/2024/06/warc.paths.gz"
    params = WarcSpiderParams.model_validate({"files": f"{url} {archive}"})
    assert params.files == [url, archive]
    with pytest.raises(ValidationError, match="give a listing by its URL"):
        WarcSpiderParams.model_validate({"files": str(tmp_path / "warc.paths.gz")})
    with pytest.raises(ValidationError, match="not an absolute"):
        WarcSpiderParams.model_validate({"files": "https://"})


# --- the spider ------------------------------------------------------------------------


@pytest_twisted.ensureDeferred
async def test_an_archive_read_from_a_server_through_a_dropped_connection(
    tmp_path, file_server
):
    archive = news_archive(tmp_path / "news.warc.gz").read_bytes()
    file_server.files["/news.warc.gz"] = archive
    file_server.cuts = [len(archive) // 2]
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), WarcSpider, files=file_server.base + "/news.warc.gz"
    )
    assert sorted(item.url for item in items) == sorted([FERRY, MARKET])
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/warc/files"] == 1
    assert stats["newscrawl/warc/reconnects"] == 1
    assert "newscrawl/warc/unreadable_files" not in stats
    assert sqlite_rows(tmp_path / "articles.sqlite") == 2


def cc_news(path: Path, url: str, captured: str, headline: str) -> bytes:
    page = article_page(headline, '<span class="date">3 hours ago</span>', "harbour")
    write_warc(path, [(url, 200, "text/html; charset=utf-8", page, {})], captured)
    return path.read_bytes()


@pytest_twisted.ensureDeferred
async def test_a_listing_is_read_file_by_file_and_since_skips_old_files(
    tmp_path, file_server
):
    folder = "/crawl-data/CC-NEWS/2024/06/"
    old = folder + "CC-NEWS-20240601000000-00001.warc.gz"
    new = folder + "CC-NEWS-20240604000000-00002.warc.gz"
    # URLs without a date in them: the page's "3 hours ago" dates each story.
    older = "https://news.example.org/local/market-hall-opens-after-two-years"
    newer = "https://news.example.org/local/harbour-ferry-gets-a-new-timetable"
    file_server.files[old] = cc_news(
        tmp_path / "old.warc.gz", older, "2024-06-01T10:00:00Z", "Market hall opens"
    )
    file_server.files[new] = cc_news(
        tmp_path / "new.warc.gz", newer, "2024-06-06T10:00:00Z", "Ferry timetable"
    )
    file_server.files[folder + "warc.paths.gz"] = gzip.compress(
        f"{old.lstrip('/')}\n{new.lstrip('/')}\n".encode()
    )
    listing = file_server.base + folder + "warc.paths.gz"

    crawler, items = await run_crawl(
        crawl_settings(tmp_path, "since"),
        WarcSpider,
        files=listing,
        since="2024-06-05T12:00",
    )
    # The old file ends where the new one begins, on the 4th, over a day before since.
    assert [item.url for item in items] == [newer]
    assert file_server.paths() == [folder + "warc.paths.gz", new]
    assert crawler.stats.get_value("newscrawl/skipped/warc_files_before_since") == 1

    file_server.requests.clear()
    crawler, items = await run_crawl(
        crawl_settings(tmp_path, "all"), WarcSpider, files=listing
    )
    assert [item.url for item in items] == [older]
    assert file_server.paths() == [folder + "warc.paths.gz", old, new]
    assert crawler.stats.get_value("newscrawl/warc/files") == 2


@pytest_twisted.ensureDeferred
async def test_a_missing_file_or_listing_is_counted_and_the_rest_read(
    tmp_path, file_server
):
    file_server.files["/news.warc.gz"] = news_archive(
        tmp_path / "n.warc.gz"
    ).read_bytes()
    files = " ".join(
        file_server.base + path
        for path in ("/gone/warc.paths.gz", "/gone.warc.gz", "/news.warc.gz")
    )
    crawler, items = await run_crawl(crawl_settings(tmp_path), WarcSpider, files=files)
    assert sorted(item.url for item in items) == sorted([FERRY, MARKET])
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/warc/unreadable_listings"] == 1
    assert stats["newscrawl/warc/unreadable_files"] == 1
    assert stats["newscrawl/warc/files"] == 1
    assert stats["finish_reason"] == "finished"


def test_shard_argument(tmp_path):
    archive = news_archive(tmp_path / "one.warc.gz")
    params = WarcSpiderParams.model_validate({"files": str(archive), "shard": "2/4"})
    assert params.shard == (2, 4)
    for bad in ("0/4", "5/4", "2", "two/four"):
        with pytest.raises(ValidationError, match="shard"):
            WarcSpiderParams.model_validate({"files": str(archive), "shard": bad})


def test_the_warc_spider_refuses_the_redis_frontier(tmp_path):
    # Its pages would travel through the Redis queue, each with its body.
    archive = news_archive(tmp_path / "one.warc.gz")
    crawler = get_crawler(WarcSpider, {"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:1/0"})
    with pytest.raises(ValueError, match="shard=i/n"):
        crawler._create_spider(files=str(archive))


@pytest_twisted.ensureDeferred
async def test_shards_read_each_file_once_between_them(tmp_path, file_server):
    names = [f"/CC-NEWS-2024060{day}000000-0000{day}.warc.gz" for day in (1, 2, 3)]
    for day, name in enumerate(names, start=1):
        url = f"https://news.example.org/local/story-number-{day}-about-the-harbour"
        file_server.files[name] = cc_news(
            tmp_path / f"{day}.warc.gz",
            url,
            f"2024-06-0{day}T10:00:00Z",
            f"Story {day}",
        )
    files = " ".join(file_server.base + name for name in names)
    read = []
    for shard in ("1/2", "2/2"):
        file_server.requests.clear()
        crawler, _ = await run_crawl(
            crawl_settings(tmp_path, shard.replace("/", "of")),
            WarcSpider,
            files=files,
            shard=shard,
        )
        read.append(file_server.paths())
        assert crawler.stats.get_value("newscrawl/warc/files") == len(read[-1])
    assert read == [[names[0], names[2]], [names[1]]]
    assert sqlite_rows(tmp_path / "articles.sqlite") == 3
