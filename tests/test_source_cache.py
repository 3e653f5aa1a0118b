"""Feeds and sitemaps asked for with a conditional request; a 304 reads the kept copy."""

from __future__ import annotations

import gzip
import os
import pickle
import time
from typing import TYPE_CHECKING

import pytest
import pytest_twisted
from scrapy import Request
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.sourcecache import (
    AtomicFileCacheStorage,
    RevalidatingSourcePolicy,
    SourceCacheMiddleware,
    cache_dir,
)
from newscrawl.spiders.generic import GenericSpider
from tests.test_crawl import (
    EXPECTED_ARTICLES,
    crawl_settings,
    run_crawl,
    sqlite_rows,
)

if TYPE_CHECKING:
    from pathlib import Path

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
)


def source(url: str, kind: str = "feed") -> Request:
    return Request(url, meta={"newscrawl_source": kind})


def test_only_feeds_and_sitemaps_with_a_validator_are_kept():
    policy = RevalidatingSourcePolicy(Settings())
    assert policy.should_cache_request(source("https://example.com/feed"))
    assert policy.should_cache_request(source("https://example.com/s.xml", "sitemap"))
    assert not policy.should_cache_request(
        source("https://example.com/robots.txt", "robots")
    )
    assert not policy.should_cache_request(Request("https://example.com/2024/a"))
    # A start URL of the generic spider is requested as a listing; if it is a feed,
    # it is kept, and a listing page is not.
    start = source("https://example.com/feed", "listing")
    assert policy.should_cache_request(start)
    assert policy.should_cache_response(
        XmlResponse(start.url, body=FEED, headers={"ETag": '"v1"'}), start
    )
    front = HtmlResponse(start.url, body=b"<html></html>", headers={"ETag": '"p"'})
    assert not policy.should_cache_response(front, start)

    request = source("https://example.com/feed")
    tagged = XmlResponse(request.url, body=FEED, headers={"ETag": '"v1"'})
    dated = XmlResponse(
        request.url,
        body=FEED,
        headers={"Last-Modified": "Tue, 07 May 2024 10:00:00 GMT"},
    )
    bare = XmlResponse(request.url, body=FEED, headers={"Cache-Control": "max-age=600"})
    private = XmlResponse(
        request.url, body=FEED, headers={"ETag": '"v1"', "Cache-Control": "no-store"}
    )
    assert policy.should_cache_response(tagged, request)
    assert policy.should_cache_response(dated, request)
    # Without a validator there is nothing to ask the server with next time.
    assert not policy.should_cache_response(bare, request)
    assert not policy.should_cache_response(private, request)
    assert not policy.should_cache_response(
        Response(request.url, status=404, headers={"ETag": '"x"'}), request
    )


def test_a_kept_copy_is_never_used_without_asking():
    policy = RevalidatingSourcePolicy(Settings())
    request = source("https://example.com/feed")
    kept = XmlResponse(
        request.url,
        body=FEED,
        headers={
            "ETag": '"v1"',
            "Last-Modified": "Tue, 07 May 2024 10:00:00 GMT",
            "Cache-Control": "max-age=86400",
        },
    )
    assert not policy.is_cached_response_fresh(kept, request)
    assert request.headers["If-None-Match"] == b'"v1"'
    assert request.headers["If-Modified-Since"] == b"Tue, 07 May 2024 10:00:00 GMT"
    assert policy.is_cached_response_valid(
        kept, Response(request.url, status=304), request
    )
    # A changed source, and a server error, are the server's answer, not the copy.
    for status in (200, 503):
        answer = Response(request.url, status=status)
        assert not policy.is_cached_response_valid(kept, answer, request)


def storage_for(tmp_path: Path, days: float = 30) -> AtomicFileCacheStorage:
    crawler = get_crawler(GenericSpider)
    crawler.spider = crawler._create_spider(url="https://example.com/")
    storage = AtomicFileCacheStorage(
        Settings({"HTTPCACHE_DIR": str(tmp_path), "NEWSCRAWL_SOURCE_CACHE_DAYS": days})
    )
    storage.open_spider(crawler.spider)
    return storage


def test_storage_gives_back_what_it_kept(tmp_path):
    storage = storage_for(tmp_path)
    request = source("https://example.com/sitemap.xml", "sitemap")
    assert storage.retrieve_response(None, request) is None  # type: ignore[arg-type]
    kept = XmlResponse(
        "https://example.com/sitemap.xml",
        body=FEED,
        headers={"ETag": '"v1"', "Content-Type": "application/xml"},
    )
    storage.store_response(None, request, kept)  # type: ignore[arg-type]
    # What asking the server takes: the headers, not the body.
    asking = storage.retrieve_response(None, request)  # type: ignore[arg-type]
    assert asking is not None
    assert (asking.url, asking.status, asking.body) == (kept.url, 200, b"")
    assert asking.headers["ETag"] == b'"v1"'
    back = storage.retrieve_whole(request)
    assert isinstance(back, XmlResponse)
    assert (back.url, back.status, back.body) == (kept.url, 200, FEED)
    assert back.headers["ETag"] == b'"v1"'
    # One file per entry, nothing else left beside it.
    assert [p.suffixes for p in tmp_path.rglob("*") if p.is_file()] == [
        [".pickle", ".gz"]
    ]


def test_a_write_that_fails_leaves_the_old_copy_whole(tmp_path, monkeypatch):
    storage = storage_for(tmp_path)
    request = source("https://example.com/feed")
    old = XmlResponse(request.url, body=FEED, headers={"ETag": '"v1"'})
    storage.store_response(None, request, old)  # type: ignore[arg-type]

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", killed)
    new = XmlResponse(request.url, body=FEED + b" ", headers={"ETag": '"v2"'})
    with pytest.raises(KeyboardInterrupt):
        storage.store_response(None, request, new)  # type: ignore[arg-type]
    monkeypatch.undo()
    back = storage.retrieve_whole(request)
    assert back is not None
    assert (back.headers["ETag"], back.body) == (b'"v1"', FEED)
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1


def test_copies_no_run_read_for_a_while_are_removed(tmp_path):
    storage = storage_for(tmp_path, days=30)
    read, unread = (
        source("https://example.com/a.xml"),
        source("https://example.com/b.xml"),
    )
    for request in (read, unread):
        response = XmlResponse(request.url, body=FEED, headers={"ETag": '"v"'})
        storage.store_response(None, request, response)  # type: ignore[arg-type]
    [unread_file] = [
        p
        for p in tmp_path.rglob("*.gz")
        if p.name.startswith(storage_key(storage, unread))
    ]
    month_ago = time.time() - 31 * 86400
    os.utime(unread_file, (month_ago, month_ago))
    storage.close_spider(None)  # type: ignore[arg-type]
    assert storage.retrieve_response(None, unread) is None  # type: ignore[arg-type]
    assert storage.retrieve_response(None, read) is not None  # type: ignore[arg-type]


def storage_key(storage: AtomicFileCacheStorage, request: Request) -> str:
    return storage._fingerprinter.fingerprint(request).hex()


def test_an_unreadable_entry_is_a_miss(tmp_path):
    storage = storage_for(tmp_path)
    request = source("https://example.com/feed")
    storage.store_response(None, request, XmlResponse(request.url, body=FEED))  # type: ignore[arg-type]
    [entry] = tmp_path.rglob("*.gz")
    entry.write_bytes(gzip.compress(b"not a pickle")[:10])
    middleware = SourceCacheMiddleware.from_crawler(
        get_crawler(GenericSpider, {"NEWSCRAWL_SOURCE_CACHE_DIR": str(tmp_path)})
    )
    middleware.storage = storage
    assert middleware.process_request(request) is None
    assert middleware.stats.get_value("httpcache/retrieve_error") == 1
    assert "cached_response" not in request.meta


def test_cache_folder_sits_beside_the_store(tmp_path):
    store = tmp_path / "runs" / "articles.sqlite"
    assert cache_dir(Settings({"NEWSCRAWL_SQLITE_PATH": str(store)})) == str(
        tmp_path / "runs" / "articles-sources"
    )
    assert cache_dir(Settings({"NEWSCRAWL_SOURCE_CACHE_DIR": "/x/y"})) == "/x/y"


def test_it_can_be_turned_off():
    from scrapy.exceptions import NotConfigured  # noqa: PLC0415

    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_SOURCE_CACHE_ENABLED": False})
    with pytest.raises(NotConfigured):
        SourceCacheMiddleware.from_crawler(crawler)


def _not_modified(stats: dict[str, int]) -> int:
    return sum(v for k, v in stats.items() if k.endswith("/not_modified"))


# Each demo site's sitemap: roundup and vestnik list their articles nowhere else.
SITEMAPS = {
    "meridian": "sitemaps/index.xml",
    "roundup": "sitemap_index.xml",
    "vestnik": "sitemap.xml",
}


@pytest_twisted.ensureDeferred
async def test_unchanged_sources_cost_a_304_and_lose_no_article(demo_sites, tmp_path):
    urls = " ".join(base + SITEMAPS[name] for name, base in demo_sites.items())
    # A first run that stops early: its sitemaps are kept, most articles are not stored.
    first, _ = await run_crawl(
        crawl_settings(tmp_path, "first"), urls=urls, max_articles="3"
    )
    assert sqlite_rows(tmp_path / "articles.sqlite") == 3
    first_stats = first.stats.get_stats()
    assert first_stats["httpcache/store"] >= len(SITEMAPS)
    assert _not_modified(first_stats) == 0

    second, _ = await run_crawl(crawl_settings(tmp_path, "second"), urls=urls)
    stats = second.stats.get_stats()
    # The kept sitemaps were answered 304 and read from their copies, and the
    # articles the first run never fetched were found in those copies.
    assert stats["newscrawl/sources/sitemap/not_modified"] >= len(SITEMAPS)
    assert _not_modified(stats) == stats["httpcache/revalidate"]
    assert not any(key.endswith("/changed") for key in stats)
    assert sqlite_rows(tmp_path / "articles.sqlite") == sum(EXPECTED_ARTICLES.values())


def opened_middleware(folder: Path) -> SourceCacheMiddleware:
    """Return the opened middleware of a generic crawl keeping its copies in ``folder``."""
    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_SOURCE_CACHE_DIR": str(folder)})
    middleware = SourceCacheMiddleware.from_crawler(crawler)
    crawler.spider = crawler._create_spider(url="https://example.com/")
    middleware.spider_opened(crawler.spider)
    return middleware


def test_a_page_is_not_kept_even_with_a_validator(tmp_path):
    middleware = opened_middleware(tmp_path)
    page = Request("https://example.com/2024/05/07/a-story-about-the-harbour")
    assert middleware.process_request(page) is None
    response = HtmlResponse(page.url, body=b"<html></html>", headers={"ETag": '"p"'})
    assert middleware.process_response(page, response) is response
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_validators_of_a_redirected_source_are_not_sent_on(tmp_path):
    middleware = opened_middleware(tmp_path)
    kept = source("https://example.com/old-feed")
    middleware.process_request(kept)
    middleware.process_response(
        kept, XmlResponse(kept.url, body=FEED, headers={"ETag": '"old"'})
    )
    asked = source("https://example.com/old-feed")
    middleware.process_request(asked)
    assert asked.headers["If-None-Match"] == b'"old"'
    # The server moved the feed: the request that follows the redirect, a copy of
    # this one, is for a URL with no kept copy, so it asks unconditionally.
    moved = asked.replace(url="https://example.com/feed")
    assert middleware.process_request(moved) is None
    assert b"If-None-Match" not in moved.headers


def test_without_a_store_file_the_copies_go_to_the_project_data_folder(
    tmp_path, monkeypatch
):
    # As under scrapyd: a settings module named, no scrapy.cfg above the folder.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    settings = Settings({"NEWSCRAWL_DATABASE_URL": "postgresql://db/newscrawl"})
    assert cache_dir(settings) == ".scrapy/newscrawl-sources"


def test_a_copy_that_cannot_be_written_costs_nothing_but_the_copy(tmp_path):
    storage = storage_for(tmp_path)
    request = source("https://example.com/feed")
    response = XmlResponse(request.url, body=FEED, headers={"ETag": '"v1"'})
    # A file where the entry's folder belongs: the write fails with an OSError, as
    # on a full disk or a read-only mount (which root, running CI, would not see).
    blocker = storage.folder / storage_key(storage, request)[:2]
    blocker.write_bytes(b"")
    storage.store_response(None, request, response)  # type: ignore[arg-type]
    assert storage._stats.get_value("newscrawl/sources/cache/write_failed") == 1
    blocker.unlink()
    assert storage.retrieve_response(None, request) is None  # type: ignore[arg-type]


def test_answers_to_a_conditional_request_are_counted_by_what_they_say(tmp_path):
    middleware = opened_middleware(tmp_path)

    def ask(status: int, etag: str = '"v1"') -> Response:
        request = source("https://example.com/feed")
        middleware.process_request(request)
        answer = XmlResponse(
            request.url, status=status, body=FEED, headers={"ETag": etag}
        )
        result = middleware.process_response(request, answer)
        assert isinstance(result, Response)
        return result

    ask(200)  # first time: kept, nothing asked
    assert ask(503).status == 503  # the failure, not the copy
    assert ask(304).status == 200  # the copy
    assert ask(200, '"v2"').status == 200
    stats = middleware.stats.get_stats()
    assert stats["newscrawl/sources/feed/not_modified"] == 1
    assert stats["newscrawl/sources/feed/changed"] == 1
    assert stats["httpcache/store"] == 3  # first, refreshed by the 304, the new one


def test_the_kept_body_is_read_only_when_a_304_says_it_is_good(tmp_path, monkeypatch):
    middleware = SourceCacheMiddleware.from_crawler(
        get_crawler(GenericSpider, {"NEWSCRAWL_SOURCE_CACHE_DIR": str(tmp_path)})
    )
    storage = storage_for(tmp_path)
    middleware.storage = storage
    sitemap = b'<?xml version="1.0"?><urlset>' + b" " * 100_000 + b"</urlset>"
    first = source("https://example.com/sitemap.xml", "sitemap")
    kept = XmlResponse(first.url, body=sitemap, headers={"ETag": '"v1"'})
    storage.store_response(None, first, kept)  # type: ignore[arg-type]
    whole_reads = []
    real_whole = storage.retrieve_whole

    def counted(request: Request) -> Response | None:
        whole_reads.append(request.url)
        return real_whole(request)

    monkeypatch.setattr(storage, "retrieve_whole", counted)

    # Changed: the server's answer, and the copy's body never read.
    changed = source(first.url, "sitemap")
    assert middleware.process_request(changed) is None
    assert changed.meta["cached_response"].body == b""
    answer = XmlResponse(changed.url, body=FEED, headers={"ETag": '"v2"'})
    assert middleware.process_response(changed, answer) is answer
    assert whole_reads == []

    # Not modified: the copy, whole, and still whole on disk for the next run.
    unchanged = source(first.url, "sitemap")
    middleware.process_request(unchanged)
    assert unchanged.headers["If-None-Match"] == b'"v2"'
    result = middleware.process_response(unchanged, Response(first.url, status=304))
    assert result.body == FEED
    assert "cached" in result.flags
    assert whole_reads == [first.url]
    again = real_whole(first)
    assert again is not None
    assert again.body == FEED


def test_an_entry_from_before_the_split_layout_is_read(tmp_path):
    storage = storage_for(tmp_path)
    request = source("https://example.com/feed")
    storage.store_response(None, request, XmlResponse(request.url, body=FEED))  # type: ignore[arg-type]
    [entry] = tmp_path.rglob("*.gz")
    old = {
        "url": request.url,
        "status": 200,
        "headers": {"ETag": [b'"v0"']},
        "body": FEED,
    }
    entry.write_bytes(gzip.compress(pickle.dumps(old)))
    back = storage.retrieve_whole(request)
    assert back is not None
    assert (back.body, back.headers["ETag"]) == (FEED, b'"v0"')
