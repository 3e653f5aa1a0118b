"""Incremental re-runs: stored articles are not requested again, recent changed ones are."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import pytest_twisted

from newscrawl.demo.server import request_counts
from newscrawl.store.known import KnownArticles
from newscrawl.store.postgres import PostgresConnection
from newscrawl.store.sqlite import ArticleStore
from tests.test_crawl import (
    EXPECTED_ARTICLES,
    crawl_settings,
    reset_counts,
    run_crawl,
    sqlite_rows,
)

TOTAL = sum(EXPECTED_ARTICLES.values())


def requested(counts: dict[str, int], path: str) -> int:
    return sum(n for key, n in counts.items() if key.split("?", 1)[0] == path)


def stored_urls(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT url FROM articles")]


@pytest_twisted.ensureDeferred
async def test_second_run_requests_no_stored_article(demo_sites, tmp_path):
    urls = " ".join(demo_sites.values())
    await run_crawl(crawl_settings(tmp_path, "first"), urls=urls)
    db = tmp_path / "articles.sqlite"
    assert sqlite_rows(db) == TOTAL
    reset_counts(demo_sites)

    crawler, items = await run_crawl(crawl_settings(tmp_path, "second"), urls=urls)

    assert items == []
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/incremental/known"] == TOTAL
    assert stats["newscrawl/incremental/skipped_known"] == TOTAL
    counts = {name: request_counts(base) for name, base in demo_sites.items()}
    for url in stored_urls(db):
        [name] = [n for n, base in demo_sites.items() if url.startswith(base)]
        assert requested(counts[name], urlsplit(url).path) == 0, url
    # The sources are read again: that is where new articles would show up.
    for name, site_counts in counts.items():
        assert requested(site_counts, "/") == 1, name
        assert requested(site_counts, "/robots.txt") >= 1, name
        assert any("sitemap" in key for key in site_counts), name
    assert sqlite_rows(db) == TOTAL


@pytest_twisted.ensureDeferred
async def test_switched_off_the_second_run_fetches_articles_again(demo_sites, tmp_path):
    urls = " ".join(demo_sites.values())
    await run_crawl(crawl_settings(tmp_path, "first"), urls=urls)
    reset_counts(demo_sites)
    crawler, _ = await run_crawl(
        crawl_settings(tmp_path, "second", NEWSCRAWL_INCREMENTAL_ENABLED=False),
        urls=urls,
    )
    stats = crawler.stats.get_stats()
    assert "newscrawl/incremental/skipped_known" not in stats
    assert stats["newscrawl/dropped/duplicate_url"] == TOTAL


def _age_rows(db, changes: dict[str, dict[str, str | None]]) -> None:
    with sqlite3.connect(db) as connection:
        for fragment, values in changes.items():
            assignments = ", ".join(f"{column} = ?" for column in values)
            cursor = connection.execute(
                f"UPDATE articles SET {assignments} WHERE url LIKE ?",  # noqa: S608 - column names are literals above
                [*values.values(), f"%{fragment}%"],
            )
            assert cursor.rowcount == 1, fragment


@pytest_twisted.ensureDeferred
async def test_recent_article_is_refetched_when_its_sitemap_entry_is_newer(
    demo_sites, tmp_path
):
    urls = " ".join(demo_sites.values())
    await run_crawl(crawl_settings(tmp_path, "first"), urls=urls)
    db = tmp_path / "articles.sqlite"
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    # Both look recently published. The sitemap's lastmod (June 2024) is after the
    # first one's stored version but before the second one's.
    _age_rows(
        db,
        {
            "wetland-restoration": {
                "published": yesterday,
                "modified": None,
                "last_updated": "2024-06-01T00:00:00+00:00",
                "first_seen": "2024-06-01T00:00:00+00:00",
                "fingerprint": "an older body",
            },
            "heat-plan-opens": {"published": yesterday},
        },
    )
    reset_counts(demo_sites)

    crawler, items = await run_crawl(crawl_settings(tmp_path, "second"), urls=urls)

    counts = request_counts(demo_sites["meridian"])
    assert requested(counts, urlsplit(_url_like(db, "wetland-restoration")).path) == 1
    assert requested(counts, urlsplit(_url_like(db, "heat-plan-opens")).path) == 0
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/incremental/refreshed"] == 1
    assert stats["newscrawl/incremental/skipped_known"] == TOTAL - 1
    assert [item.url for item in items] == [_url_like(db, "wetland-restoration")]
    updated = {k: v for k, v in stats.items() if k.startswith("newscrawl/updated/")}
    assert sum(updated.values()) == 1
    with ArticleStore(db) as store:
        row = store.get(items[0].canonical_url)
    assert row is not None
    assert row["first_seen"] == "2024-06-01T00:00:00+00:00"
    assert row["last_updated"] > "2025"
    assert row["fingerprint"] != "an older body"
    assert sqlite_rows(db) == TOTAL


def _url_like(db, fragment: str) -> str:
    with sqlite3.connect(db) as connection:
        [(url,)] = connection.execute(
            "SELECT url FROM articles WHERE url LIKE ?", (f"%{fragment}%",)
        ).fetchall()
    return str(url)


NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _store_with(tmp_path, rows: list[dict[str, str | None]]):
    path = tmp_path / "known.sqlite"
    with ArticleStore(path) as store:
        for row in rows:
            store.upsert(row, now=row.pop("stamp", None))
    return path


def test_known_articles_keep_dates_only_for_recent_ones(tmp_path):
    path = _store_with(
        tmp_path,
        [
            {
                "url": "https://a.example/news/fresh?ref=x",
                "canonical_url": "https://a.example/news/fresh",
                "published": "2026-03-09T08:00:00+00:00",
                "modified": "2026-03-09T10:00:00+00:00",
                "stamp": "2026-03-09T09:00:00+00:00",
            },
            {
                "url": "https://a.example/news/day-only",
                "canonical_url": "https://a.example/news/day-only",
                "published": "2026-03-08",
                "stamp": "2026-03-08T09:00:00+00:00",
            },
            {
                "url": "https://a.example/news/old",
                "canonical_url": "https://a.example/news/old",
                "published": "2026-01-02T08:00:00+00:00",
                "stamp": "2026-01-02T09:00:00+00:00",
            },
        ],
    )
    known = KnownArticles.load(path, refresh_days=2, now=NOW)

    assert len(known) == 4  # the fetched URL of the first differs from its canonical
    assert known.is_known("https://a.example/news/fresh?ref=x")
    assert known.recent["https://a.example/news/fresh"] == datetime(
        2026, 3, 9, 10, tzinfo=UTC
    )
    assert "https://a.example/news/day-only" in known.recent
    assert "https://a.example/news/old" not in known.recent

    fresh = "https://a.example/news/fresh"
    assert known.needs_refresh(fresh, datetime(2026, 3, 9, 11, tzinfo=UTC))
    assert not known.needs_refresh(fresh, datetime(2026, 3, 9, 10, tzinfo=UTC))
    assert not known.needs_refresh(fresh, None)  # an undated link proves nothing
    old = "https://a.example/news/old"
    assert not known.needs_refresh(old, datetime(2026, 3, 10, tzinfo=UTC))

    assert KnownArticles.load(path, refresh_days=0, now=NOW).recent == {}


@pytest.mark.parametrize("name", ["missing.sqlite", "empty.sqlite"])
def test_known_articles_of_a_missing_store_are_empty(tmp_path, name):
    (tmp_path / "empty.sqlite").touch()
    known = KnownArticles.load(tmp_path / name, refresh_days=2)
    assert len(known) == 0
    assert not (tmp_path / "missing.sqlite").exists()


def _row(canonical: str, url: str | None = None) -> dict[str, str | None]:
    return {
        "url": url or canonical,
        "canonical_url": canonical,
        "published": "2026-03-09T08:00:00+00:00",
    }


def test_known_articles_of_named_hosts_are_theirs_only(target):
    with ArticleStore(target) as store:
        for row in (
            _row("https://www.site.example/a"),
            _row("https://site.example/b"),
            # Another site's article, fetched on this one (syndicated): known by both.
            _row("https://agency.example/c", "https://WWW.Site.Example/c"),
            # Mentioning the host elsewhere, or a look-alike host, is not being on it.
            _row("https://other.example/d?from=site.example"),
            _row("https://notsite.example/e"),
            _row("https://site.example.evil.example/f"),
        ):
            store.upsert(row, now="2026-03-09T09:00:00+00:00")
        store.record_non_articles(
            ["https://site.example/video", "https://other.example/video"],
            now="2026-03-08T09:00:00+00:00",
        )
        store.record_non_articles(
            ["https://site.example/video", "https://other.example/video"],
            now="2026-03-09T09:00:00+00:00",
        )
        store.commit()

    known = KnownArticles.load(
        target, refresh_days=2, non_article_days=7, now=NOW, hosts=["Site.Example"]
    )

    own = {
        "https://www.site.example/a",
        "https://site.example/b",
        "https://agency.example/c",
        "https://WWW.Site.Example/c",
    }
    stored = own | {
        "https://other.example/d?from=site.example",
        "https://notsite.example/e",
        "https://site.example.evil.example/f",
    }
    assert {url for url in stored if known.is_known(url)} == own
    assert len(known) == len(own)
    assert set(known.recent) == own
    assert known.non_articles == {"https://site.example/video"}
    everything = KnownArticles.load(target, refresh_days=2, non_article_days=7, now=NOW)
    assert len(everything) == 7
    assert len(everything.non_articles) == 2


def test_a_host_with_a_port_covers_that_port_only(tmp_path):
    path = _store_with(
        tmp_path,
        [_row("http://127.0.0.1:8701/news/a"), _row("http://127.0.0.1:8702/news/b")],
    )

    known = KnownArticles.load(path, refresh_days=0, hosts=["127.0.0.1:8701"])

    assert known.is_known("http://127.0.0.1:8701/news/a")
    assert not known.is_known("http://127.0.0.1:8702/news/b")
    assert len(known) == 1


def test_other_sites_rows_are_left_in_the_database(target, host_checks):
    with ArticleStore(target) as store:
        store.upsert(_row("https://site.example/own"))
        for i in range(50):
            store.upsert(_row(f"https://other{i}.example/story"))
        store.commit()

    known = KnownArticles.load(target, refresh_days=0, hosts=["site.example"])

    assert known.is_known("https://site.example/own")
    assert len(known) == 1
    assert host_checks == ["https://site.example/own"]


def test_postgres_hands_the_stored_rows_over_a_batch_at_a_time(
    postgres_url, monkeypatch
):
    with ArticleStore(postgres_url) as store:
        for i in range(3):
            store.upsert(_row(f"https://site.example/{i}"))
        store.commit()
    streamed: list[str] = []
    stream = PostgresConnection.stream

    def watched_stream(self, sql, params=(), **kwargs):
        streamed.append(sql)
        return stream(self, sql, params, **kwargs)

    monkeypatch.setattr(PostgresConnection, "stream", watched_stream)

    known = KnownArticles.load(postgres_url, refresh_days=0)

    assert len(known) == 3
    assert [sql for sql in streamed if "FROM articles" in sql]
