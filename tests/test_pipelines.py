"""Unit tests for the item pipelines and the pure functions behind them."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
import pytest_twisted
from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl.fingerprint import content_fingerprint, normalize_for_fingerprint
from newscrawl.items import Article
from newscrawl.pipelines.cleaning import (
    CleanTextPipeline,
    clean_body,
    clean_list,
    clean_text,
    is_boilerplate,
)
from newscrawl.pipelines.dates import NormalizeDatesPipeline, normalize_date
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.validation import RequiredFieldsPipeline, first_missing
from newscrawl.settings import ITEM_PIPELINES

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path

NOW = datetime(2024, 6, 25, 12, 0, tzinfo=UTC)


class BerlinSpider(Spider):
    name = "berlin_test"
    timezone = "Europe/Berlin"


class PlainSpider(Spider):
    name = "plain_test"


def build(
    pipeline_cls: Any, settings: dict[str, Any] | None = None, spidercls: Any = None
) -> Any:
    """Pipeline built the way Scrapy builds it, with ``crawler.spider`` set as during a crawl."""
    crawler = get_crawler(spidercls or PlainSpider, settings_dict=settings or {})
    crawler.spider = crawler._create_spider()
    return pipeline_cls.from_crawler(crawler)


def stat(pipeline: Any, key: str) -> Any:
    return pipeline.crawler.stats.get_value(key)


# --- cleaning ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fish &amp; chips", "Fish & chips"),
        ("Caf&eacute;&nbsp;au lait", "Café au lait"),
        ("It&amp;#8217;s double-escaped", "It\u2019s double-escaped"),
        ("Cafe\u0301 decomposed", "Caf\u00e9 decomposed"),
        (
            "zero\u200bwidth\u200c joi\u200dner\ufeff soft\u00adhyphen",
            "zerowidth joiner softhyphen",
        ),
        ("  many \t\t spaces\n\nand\r\nlines  ", "many spaces and lines"),
        ("nul\x00 and bell\x07 controls", "nul and bell controls"),
        ("Advertisement", ""),
        ("Share this article", ""),
        ("", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_nfc_is_composed_form() -> None:
    assert len(clean_text("e\u0301")) == 1


def test_clean_body_keeps_one_blank_line_between_paragraphs() -> None:
    raw = "  First   paragraph\tline.  \n\n\n \n Second\u00a0paragraph.\nIts second line.\n\n\n\n"
    assert (
        clean_body(raw)
        == "First paragraph line.\n\nSecond paragraph.\nIts second line."
    )


BOILERPLATE_BODY_LINES = (
    "The council met on Tuesday.",
    "Advertisement",
    "Anzeige",
    "Publicité",
    "Click here to subscribe!",
    "READ MORE »",
    "We use cookies to give you the best experience on our site.",
    "The vote passed narrowly.",
    "Share this article",
    # Calls to sign up, follow, listen or share.
    "Sign up for our daily newsletter.",
    "Follow us on Facebook and Instagram",
    "Jetzt den Newsletter abonnieren",
    "Suivez-nous sur Twitter",
    "Listen to this article",
    "Share on WhatsApp",
)


def test_clean_body_removes_whole_boilerplate_lines_in_several_languages() -> None:
    raw = "\n\n".join(BOILERPLATE_BODY_LINES)
    assert clean_body(raw) == "The council met on Tuesday.\n\nThe vote passed narrowly."


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the council's plans in our earlier report.",
        "An advertisement for the festival appeared on every bus.",
        "Share prices fell sharply.",
        "The club asked its fans to follow us on the long road to the final.",
        "Get the latest figures from the statistics office before you decide.",
    ],
)
def test_boilerplate_matches_whole_lines_only(line: str) -> None:
    assert not is_boilerplate(line)
    assert clean_body(f"Intro.\n\n{line}") == f"Intro.\n\n{line}"


def test_clean_list_cleans_and_drops_empties_and_repeats() -> None:
    assert clean_list(
        [" Jane\u00a0Doe ", "jane doe", "", "Advertisement", "Max &amp; Co", 3]
    ) == [
        "Jane Doe",
        "Max & Co",
    ]


def test_clean_text_pipeline_cleans_every_text_field() -> None:
    pipeline = build(CleanTextPipeline)
    item = Article(
        url="https://example.com/a?x=1&amp;y=2",
        headline="  Big &amp; small\u200b news ",
        summary="Line one\nline two",
        body="Para one.\n\n\n\nAdvertisement\n\nPara  two.",
        authors=["Ann  Lee", "ann lee"],
        tags=["Politics ", ""],
        section=" ",
        source_name="The&nbsp;Daily",
    )
    result = pipeline.process_item(item)
    assert result.headline == "Big & small news"
    assert result.summary == "Line one line two"
    assert result.body == "Para one.\n\nPara two."
    assert result.authors == ["Ann Lee"]
    assert result.tags == ["Politics"]
    assert result.section is None
    assert result.source_name == "The Daily"
    # URLs are not text to clean: entities there belong to the dedup/URL code.
    assert result.url == "https://example.com/a?x=1&amp;y=2"


def test_clean_text_pipeline_accepts_plain_dicts() -> None:
    pipeline = build(CleanTextPipeline)
    assert pipeline.process_item({"headline": " A  B "}) == {"headline": "A B"}


@pytest.mark.parametrize(
    ("pipeline_cls", "switch"),
    [
        (CleanTextPipeline, "NEWSCRAWL_CLEANING_ENABLED"),
        (NormalizeDatesPipeline, "NEWSCRAWL_DATES_ENABLED"),
        (RequiredFieldsPipeline, "NEWSCRAWL_VALIDATION_ENABLED"),
        (DedupPipeline, "NEWSCRAWL_DEDUP_ENABLED"),
        (StorePipeline, "NEWSCRAWL_SQLITE_ENABLED"),
    ],
)
def test_pipelines_raise_not_configured_when_switched_off(
    pipeline_cls: Any, switch: str
) -> None:
    with pytest.raises(NotConfigured):
        build(pipeline_cls, {switch: False})
    assert isinstance(build(pipeline_cls, {switch: True}), pipeline_cls)


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "raw", "language", "tz", "expected"),
    [
        ("2022-01-10T14:05:00+00:00", None, None, "UTC", "2022-01-10T14:05:00+00:00"),
        (
            "2022-01-10T14:05:00Z",
            None,
            None,
            "Europe/Berlin",
            "2022-01-10T14:05:00+00:00",
        ),
        ("2022-01-10T16:05:00+02:00", None, None, "UTC", "2022-01-10T14:05:00+00:00"),
        (
            "2022-01-10T14:05:00.123456+00:00",
            None,
            None,
            "UTC",
            "2022-01-10T14:05:00+00:00",
        ),
        # Naive: the page's local time in the site's zone (CET in winter, CEST in summer).
        (
            "2022-01-10T15:05:00",
            None,
            None,
            "Europe/Berlin",
            "2022-01-10T14:05:00+00:00",
        ),
        (
            "2022-07-10T16:05:00",
            None,
            None,
            "Europe/Berlin",
            "2022-07-10T14:05:00+00:00",
        ),
        (
            "2022-01-10T09:05:00",
            None,
            None,
            "America/New_York",
            "2022-01-10T14:05:00+00:00",
        ),
        ("2022-01-10T14:05:00", None, None, None, "2022-01-10T14:05:00+00:00"),
        ("2022-01-10", None, None, "Asia/Tokyo", "2022-01-10"),
        # Raw strings in the page's language, read in the site's zone.
        (
            None,
            "24. Juni 2024, 14:05 Uhr",
            "de",
            "Europe/Berlin",
            "2024-06-24T12:05:00+00:00",
        ),
        (
            None,
            "24 juin 2024 à 14h05",
            "fr",
            "Europe/Paris",
            "2024-06-24T12:05:00+00:00",
        ),
        (None, "24. Juni 2024", "de", "Europe/Berlin", "2024-06-24"),
        (
            None,
            "10/01/2022 14:05",
            "en-GB",
            "Europe/London",
            "2022-01-10T14:05:00+00:00",
        ),
        (None, "vor 2 Stunden", "de", "Europe/Berlin", "2024-06-25T10:00:00+00:00"),
        # An ISO value wins over the raw string.
        ("2022-01-10", "3 March 2021", "en", "UTC", "2022-01-10"),
        # Nothing to parse.
        (None, None, None, "UTC", None),
        (None, "Updated", "en", "UTC", None),
        (None, "no date here", "xx-YY", "UTC", None),
        # A language dateparser does not know falls back to detection.
        (None, "24 June 2024 14:05", "xx-YY", "UTC", "2024-06-24T14:05:00+00:00"),
    ],
)
def test_normalize_date(
    value: str | None,
    raw: str | None,
    language: str | None,
    tz: str | None,
    expected: str | None,
) -> None:
    assert normalize_date(value, raw, language, tz, NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            (NOW + timedelta(hours=25)).isoformat(),
            (NOW + timedelta(hours=25)).isoformat(),
        ),
        ((NOW + timedelta(hours=27)).isoformat(), None),
        ("2024-06-26", "2024-06-26"),
        ("2024-06-28", None),
        ("1990-01-01", "1990-01-01"),
        ("1989-12-31T23:00:00+00:00", None),
        ("0001-01-01", None),
    ],
)
def test_normalize_date_rejects_impossible_dates(
    value: str, expected: str | None
) -> None:
    assert (
        normalize_date(
            value, None, None, "UTC", NOW, future_tolerance=timedelta(hours=26)
        )
        == expected
    )


def test_normalize_date_unknown_zone_falls_back_to_utc() -> None:
    assert normalize_date("2022-01-10T14:05:00", tz="Mars/Olympus", now=NOW) == (
        "2022-01-10T14:05:00+00:00"
    )


def test_dates_pipeline_uses_the_spider_time_zone() -> None:
    pipeline = build(NormalizeDatesPipeline, spidercls=BerlinSpider)
    pipeline.open_spider()
    item = Article(
        published="2022-01-10T15:05:00", modified="2022-01-11T10:00:00+01:00"
    )
    pipeline.process_item(item)
    assert item.published == "2022-01-10T14:05:00+00:00"
    assert item.modified == "2022-01-11T09:00:00+00:00"


def test_dates_pipeline_defaults_to_utc_without_spider_time_zone() -> None:
    pipeline = build(NormalizeDatesPipeline, spidercls=PlainSpider)
    pipeline.open_spider()
    item = pipeline.process_item({"published": "2022-01-10T15:05:00"})
    assert item["published"] == "2022-01-10T15:05:00+00:00"


def test_dates_pipeline_site_time_zone_setting_overrides_the_spider() -> None:
    pipeline = build(
        NormalizeDatesPipeline,
        {"NEWSCRAWL_TIMEZONES": '{"vestnik_bg": "Europe/Sofia"}'},
        spidercls=BerlinSpider,
    )
    pipeline.open_spider()
    sofia = Article(site="vestnik_bg", published="2024-06-24T14:05:00")
    berlin = Article(site="other_de", published="2024-06-24T14:05:00")
    pipeline.process_item(sofia)
    pipeline.process_item(berlin)
    assert sofia.published == "2024-06-24T11:05:00+00:00"
    assert berlin.published == "2024-06-24T12:05:00+00:00"


def test_dates_pipeline_parses_raw_in_page_language() -> None:
    pipeline = build(NormalizeDatesPipeline, spidercls=BerlinSpider)
    pipeline.open_spider()
    item = Article(published_raw="3. März 2023, 08:30 Uhr", language="de")
    pipeline.process_item(item)
    assert item.published == "2023-03-03T07:30:00+00:00"
    assert item.published_raw == "3. März 2023, 08:30 Uhr"


def test_dates_pipeline_nulls_impossible_dates_and_counts_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pipeline = build(NormalizeDatesPipeline, {"NEWSCRAWL_DATES_MIN_YEAR": 2000})
    pipeline.open_spider()
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    item = Article(published="1999-05-01", published_raw="1 May 1999", modified=future)
    with caplog.at_level("INFO", logger="newscrawl.pipelines.dates"):
        pipeline.process_item(item)
    assert item.published is None
    assert item.published_raw == "1 May 1999"
    assert item.modified is None
    assert stat(pipeline, "newscrawl/dates/invalid/published") == 1
    assert stat(pipeline, "newscrawl/dates/invalid/modified") == 1
    assert "1999-05-01" in caplog.text


def test_dates_pipeline_keeps_the_raw_string_when_there_was_none() -> None:
    pipeline = build(NormalizeDatesPipeline)
    pipeline.open_spider()
    item = Article(published="1850-01-01")
    pipeline.process_item(item)
    assert item.published is None
    assert item.published_raw == "1850-01-01"


# --- validation -------------------------------------------------------------------------


def test_first_missing_treats_blank_text_and_empty_lists_as_missing() -> None:
    item = {"url": "https://e.com/a", "headline": "  ", "body": "Text", "authors": []}
    assert first_missing(item, ("url", "headline", "body")) == "headline"
    assert first_missing(item, ("url", "body", "authors")) == "authors"
    assert first_missing(item, ("url", "body")) is None


@pytest.mark.parametrize("field", ["url", "headline", "body"])
def test_validation_drops_items_missing_a_required_field(field: str) -> None:
    pipeline = build(RequiredFieldsPipeline)
    item = Article(url="https://e.com/a", headline="Title", body="Text")
    setattr(item, field, None)
    with pytest.raises(DropItem, match=f"^missing_{field}$"):
        pipeline.process_item(item)
    assert stat(pipeline, f"newscrawl/dropped/missing_{field}") == 1


def test_validation_passes_complete_items_and_reads_the_setting() -> None:
    pipeline = build(
        RequiredFieldsPipeline, {"NEWSCRAWL_REQUIRED_FIELDS": ["url", "published"]}
    )
    item = Article(url="https://e.com/a", published="2024-01-01")
    assert pipeline.process_item(item) is item
    with pytest.raises(DropItem, match="missing_published"):
        pipeline.process_item(Article(url="https://e.com/b", headline="H", body="B"))


# --- dedup ------------------------------------------------------------------------------


def test_content_fingerprint_ignores_case_punctuation_and_spacing() -> None:
    a = content_fingerprint("The mayor said: \u201cWe\u2019ll build it.\u201d\n\nDone.")
    b = content_fingerprint('the MAYOR said   "We\'ll build it"  done')
    assert a is not None
    assert a == b
    assert a != content_fingerprint("The mayor said: we will not build it. Done.")
    assert content_fingerprint("  ...  ") is None
    assert content_fingerprint(None) is None


def test_fingerprints_stay_what_earlier_runs_stored() -> None:
    # Stores keep fingerprints across runs: a changed normalization would make every
    # stored article look edited on the next crawl. Ligature, sharp s, soft hyphen,
    # no-break space, dash, guillemets, numero sign, combining accent, zero-width
    # space, tab, currency and digits.
    text = (
        "Stra\u00dfe \ufb01nal\u00ad\u00a0\u2014  \u00abCaf\u00e9\u00bb \u6771\u4eac"
        " \u21165 e\u0301 \u200bzero\tTab\u20ac 1,5%"
    )
    assert normalize_for_fingerprint(text) == (
        "strasse final caf\u00e9 \u6771\u4eac no5 \u00e9 zero tab 1 5"
    )
    assert content_fingerprint(text) == "bce214814d48067a5820fe8110cbc83fdc7556de"


def _memory_dedup() -> Any:
    pipeline = build(DedupPipeline, {"NEWSCRAWL_SQLITE_PATH": ":memory:"})
    pipeline.open_spider()
    return pipeline


def test_dedup_sets_canonical_url_and_fingerprint() -> None:
    pipeline = _memory_dedup()
    item = pipeline.process_item(
        {
            "url": "https://News.example.com/a?utm_source=x&id=3#top",
            "body": "Some text.",
        }
    )
    assert item["canonical_url"] == "https://news.example.com/a?id=3"
    assert item["fingerprint"] == content_fingerprint("Some text.")
    pipeline.close_spider()


def test_dedup_drops_url_variants_seen_in_the_run() -> None:
    pipeline = _memory_dedup()
    pipeline.process_item(Article(url="https://e.com/a", body="One."))
    with pytest.raises(DropItem, match=r"^duplicate_url$"):
        pipeline.process_item(
            Article(url="https://e.com/a?utm_medium=rss", body="One!")
        )
    assert stat(pipeline, "newscrawl/dropped/duplicate_url") == 1
    pipeline.close_spider()


def test_dedup_marks_content_copies_with_the_first_url() -> None:
    pipeline = _memory_dedup()
    first = pipeline.process_item(
        Article(url="https://e.com/a", body="Same words here.")
    )
    copy = pipeline.process_item(
        Article(url="https://mirror.org/x", body="SAME words, here!")
    )
    third = pipeline.process_item(
        Article(url="https://other.net/y", body="Same words here")
    )
    assert first.duplicate_of is None
    assert copy.duplicate_of == "https://e.com/a"
    assert third.duplicate_of == "https://e.com/a"
    assert stat(pipeline, "newscrawl/duplicates/content") == 2
    pipeline.close_spider()


def test_dedup_passes_items_without_url_untouched() -> None:
    pipeline = _memory_dedup()
    item = {"headline": "No URL"}
    assert ItemAdapter(pipeline.process_item(item)).asdict() == {"headline": "No URL"}
    pipeline.close_spider()


# --- the whole chain inside a real crawl ------------------------------------------------


class ItemsSpider(Spider):
    """Yields prepared items from ``start()``: the pipelines run without any download."""

    name = "items_test"
    timezone = "Europe/Berlin"
    items: ClassVar[list[dict[str, Any]]] = []

    async def start(self) -> AsyncIterator[Any]:
        for item in self.items:
            yield dict(item)


CRAWL_ITEMS: list[dict[str, Any]] = [
    {
        "url": "https://e.com/one?utm_source=rss",
        "site": "e_com",
        "headline": " One &amp; only ",
        "body": "Body one.\n\n\nAdvertisement\n\nMore.",
        "published": "2024-03-01T09:30:00",
        "authors": ["A  Writer"],
    },
    {
        "url": "https://e.com/one",
        "site": "e_com",
        "headline": "Again",
        "body": "Body one.",
    },
    {"url": "https://e.com/two", "site": "e_com", "headline": "No body"},
    {
        "url": "https://copy.org/1",
        "site": "copy_org",
        "headline": "C",
        "body": "BODY ONE! More",
    },
]


@pytest_twisted.inlineCallbacks
def test_crawl_runs_the_whole_chain_into_sqlite_and_feeds(tmp_path: Path) -> Any:
    database = tmp_path / "db" / "articles.sqlite"
    feed = tmp_path / "out.jsonl"
    ItemsSpider.items = CRAWL_ITEMS
    crawler = get_crawler(
        ItemsSpider,
        settings_dict={
            "ITEM_PIPELINES": ITEM_PIPELINES,
            "NEWSCRAWL_SQLITE_PATH": str(database),
            "FEEDS": {str(feed): {"format": "jsonlines"}},
        },
    )
    yield crawler.crawl()
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/stored/e_com"] == 1
    assert stats["newscrawl/stored/copy_org"] == 1
    assert stats["newscrawl/dropped/duplicate_url"] == 1
    assert stats["newscrawl/dropped/missing_body"] == 1
    assert stats["newscrawl/duplicates/content"] == 1
    exported = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    assert [row["canonical_url"] for row in exported] == [
        "https://e.com/one",
        "https://copy.org/1",
    ]
    first, copy = exported
    assert first["headline"] == "One & only"
    assert first["body"] == "Body one.\n\nMore."
    assert first["published"] == "2024-03-01T08:30:00+00:00"
    assert first["authors"] == ["A Writer"]
    assert copy["duplicate_of"] == "https://e.com/one"
    with sqlite3.connect(database) as connection:
        stored = connection.execute(
            "SELECT canonical_url, headline, duplicate_of FROM articles ORDER BY first_seen"
        ).fetchall()
    assert stored == [
        ("https://e.com/one", "One & only", None),
        ("https://copy.org/1", "C", "https://e.com/one"),
    ]
