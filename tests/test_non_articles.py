"""Pages found to be no article: noted by the store, skipped once confirmed on two days."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest_twisted

from newscrawl.demo.server import request_counts
from newscrawl.store.known import KnownArticles
from newscrawl.store.sqlite import ArticleStore
from tests.test_crawl import crawl_settings, reset_counts, run_crawl

PAGE = "https://a.example/video/launch"
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _note(target: str, *stamps: str) -> None:
    with ArticleStore(target) as store:
        for stamp in stamps:
            store.record_non_articles([PAGE], now=stamp)
            store.commit()


def _load(target: str, days: float = 7) -> KnownArticles:
    return KnownArticles.load(target, refresh_days=2, non_article_days=days, now=NOW)


def test_one_day_is_not_enough(target):
    _note(target, "2026-03-09T08:00:00+00:00", "2026-03-09T20:00:00+00:00")
    assert not _load(target).is_non_article(PAGE)


def test_two_days_confirm_it(target):
    _note(target, "2026-03-08T23:00:00+00:00", "2026-03-09T01:00:00+00:00")
    known = _load(target)
    assert known.is_non_article(PAGE)
    assert not known.is_known(PAGE)
    # Switched off, or confirmed longer ago than the window: fetched again.
    assert not _load(target, days=0).is_non_article(PAGE)
    assert not _load(target, days=0.5).is_non_article(PAGE)


def test_an_older_stamp_neither_adds_a_day_nor_moves_last_seen_back(target):
    _note(
        target,
        "2026-03-09T10:00:00+00:00",
        "2026-03-01T10:00:00+00:00",  # a worker whose clock is behind
    )
    assert not _load(target).is_non_article(PAGE)
    _note(target, "2026-03-10T09:00:00+00:00")
    assert _load(target, days=0.2).is_non_article(PAGE)


def test_a_store_from_before_the_table_knows_no_non_articles(tmp_path):
    path = tmp_path / "old.sqlite"
    ArticleStore(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE non_articles")
    known = _load(str(path))
    assert known.non_articles == set()


def _non_article_rows(db) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT url, days FROM non_articles"))


def _a_day_earlier(db) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE non_articles SET last_seen = '2000-01-01T00:00:00+00:00'"
        )


def _requests_for(demo_sites, urls) -> int:
    total = 0
    for url in urls:
        [base] = [b for b in demo_sites.values() if url.startswith(b)]
        counts = request_counts(base)
        total += sum(
            n for key, n in counts.items() if key.split("?", 1)[0] == urlsplit(url).path
        )
    return total


@pytest_twisted.ensureDeferred
async def test_pages_confirmed_as_no_article_are_not_fetched_again(
    demo_sites, tmp_path
):
    urls = " ".join(demo_sites.values())
    db = tmp_path / "articles.sqlite"
    first, _ = await run_crawl(crawl_settings(tmp_path, "first"), urls=urls)
    skipped = first.stats.get_value("newscrawl/skipped/not_article")
    assert skipped
    noted = _non_article_rows(db)
    assert len(noted) == skipped
    assert set(noted.values()) == {1}

    # The same day again: fetched once more (one day is not enough; its day count is
    # left to the tests above, which set the clock: this one may run across midnight).
    # Section pages among them are also read as listings, which stays so.
    reset_counts(demo_sites)
    await run_crawl(crawl_settings(tmp_path, "same-day"), urls=urls)
    fetched = _requests_for(demo_sites, noted)
    assert fetched >= len(noted)

    # As if the last time was another day: this run confirms them.
    _a_day_earlier(db)
    await run_crawl(crawl_settings(tmp_path, "next-day"), urls=urls)
    assert min(_non_article_rows(db).values()) >= 2

    reset_counts(demo_sites)
    last, _ = await run_crawl(crawl_settings(tmp_path, "last"), urls=urls)
    stats = last.stats.get_stats()
    assert stats["newscrawl/incremental/skipped_non_article"] == len(noted)
    assert "newscrawl/skipped/not_article" not in stats
    assert _requests_for(demo_sites, noted) == fetched - len(noted)

    # With the setting at 0 they are fetched on every run.
    reset_counts(demo_sites)
    await run_crawl(
        crawl_settings(tmp_path, "off", NEWSCRAWL_NOT_ARTICLE_DAYS=0), urls=urls
    )
    assert _requests_for(demo_sites, noted) == fetched
