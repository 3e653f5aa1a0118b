"""The summary and progress formatters, pure functions over a stats dict."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.settings import Settings

from newscrawl.extensions.progress import format_progress
from newscrawl.extensions.summary import (
    counts_under,
    feed_locations,
    format_summary,
    sqlite_location,
)
from newscrawl.pipelines.dedup import CANONICAL_CONFLICT, DECIDED_WITHOUT_STORE

if TYPE_CHECKING:
    from collections.abc import Mapping

STATS = {
    "response_received_count": 53,
    "downloader/response_status_count/200": 50,
    "downloader/response_status_count/301": 1,
    "downloader/response_status_count/404": 2,
    "item_scraped_count": 19,
    "newscrawl/articles/parsed": 23,
    "newscrawl/fetch_failed/http_404": 2,
    "newscrawl/fetch_failed/timeout": 1,
    "newscrawl/stored/meridian_example": 7,
    "newscrawl/stored/roundup_example": 6,
    "newscrawl/updated/roundup_example": 1,
    "newscrawl/updated/vestnik_example": 2,
    "newscrawl/dropped/duplicate_url": 3,
    "newscrawl/dropped/missing_body": 1,
    "newscrawl/duplicates/content": 1,
    "newscrawl/dates/invalid/published": 2,
    "newscrawl/parse/errors": 1,
    "newscrawl/skipped/not_article": 2,
    "newscrawl/skipped/too_old": 1,
    "newscrawl/incremental/skipped_known": 12,
    "newscrawl/incremental/refreshed": 2,
    "newscrawl/incremental/skipped_non_article": 5,
    "newscrawl/sources/feed/ok": 3,
    "newscrawl/sources/sitemap/ok": 9,
    "newscrawl/sources/sitemap/failed": 1,
    "newscrawl/sources/sitemap/not_modified": 6,
    "newscrawl/sources/sitemap/changed": 2,
    "newscrawl/sources/feed/not_modified": 1,
    "log_count/ERROR": 1,
    "finish_reason": "closespider_itemcount",
    "elapsed_time_seconds": 12.345,
}


def summary(stats: Mapping[str, Any] = STATS, **kwargs: Any) -> str:
    options = {
        "spider_name": "generic",
        "sqlite_path": "/data/articles.sqlite",
        "feed_uris": ["/data/articles.jsonl"],
    }
    return format_summary(stats, **(options | kwargs))


def line(text: str, label: str) -> str:
    matches = [row for row in text.splitlines() if row.strip().startswith(f"{label}:")]
    assert len(matches) == 1, (label, text)
    return " ".join(matches[0].split(":", 1)[1].split())


def test_articles_judged_without_the_store_are_said_only_when_there_are_some():
    assert "without the store" not in line(summary(), "duplicates")
    text = summary({**STATS, DECIDED_WITHOUT_STORE: 4})
    assert line(text, "duplicates") == (
        "1 same body (kept, duplicate_of set), 3 same URL (dropped);"
        " 4 judged without the store (it could not be read)"
    )


def test_canonical_conflicts_are_said_only_when_there_are_some():
    assert "canonical" not in line(summary(), "duplicates")
    text = summary({**STATS, CANONICAL_CONFLICT: 2})
    assert line(text, "duplicates") == (
        "1 same body (kept, duplicate_of set), 3 same URL (dropped);"
        " 2 named another page's canonical URL (kept as their own)"
    )


def test_paywalled_articles_are_said_only_when_there_are_some():
    assert line(summary(), "articles parsed") == "23"
    text = summary({**STATS, "newscrawl/articles/paywalled": 2})
    assert line(text, "articles parsed") == "23 (2 behind a paywall)"


def test_header_names_spider_reason_and_duration():
    text = summary(reason="finished")
    assert (
        text.splitlines()[0] == "newscrawl summary: spider 'generic' finished, 12.3 s"
    )
    assert line(text, "finish reason") == "finished"


def test_reason_falls_back_to_the_finish_reason_stat():
    text = summary()
    assert "closespider_itemcount" in text.splitlines()[0]
    assert line(text, "finish reason") == "closespider_itemcount"


def test_counts_and_breakdowns():
    text = summary()
    assert line(text, "pages fetched") == "53 (HTTP 404 2)"
    assert line(text, "fetch failed") == "3 (http_404 2, timeout 1)"
    assert line(text, "articles parsed") == "23"
    assert line(text, "items scraped") == "19"
    assert line(text, "dropped") == "4 (duplicate_url 3, missing_body 1)"
    assert line(text, "duplicates") == (
        "1 same body (kept, duplicate_of set), 3 same URL (dropped)"
    )
    assert line(text, "invalid dates") == "2 (published 2)"
    assert line(text, "skipped") == "3 (not_article 2, too_old 1)"
    assert line(text, "incremental") == (
        "12 stored articles not fetched again, 2 refreshed,"
        " 5 pages known to be no article not fetched"
    )
    assert line(text, "parse errors") == "1"
    assert line(text, "sources failed") == (
        "1 (sitemap 1); read: feed 3, sitemap 9; 7 not modified since the last run"
    )
    assert line(text, "log errors") == "1"


def test_per_site_table_lists_stored_and_updated_with_totals():
    rows = [row.split() for row in summary().splitlines()]
    assert ["site", "stored", "updated"] in rows
    assert ["meridian_example", "7", "0"] in rows
    assert ["roundup_example", "6", "1"] in rows
    assert ["vestnik_example", "0", "2"] in rows
    assert ["total", "13", "3"] in rows


def test_output_locations():
    text = summary()
    assert line(text, "store") == "/data/articles.sqlite"
    assert line(text, "feeds") == "/data/articles.jsonl"
    text = summary(sqlite_path=None, feed_uris=["/a.jsonl", "s3://bucket/b.json"])
    assert line(text, "store") == "off"
    assert line(text, "feeds") == "/a.jsonl, s3://bucket/b.json"
    assert line(summary(feed_uris=[]), "feeds") == "none"


def test_empty_stats_give_zeros_not_errors():
    text = format_summary({}, spider_name="generic")
    assert "unknown" in text.splitlines()[0]
    assert line(text, "pages fetched") == "0"
    assert line(text, "stored") == "0"
    assert line(text, "dropped") == "0"
    assert line(text, "sources failed") == "0"
    assert line(text, "store") == "off"


def test_counts_under_ignores_other_prefixes_and_non_integers():
    stats = {"a/b/x": 1, "a/b/y": 2, "a/bc/z": 5, "a/b/when": "yesterday"}
    assert counts_under(stats, "a/b") == {"x": 1, "y": 2}


def test_feed_locations_fill_the_spider_name_and_resolve_local_paths(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    feeds: dict[object, dict[str, Any]] = {
        "data/%(name)s.jsonl": {},
        Path("out.json"): {},
        "s3://b/%(name)s-%(time)s.json": {},
    }
    assert feed_locations(feeds, "generic") == [
        str(tmp_path / "data" / "generic.jsonl"),
        str(tmp_path / "out.json"),
        "s3://b/generic-%(time)s.json",
    ]


def test_sqlite_location_follows_the_switch_and_the_pipeline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pipeline = {"newscrawl.pipelines.store.StorePipeline": 800}
    settings = Settings({"ITEM_PIPELINES": pipeline, "NEWSCRAWL_SQLITE_PATH": "x/a.db"})
    assert sqlite_location(settings) == str(tmp_path / "x" / "a.db")
    settings.set("NEWSCRAWL_SQLITE_PATH", ":memory:")
    assert sqlite_location(settings) == ":memory:"
    settings.set("NEWSCRAWL_SQLITE_ENABLED", False)
    assert sqlite_location(settings) is None
    assert sqlite_location(Settings({"NEWSCRAWL_SQLITE_PATH": "a.db"})) is None


def test_progress_line():
    stats = STATS | {"scheduler/enqueued": 60, "scheduler/dequeued": 55}
    assert format_progress(stats, 12.4) == (
        "Progress 12.4s: 53 pages fetched, 23 articles parsed, 13 stored, 3 updated, "
        "4 dropped, 5 queued"
    )
    assert format_progress({}, 0) == (
        "Progress 0.0s: 0 pages fetched, 0 articles parsed, 0 stored, 0 updated, "
        "0 dropped, 0 queued"
    )
