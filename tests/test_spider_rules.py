"""The spiders' pure URL-scope and recency rules, without a crawler."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newscrawl.spiders import hosts
from newscrawl.spiders.recency import (
    ARTICLE_PRIORITY,
    article_priority,
    listed_before,
    published_before,
)
from newscrawl.spiders.sources import Entry, sort_newest_first
from newscrawl.spiders.urlrules import ArticleRules, compile_patterns

DOMAINS = ("example.com",)
BASE = "http://127.0.0.1:8123"
SINCE = datetime(2024, 5, 1, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", ""),
        ("http://127.0.0.1:8123/some/path?q=1#x", "http://127.0.0.1:8123"),
        ("https://Example.com/a", "https://Example.com"),
    ],
)
def test_origin(url, expected):
    assert hosts.origin(url) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("example.com", True),
        ("www.example.com", True),
        ("news.example.com", True),
        ("badexample.com", False),
        ("example.com.evil.org", False),
        ("", False),
    ],
)
def test_on_domains(host, expected):
    assert hosts.on_domains(host, DOMAINS) is expected


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://www.example.com/a?b=1#c", BASE, f"{BASE}/a?b=1#c"),
        ("https://other.org/a", BASE, "https://other.org/a"),
        ("https://www.example.com/a", "", "https://www.example.com/a"),
    ],
)
def test_rebase_moves_only_declared_domains(url, base, expected):
    assert hosts.rebase(url, base, DOMAINS) == expected


@pytest.mark.parametrize(
    ("url", "base", "domains", "expected"),
    [
        ("https://news.example.com/a", "", DOMAINS, True),
        ("https://other.org/a", "", DOMAINS, False),
        ("ftp://example.com/a", "", DOMAINS, False),
        ("mailto:desk@example.com", "", DOMAINS, False),
        ("https://anything.org/a", "", (), True),
        # With a base URL only its host and port count, not the declared domains.
        (f"{BASE}/a", BASE, DOMAINS, True),
        ("http://127.0.0.1:9999/a", BASE, DOMAINS, False),
        ("https://example.com/a", BASE, DOMAINS, False),
    ],
)
def test_in_scope(url, base, domains, expected):
    assert hosts.in_scope(url, base, domains) is expected


def test_compile_patterns_takes_one_or_many():
    assert [p.pattern for p in compile_patterns(r"/a/")] == [r"/a/"]
    assert [p.pattern for p in compile_patterns((r"/a/", r"/b/"))] == [r"/a/", r"/b/"]
    assert compile_patterns(()) == ()


def test_declared_rules_deny_before_allow():
    rules = ArticleRules.compile(r"/story/\d+$", r"/live/")
    assert rules.is_article("https://example.com/story/123")
    assert not rules.is_article("https://example.com/live/story/123")
    # An allow rule decides alone, even for URLs the general rules would take.
    assert not rules.is_article(
        "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    )


def test_rules_without_allow_fall_back_to_the_general_ones():
    rules = ArticleRules.compile((), ())
    short = "https://example.com/news/tram"
    # Listed by the site's own feed or sitemap, a plain path is trusted...
    assert rules.is_article(short, listed=True)
    # ...but as a link on a page it does not look like an article.
    assert not rules.is_article(short)
    assert not rules.is_article("https://example.com/tag/tram", listed=True)


def test_listing_rule_honours_deny():
    assert ArticleRules.compile((), ()).is_listing("https://example.com/sport/")
    assert not ArticleRules.compile((), r"/sport/").is_listing(
        "https://example.com/sport/"
    )


@pytest.mark.parametrize(
    ("entry_date", "since", "expected"),
    [
        (SINCE - timedelta(seconds=1), SINCE, True),
        (SINCE, SINCE, False),
        (None, SINCE, False),
        (SINCE - timedelta(days=9), None, False),
    ],
)
def test_listed_before(entry_date, since, expected):
    entry = Entry("https://example.com/a", date=entry_date)
    assert listed_before(entry, since) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Undated entries are dated by the day or the month their URL names.
        ("https://example.com/2024/04/30/ferry-strike-ends", True),
        ("https://example.com/2024/05/01/ferry-strike-ends", False),
        ("https://example.com/sitemaps/2024/04/sitemap_0.xml", True),
        ("https://example.com/sitemap-2024-05.xml", False),  # the month of since
        ("https://example.com/sitemap_2019_11.xml", True),
        # A year alone may be a page number; no date at all passes.
        ("https://example.com/sitemap-2010.xml", False),
        ("https://example.com/sitemap-articles-7.xml", False),
    ],
)
def test_undated_entries_are_dated_by_their_url(url, expected):
    assert listed_before(Entry(url), SINCE) is expected


def test_newest_first_uses_the_url_day_of_undated_entries():
    entries = [
        Entry("https://example.com/sitemap-2023-11.xml"),
        Entry("https://example.com/sitemap-other.xml"),
        Entry("https://example.com/sitemap-2024-03.xml"),
        Entry("https://example.com/a", date=datetime(2024, 1, 5, tzinfo=UTC)),
    ]
    assert [e.url.rsplit("/", 1)[1] for e in sort_newest_first(entries)] == [
        "sitemap-2024-03.xml",
        "a",
        "sitemap-2023-11.xml",
        "sitemap-other.xml",
    ]


@pytest.mark.parametrize(
    ("published", "since", "expected"),
    [
        ("2024-04-30T23:59:00+00:00", SINCE, True),
        ("2024-05-01T00:00:00+00:00", SINCE, False),
        # Naive: 01:30 in Berlin is 23:30 UTC the day before.
        ("2024-05-01T01:30:00", SINCE, True),
        # A bare date is the whole day in the site's zone: 1 May is not before it.
        ("2024-05-01", SINCE, False),
        ("2024-04-30", SINCE, True),
        (None, SINCE, False),
        ("not a date", SINCE, False),
        ("2020-01-01", None, False),
    ],
)
def test_published_before(published, since, expected):
    assert published_before(published, since, BERLIN) is expected


def test_article_priority_favours_fresh_listing_dates():
    now = datetime(2024, 5, 10, 12, tzinfo=UTC)
    assert article_priority(None, now) == ARTICLE_PRIORITY
    assert article_priority(now, now) == ARTICLE_PRIORITY + 30
    assert article_priority(now - timedelta(days=10), now) == ARTICLE_PRIORITY + 20
    assert article_priority(now - timedelta(days=400), now) == ARTICLE_PRIORITY
    # A date in the future counts as today, not as a bigger bonus.
    assert article_priority(now + timedelta(days=3), now) == ARTICLE_PRIORITY + 30
