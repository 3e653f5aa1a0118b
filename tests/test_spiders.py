"""Feed, sitemap and listing handling of NewsSpider and the generic spider, on small fixtures."""

from __future__ import annotations

import gzip
import threading
from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import pytest_twisted
from lxml.etree import XPath
from scrapy.http import HtmlResponse, Request, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawl.extraction import ArticleParser
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.items import Article
from newscrawl.spiders import sourcecrawl
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.pagination import find_next_page
from newscrawl.spiders.sources import (
    feed,
    is_before,
    listing,
    parse_date,
    parse_feed,
    parse_published,
    parse_sitemap,
    sitemap,
    sitemaps_from_robots,
)
from newscrawl.spiders.urlrules import looks_like_article_url, looks_like_listing_url
from newscrawl.spiders.warc import WarcSpider
from newscrawl.spiders.xmlbody import SourceError, sniff_kind
from newscrawl.store.known import on_hosts
from newscrawl.urls import canonicalize_url

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example</title>
<item><title>Old</title><link>https://example.com/2024/04/01/harbour-reopens-after-storm</link>
  <pubDate>Mon, 01 Apr 2024 09:00:00 +0200</pubDate></item>
<item><title>New</title><link>/2024/05/09/council-votes-on-new-tram-line</link>
  <pubDate>Thu, 09 May 2024 18:30:00 GMT</pubDate></item>
<item><title>Guid only</title><guid>https://example.com/2024/05/08/school-year-starts-early</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><title>A</title><link rel="self" href="https://example.com/feed/entry/1"/>
  <link rel="alternate" type="text/html" href="https://example.com/news/library-extends-opening-hours"/>
  <published>2024-05-02T10:00:00+02:00</published><updated>2024-05-03T10:00:00Z</updated></entry>
<entry><title>B</title><link href="https://example.com/news/park-gets-new-benches-and-lights"/>
  <updated>2024-05-04T07:00:00Z</updated></entry>
</feed>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/2024/03/01/bridge-repairs-finished-ahead-of-plan</loc>
  <lastmod>2024-03-01</lastmod></url>
<url><loc>https://example.com/2024/05/09/museum-opens-new-wing-for-local-artists</loc>
  <news:news><news:publication_date>2024-05-09T08:00:00+00:00</news:publication_date></news:news>
  <lastmod>2024-05-10T00:00:00Z</lastmod></url>
<url><loc>https://example.com/2024/05/07/river-festival-draws-record-crowds</loc>
  <lastmod>2024-05-07T12:00:00Z</lastmod></url>
<url><loc>https://example.com/tag/culture/</loc></url>
<url><loc>https://other.org/2024/05/09/offsite-story-about-something-else</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.com/sitemap-2023.xml</loc><lastmod>2023-12-31</lastmod></sitemap>
<sitemap><loc>https://example.com/sitemap-2024.xml.gz</loc><lastmod>2024-05-09</lastmod></sitemap>
<sitemap><loc>https://elsewhere.org/sitemap.xml</loc></sitemap>
</sitemapindex>"""

NOW = datetime(2024, 5, 10, 12, tzinfo=UTC)


class ExampleSpider(NewsSpider):
    name = "example_com"
    allowed_domains = ("example.com",)
    sources = (
        feed("https://example.com/rss.xml"),
        sitemap("https://example.com/sitemap.xml"),
        listing("https://example.com/"),
    )
    article_url_allow = r"/20\d\d/\d\d/\d\d/[\w-]+$"
    article_url_deny = r"/live/"
    timezone = "Europe/Berlin"


def make_spider(spidercls=ExampleSpider, **kwargs):
    crawler = get_crawler(spidercls)
    return crawler._create_spider(**kwargs)


def response_for(cls, url, body, **meta):
    request = Request(url, meta=meta)
    headers = (
        {"Content-Type": "text/html; charset=utf-8"} if cls is HtmlResponse else {}
    )
    return cls(url=url, body=body, request=request, headers=headers)


def drain(agen):
    """Collect what an async generator yields; start() awaits nothing, so no loop is needed."""
    out = []
    while True:
        step = agen.__anext__()
        try:
            step.send(None)
        except StopIteration as done:
            out.append(done.value)
        except StopAsyncIteration:
            return out


def collect(agen):
    """Collect what an async generator yields, on the asyncio loop Scrapy runs it on.

    pytest-twisted drives a test as a Deferred, which cannot await the asyncio
    future of a thread's result.
    """

    async def items():
        return [item async for item in agen]

    return deferred_from_coro(items())


def http_failure(request, status):
    """Return the failure Scrapy's HttpErrorMiddleware hands an errback for ``status``."""
    failure = Failure(HttpError(Response(request.url, status=status, request=request)))
    failure.request = request  # type: ignore[attr-defined]
    return failure


def stats(spider):
    return {
        key.removeprefix("newscrawl/"): value
        for key, value in spider.crawler.stats.get_stats().items()
        if key.startswith("newscrawl/")
    }


# -- pure parsers -------------------------------------------------------------------


def test_rss_feed_entries_links_and_dates():
    entries = parse_feed(RSS, "https://example.com/rss.xml")
    assert [e.url for e in entries] == [
        "https://example.com/2024/04/01/harbour-reopens-after-storm",
        "https://example.com/2024/05/09/council-votes-on-new-tram-line",
        "https://example.com/2024/05/08/school-year-starts-early",
    ]
    assert entries[0].date == datetime(2024, 4, 1, 7, tzinfo=UTC)
    assert entries[1].date == datetime(2024, 5, 9, 18, 30, tzinfo=UTC)
    assert entries[2].date is None


def test_atom_feed_prefers_alternate_link_and_published():
    entries = parse_feed(ATOM)
    assert [e.url for e in entries] == [
        "https://example.com/news/library-extends-opening-hours",
        "https://example.com/news/park-gets-new-benches-and-lights",
    ]
    assert entries[0].date == datetime(2024, 5, 2, 8, tzinfo=UTC)
    assert entries[1].date == datetime(2024, 5, 4, 7, tzinfo=UTC)


def test_a_proxied_feed_gives_the_publishers_own_links():
    body = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Example</title>
<item><title>Ferry</title>
  <link>https://proxy.example.net/~r/example/~3/Xy12/</link>
  <feedburner:origLink>https://example.com/2024/05/10/ferry-timetable-changes</feedburner:origLink>
</item>
<item><title>Plain</title><link>https://example.com/2024/05/11/market-moves-indoors</link></item>
</channel></rss>"""
    assert [e.url for e in parse_feed(body)] == [
        "https://example.com/2024/05/10/ferry-timetable-changes",
        "https://example.com/2024/05/11/market-moves-indoors",
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<entry><link rel="alternate" href="https://proxy.example.net/~r/example/~3/Zq34/"/>
  <feedburner:origLink>https://example.com/news/pool-reopens</feedburner:origLink></entry>
</feed>"""
    assert [e.url for e in parse_feed(atom)] == [
        "https://example.com/news/pool-reopens"
    ]


def test_a_bare_ampersand_in_a_link_keeps_the_whole_query():
    body = b"""<rss><channel><item><title>Fish & chips</title>
<link>https://example.com/story?id=7&page=2&amp;lang=en</link></item></channel></rss>"""
    [entry] = parse_feed(body)
    assert entry.url == "https://example.com/story?id=7&page=2&lang=en"
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.com/story?id=8&page=1</loc></url></urlset>"""
    doc = parse_sitemap(urlset)
    assert [e.url for e in doc.entries] == ["https://example.com/story?id=8&page=1"]
    assert doc.recovered


def test_html_entity_names_in_a_feed_keep_the_links_whole():
    # An HTML template wrote the titles: names XML does not know, one nobody knows.
    body = b"""<rss version="2.0"><channel><item>
<title>Caf&eacute; reopens&nbsp;&mdash; &bogus; at last</title>
<link>https://example.com/story?id=9&amp;page=2</link></item></channel></rss>"""
    [entry] = parse_feed(body)
    assert entry.url == "https://example.com/story?id=9&page=2"
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.com/caf&eacute;?a=1&amp;b=2</loc></url></urlset>"""
    doc = parse_sitemap(urlset)
    assert [e.url for e in doc.entries] == ["https://example.com/caf\u00e9?a=1&b=2"]


def test_something_printed_before_the_document_is_skipped():
    body = b"""<br />
<b>Notice</b>: Undefined index in <b>/srv/site/feed.php</b> on line <b>12</b><br />
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><item>
<link>https://example.com/2024/05/12/rowing-club-wins-again</link></item></channel></rss>"""
    assert sniff_kind(body) == "feed"
    assert [e.url for e in parse_feed(body)] == [
        "https://example.com/2024/05/12/rowing-club-wins-again"
    ]
    # A page of HTML with an element whose name starts like a feed's stays a page.
    page = b"<!doctype html><html><body><feed-list>Latest</feed-list></body></html>"
    assert sniff_kind(page) == "html"


def test_a_text_sitemap_lists_one_url_per_line():
    body = (
        b"https://example.com/2024/05/13/library-opens-on-sundays\r\n"
        b"https://example.com/2024/05/14/new-cycle-path-for-the-old-town\n\n"
    )
    for raw in (body, gzip.compress(body)):
        doc = parse_sitemap(raw, "https://example.com/sitemap.txt")
        assert doc.kind == "urlset"
        assert [e.url for e in doc.entries] == [
            "https://example.com/2024/05/13/library-opens-on-sundays",
            "https://example.com/2024/05/14/new-cycle-path-for-the-old-town",
        ]
    assert (
        sniff_kind(body, "text/plain", "https://example.com/sitemap.txt") == "sitemap"
    )
    # Sniffed on its first 4 KB, which may end in the middle of a URL.
    long_list = b"".join(b"https://example.com/news/%05d\n" % n for n in range(400))
    assert sniff_kind(long_list) == "sitemap"  # 4096 = 132 lines of 31 bytes + "http"
    with pytest.raises(SourceError):
        parse_sitemap(b"https://example.com/a\nUser-agent: *\n")


def test_a_text_sitemap_may_carry_comment_lines():
    body = (
        b"# Sitemap written by the site's publishing system\n"
        b"https://example.com/2024/05/13/library-opens-on-sundays\n"
        b"  # the archive follows\n"
        b"https://example.com/2024/05/14/new-cycle-path-for-the-old-town\n"
    )
    doc = parse_sitemap(body, "https://example.com/sitemap.txt")
    assert [e.url for e in doc.entries] == [
        "https://example.com/2024/05/13/library-opens-on-sundays",
        "https://example.com/2024/05/14/new-cycle-path-for-the-old-town",
    ]
    assert sniff_kind(body, "text/plain") == "sitemap"
    # Comments alone, or a robots.txt with its own comments, are no sitemap.
    for other in (
        b"# nothing listed yet\n",
        b"# rules for crawlers\nUser-agent: *\nSitemap: https://example.com/s.xml\n",
    ):
        assert sniff_kind(other, "text/plain") != "sitemap"
        with pytest.raises(SourceError):
            parse_sitemap(other, "https://example.com/sitemap.txt")


JSON_FEED = b"""\xef\xbb\xbf{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Example",
  "items": [
    {"id": "42", "url": "/2024/05/15/pier-repairs-begin",
     "date_published": "2024-05-15T08:00:00+02:00",
     "date_modified": "2024-05-16T09:30:00Z"},
    {"id": "https://example.com/2024/05/16/night-buses-return"},
    {"id": "43", "external_url": "https://other.org/a-story-we-link-to"},
    {"id": "44", "url": 12},
    "not an item"
  ]
}"""


def test_a_json_feed_lists_its_items_permalinks_and_dates():
    entries = parse_feed(JSON_FEED, "https://example.com/feed.json")
    assert [e.url for e in entries] == [
        "https://example.com/2024/05/15/pier-repairs-begin",
        "https://example.com/2024/05/16/night-buses-return",
    ]
    assert entries[0].date == datetime(2024, 5, 15, 6, tzinfo=UTC)
    assert entries[0].updated == datetime(2024, 5, 16, 9, 30, tzinfo=UTC)
    assert entries[1].date is None
    assert [e.url for e in parse_feed(gzip.compress(JSON_FEED))] == [
        "/2024/05/15/pier-repairs-begin",
        "https://example.com/2024/05/16/night-buses-return",
    ]
    assert sniff_kind(JSON_FEED) == "feed"
    # Version 1 said http; a feed served as one need not put its version first.
    old = b'{"items": [{"url": "https://example.com/a"}], "version": "http://jsonfeed.org/version/1"}'
    assert [e.url for e in parse_feed(old)] == ["https://example.com/a"]
    assert sniff_kind(b'{"items": []}', "application/feed+json") == "feed"
    assert sniff_kind(b'{"items": []}', "application/json") == "html"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "unreadable JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "without an items list"),
        (b'{"id": 12, "title": "an API answer"}', "without a jsonfeed.org version"),
        (b'{"version": 1.1, "items": []}', "without a jsonfeed.org version"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": []}\xff', "unreadable JSON"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000, "unreadable JSON"),
    ],
)  # fmt: skip
def test_a_broken_json_feed_is_refused_with_its_reason(body: bytes, reason: str):
    with pytest.raises(SourceError, match=reason):
        parse_feed(body)


def test_item_links_in_each_others_form():
    # An RSS item with its link only as an Atom link (a "self" one is not it), and an
    # Atom entry with its URL as text, as RSS writes it.
    rss = b"""<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<item><atom:link rel="self" href="https://example.com/feed/item/1"/>
  <atom:link href="https://example.com/2024/05/16/lock-gates-replaced"/></item>
<item><atom:link rel="self" href="https://example.com/feed/item/2"/>
  <link>https://example.com/2024/05/17/harbour-dues-rise</link></item>
</channel></rss>"""
    assert [e.url for e in parse_feed(rss)] == [
        "https://example.com/2024/05/16/lock-gates-replaced",
        "https://example.com/2024/05/17/harbour-dues-rise",
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom">
<entry><link>https://example.com/2024/05/18/new-pilot-boat</link></entry></feed>"""
    assert [e.url for e in parse_feed(atom)] == [
        "https://example.com/2024/05/18/new-pilot-boat"
    ]


def test_atom_links_are_relative_to_xml_base():
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.example.com/news/">
<entry><link href="tram-line-approved"/></entry>
<entry xml:base="/sport/"><link href="derby-ends-level"/></entry>
</feed>"""
    entries = parse_feed(body, "https://feeds.example.com/atom.xml")
    assert [e.url for e in entries] == [
        "https://www.example.com/news/tram-line-approved",
        "https://www.example.com/sport/derby-ends-level",
    ]


def test_rdf_feed():
    body = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <item rdf:about="https://example.com/a/one-two-three-four"><dc:date>2024-05-01</dc:date></item>
    </rdf:RDF>"""
    [entry] = parse_feed(body)
    assert entry.url == "https://example.com/a/one-two-three-four"
    assert entry.date == datetime(2024, 5, 1, tzinfo=UTC)


def test_news_sitemap_prefers_publication_date_over_lastmod():
    doc = parse_sitemap(URLSET)
    assert doc.kind == "urlset"
    assert not doc.recovered
    dated = {e.url.rsplit("/", 1)[-1]: e.date for e in doc.entries}
    assert dated["museum-opens-new-wing-for-local-artists"] == datetime(
        2024, 5, 9, 8, tzinfo=UTC
    )
    assert dated["bridge-repairs-finished-ahead-of-plan"] == datetime(
        2024, 3, 1, tzinfo=UTC
    )
    assert len(doc.entries) == 5


def test_sitemap_dates_without_offset_use_the_site_zone():
    doc = parse_sitemap(URLSET, tz=ZoneInfo("Europe/Berlin"))
    assert doc.entries[0].date == datetime(2024, 2, 29, 23, tzinfo=UTC)


def test_gzip_sitemap_index():
    doc = parse_sitemap(gzip.compress(INDEX))
    assert doc.kind == "index"
    assert [e.url for e in doc.entries][:2] == [
        "https://example.com/sitemap-2023.xml",
        "https://example.com/sitemap-2024.xml.gz",
    ]


def test_gzip_bomb_over_max_size_is_refused():
    with pytest.raises(SourceError, match="decompress"):
        parse_sitemap(gzip.compress(URLSET * 50), max_size=1000)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"<html><body>not a sitemap</body></html>", "not a sitemap"),
        (b"\x00\x01garbage", "not XML"),
        (b"\x1f\x8b\x08broken gzip", "decompress"),
    ],
)
def test_unreadable_sitemaps_raise_source_error(body, message):
    with pytest.raises(SourceError, match=message):
        parse_sitemap(body)


def test_truncated_sitemap_is_recovered():
    doc = parse_sitemap(URLSET[: URLSET.index(b"<url><loc>https://example.com/tag")])
    assert doc.recovered
    assert len(doc.entries) == 3


def test_documents_declaring_entities_are_refused_unread(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://example.com/a&x;</loc></url></urlset>"
    ).encode()
    with pytest.raises(SourceError, match="declares XML entities") as refused:
        parse_sitemap(body)
    assert "TOP-SECRET" not in str(refused.value)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>'
        b"<item><link>https://example.com/&b;</link></item></channel></rss>"
    )
    with pytest.raises(SourceError, match="declares XML entities"):
        parse_feed(laughs)


def test_feed_parser_rejects_non_feeds():
    with pytest.raises(SourceError, match="not a feed"):
        parse_feed(URLSET)


def test_robots_sitemap_lines():
    body = b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml # main\nsitemap:https://example.com/news.xml\n"
    assert sitemaps_from_robots(body, "https://example.com/robots.txt") == [
        "https://example.com/sitemap.xml",
        "https://example.com/news.xml",
    ]


@pytest.mark.parametrize(
    ("body", "content_type", "url", "expected"),
    [
        (RSS, "application/rss+xml", "https://e.x/rss", "feed"),
        (ATOM, "text/xml", "https://e.x/atom", "feed"),
        (URLSET, "application/xml", "https://e.x/s", "sitemap"),
        (b"\xef\xbb\xbf" + INDEX, "text/xml", "https://e.x/s", "sitemap"),
        (
            gzip.compress(URLSET),
            "application/octet-stream",
            "https://e.x/s.gz",
            "sitemap",
        ),
        (b"<!doctype html><html></html>", "text/html", "https://e.x/", "html"),
        (b"Sitemap: /s.xml", "text/plain", "https://e.x/robots.txt", "robots"),
    ],
)
def test_sniff_kind(body, content_type, url, expected):
    assert sniff_kind(body, content_type, url) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Localized names in an RFC 822 pubDate, as some German and French feeds write.
        ("Do, 09 Mai 2024 18:30:00 +0200", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
        ("jeu., 09 mai 2024 18:30:00 +0200", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
        # A day alone: its midnight in the site's zone.
        ("09 May 2024", datetime(2024, 5, 8, 22, tzinfo=UTC)),
        ("1715279400", datetime(2024, 5, 9, 18, 30, tzinfo=UTC)),
        # Zone names beyond RFC 822's, when they mean one offset only.
        ("Thu, 09 May 2024 18:30:00 CEST", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
        ("Thu, 09 May 2024 18:30:00 JST", datetime(2024, 5, 9, 9, 30, tzinfo=UTC)),
        ("Thu, 09 May 2024 18:30:00 WIB", datetime(2024, 5, 9, 11, 30, tzinfo=UTC)),
        ("Thu, 09 May 2024 18:30:00 BST", datetime(2024, 5, 9, 17, 30, tzinfo=UTC)),
        ("Thu, 09 May 2024 18:30:00 IST", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
        # A 12-hour clock, which email.utils read with its "pm" dropped (06:30).
        ("9 May 2024 6:30 pm", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
        ("Thu, 09 May 2024 6:30 PM", datetime(2024, 5, 9, 16, 30, tzinfo=UTC)),
    ],
)
def test_feed_dates_outside_the_standards(raw: str, expected: datetime) -> None:
    assert parse_date(raw, ZoneInfo("Europe/Berlin")) == expected


def test_dates_and_since_comparisons():
    assert parse_date("not a date") is None
    assert parse_published("2024-05-01") == date(2024, 5, 1)
    since = datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert not is_before(date(2024, 5, 1), since)  # the whole day counts
    assert is_before(date(2024, 4, 30), since)
    assert is_before(datetime(2024, 5, 1, 11, 59, tzinfo=UTC), since)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2024/05/09/council-votes-on-new-tram",
        "https://example.com/world/2024-05-09/storm",
        "https://example.com/politics/parliament-passes-the-new-budget-bill",
        "https://example.com/news/article-12345678",
        "https://example.com/story/1234567.html",
        # A CMS without pretty URLs: WordPress's post id, Joomla's article view.
        "https://example.com/?p=12345",
        "https://example.com/index.php?option=com_content&view=article&id=42:pier",
        # The story's number, then a short slug of it.
        "https://example.com/artikel/1234567/rat-tagt",
        # An opaque id under a word that only files stories.
        "https://example.com/news/articles/c0abc123xyzo",
        "https://example.com/story/abc123def",
        "https://example.com/articles/ABC593DEFG59HIJK00LM.html",
        # A story number after a short word; Escenic's ".ece" pages.
        "https://example.com/news/html/k10014444441000.html",
        "https://example.com/news/national/pier-reopens/article68153123.ece",
        # Stories filed under "archive" by date, as The Atlantic does.
        "https://example.com/politics/archive/2024/05/the-bill-that-passed/678123/",
    ],
)
def test_article_like_urls(url):
    assert looks_like_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "https://example.com/world/",
        "https://example.com/tag/climate-change-and-energy-policy/",
        "https://example.com/author/jane-doe-smith-jones",
        "https://example.com/2024/05/",
        "https://example.com/search?q=long-query-with-many-words",
        "https://example.com/world/?page=2",
        "https://example.com/images/a-photo-of-the-new-bridge.jpg",
        "https://example.com/feed/",
        "https://example.com/category/world/page/2",
        # Page numbers ("p" on other sites) and Joomla's category view.
        "https://example.com/?p=2",
        "https://example.com/news/?p=12345",
        "https://example.com/index.php?option=com_content&view=category&id=9",
        "https://example.com/tag/12345/budget-news",
        # A plain word or a year under "story" is a section or an archive.
        "https://example.com/story/politics",
        "https://example.com/articles/2024",
        "https://example.com/articles/page2.html",
        "https://example.com/section/world.ece",
        # A month's archive, and media filed by date, stay out.
        "https://example.com/archive/2024/05/",
        "https://example.com/video/2025/01/02/storm-hits-the-coast",
    ],
)
def test_non_article_urls(url):
    assert not looks_like_article_url(url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/world/", True),
        ("https://example.com/sport/football", True),
        ("https://example.com/category/local", True),
        ("https://example.com/tag/rain", False),
        ("https://example.com/author/jane", False),
        ("https://example.com/a/b/c/", False),
        ("https://example.com/2024/05/09/council-votes-on-new-tram", False),
        ("https://example.com/", False),
    ],
)
def test_listing_like_urls(url, expected):
    assert looks_like_listing_url(url) is expected


# -- spider callbacks ---------------------------------------------------------------


def test_start_turns_sources_into_requests():
    spider = make_spider()

    requests = drain(spider.start())
    assert [(r.url, r.callback.__name__) for r in requests] == [
        ("https://example.com/rss.xml", "parse_feed"),
        ("https://example.com/sitemap.xml", "parse_sitemap"),
        ("https://example.com/", "parse_listing"),
    ]
    assert [r.meta["newscrawl_source"] for r in requests] == [
        "feed",
        "sitemap",
        "listing",
    ]


def test_sitemap_entries_newest_first_filtered_by_rules_and_since():
    spider = make_spider(since="2024-05-05")
    response = response_for(XmlResponse, "https://example.com/sitemap.xml", URLSET)
    requests = drain(spider.parse_sitemap(response))
    assert [r.url.rsplit("/", 1)[-1] for r in requests] == [
        "museum-opens-new-wing-for-local-artists",
        "river-festival-draws-record-crowds",
    ]
    assert all(r.callback == spider.parse_article for r in requests)
    assert requests[0].priority >= requests[1].priority
    assert stats(spider) == {"sources/sitemap/ok": 1, "skipped/too_old": 1}


@pytest_twisted.ensureDeferred
async def test_sitemap_index_follows_children_on_site_skipping_old_ones():
    spider = make_spider(since="2024-01-01")
    response = response_for(
        XmlResponse, "https://example.com/sitemap.xml", gzip.compress(INDEX)
    )
    requests = await collect(spider.parse_sitemap(response))
    assert [r.url for r in requests] == ["https://example.com/sitemap-2024.xml.gz"]
    assert requests[0].callback == spider.parse_sitemap
    assert stats(spider)["sources/sitemap/too_old"] == 1


@pytest_twisted.ensureDeferred
async def test_large_or_packed_sitemaps_are_parsed_off_the_reactor(monkeypatch):
    parsed_in = []

    def parse_and_note_thread(*args, **kwargs):
        parsed_in.append(threading.current_thread() is threading.main_thread())
        return parse_sitemap(*args, **kwargs)

    monkeypatch.setattr(sourcecrawl, "parse_sitemap", parse_and_note_thread)
    padding = b" " * sourcecrawl.SITEMAP_INLINE_BYTES
    bodies = {
        "small": URLSET,
        "packed": gzip.compress(URLSET),
        "large": URLSET.replace(b"</urlset>", padding + b"</urlset>"),
    }
    found = {}
    for name, body in bodies.items():
        response = response_for(XmlResponse, "https://example.com/sitemap.xml", body)
        requests = await collect(make_spider().parse_sitemap(response))
        found[name] = [r.url for r in requests]
    assert parsed_in == [True, False, False]
    assert found["small"] == found["packed"] == found["large"]
    assert len(found["small"]) > 1


def test_malformed_sitemap_is_counted_not_raised():
    spider = make_spider()
    bad = response_for(
        XmlResponse, "https://example.com/sitemap.xml", b"<urlset><url><loc>"
    )
    assert drain(spider.parse_sitemap(bad)) == []
    html = response_for(
        HtmlResponse, "https://example.com/sitemap.xml", b"<html>moved</html>"
    )
    assert drain(spider.parse_sitemap(html)) == []
    broken_feed = response_for(XmlResponse, "https://example.com/rss.xml", b"\x00\x00")
    assert list(spider.parse_feed(broken_feed)) == []
    assert stats(spider) == {"sources/sitemap/failed": 2, "sources/feed/failed": 1}


def test_robots_txt_declared_as_sitemap_source():
    spider = make_spider(base_url="http://127.0.0.1:8123")
    body = b"Sitemap: https://example.com/news-sitemap.xml\nSitemap: https://cdn.other.org/s.xml\n"
    response = TextResponse(
        url="http://127.0.0.1:8123/robots.txt",
        body=body,
        request=Request("http://127.0.0.1:8123/robots.txt"),
    )
    requests = drain(spider.parse_sitemap(response))
    assert [r.url for r in requests] == ["http://127.0.0.1:8123/news-sitemap.xml"]


def test_a_wordpress_feed_without_pretty_urls_lists_its_posts():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel>'
        b"<item><link>https://example.com/?p=4521</link></item>"
        b"<item><link>https://example.com/?p=4518&amp;utm_source=rss</link></item>"
        b"</channel></rss>"
    )
    # The generic spider: no site rules, only the URL tests.
    spider = make_spider(GenericSpider, urls="https://example.com/feed/")
    requests = list(
        spider.parse_feed(response_for(XmlResponse, "https://example.com/feed/", body))
    )
    assert [r.url for r in requests] == [
        "https://example.com/?p=4521",
        "https://example.com/?p=4518",
    ]


def test_feed_entries_with_tracking_params_are_canonicalized():
    body = RSS.replace(
        b"tram-line</link>", b"tram-line?utm_source=rss&amp;utm_medium=feed</link>"
    )
    spider = make_spider()
    requests = list(
        spider.parse_feed(
            response_for(XmlResponse, "https://example.com/rss.xml", body)
        )
    )
    assert (
        requests[0].url
        == "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    )
    assert len(requests) == 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://example.com/a;jsessionid=0A1B.node1?p=2",
            "https://example.com/a?p=2",
        ),
        ("https://example.com/a;JSESSIONID=0A1B/b", "https://example.com/a/b"),
        ("https://example.com/a?PHPSESSID=9f&p=2", "https://example.com/a?p=2"),
        # Other path parameters and a story number called "sid" select content.
        ("https://example.com/a;v=2/b", "https://example.com/a;v=2/b"),
        (
            "https://example.com/article.pl?sid=24/05/09",
            "https://example.com/article.pl?sid=24%2F05%2F09",
        ),
    ],
)
def test_canonical_urls_drop_session_ids(url, expected):
    assert canonicalize_url(url) == expected


LISTING = b"""<html><head><link rel="next" href="/world/?page=2"></head><body>
<a href="/2024/05/09/council-votes-on-new-tram-line">Tram</a>
<a href="https://example.com/2024/05/08/school-year-starts-early?utm_campaign=x#top">School</a>
<a href="/2024/05/08/live/election-night">Live</a>
<a href="/tag/transport/">Transport</a>
<a href="/author/jane-doe/">Jane</a>
<a href="/sport/">Sport</a>
<a href="https://other.org/2024/05/09/offsite-story">Elsewhere</a>
<a href="mailto:desk@example.com">Mail</a>
</body></html>"""


def test_listing_yields_articles_sections_and_next_page():
    spider = make_spider()
    response = response_for(
        HtmlResponse, "https://example.com/world/", LISTING, newscrawl_depth=0
    )
    requests = list(spider.parse_listing(response))
    articles = [r.url for r in requests if r.callback == spider.parse_article]
    listings = [r.url for r in requests if r.callback == spider.parse_listing]
    assert articles == [
        "https://example.com/2024/05/09/council-votes-on-new-tram-line",
        "https://example.com/2024/05/08/school-year-starts-early",
    ]
    assert listings == [
        "https://example.com/sport/",
        "https://example.com/world/?page=2",
    ]
    assert requests[-1].meta["newscrawl_page"] == 1


def test_a_section_front_fetched_as_an_article_is_read_as_a_listing():
    # Sitemaps list section fronts next to articles; the page is fetched once.
    spider = make_spider(GenericSpider, url="https://example.com/")
    front = response_for(HtmlResponse, "https://example.com/world/", LISTING)
    requests = list(spider.parse_article(front))
    assert "https://example.com/2024/05/09/council-votes-on-new-tram-line" in [
        r.url for r in requests if r.callback == spider.parse_article
    ]
    assert stats(spider)["skipped/not_article"] == 1
    assert spider.source_request("listing", "https://example.com/world/") is None
    # A page that is no article and does not look like a listing gives nothing.
    other = response_for(
        HtmlResponse, "https://example.com/2024/05/09/tram-tram-tram-tram", LISTING
    )
    assert list(spider.parse_article(other)) == []


class _StoryParser(SiteParser):
    site_key = "story_example"

    class V1(SiteParser):
        _body_selector = XPath("//div[@class='story']/p")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)


class _BrokenTagsParser(_StoryParser):
    site_key = "story_example"

    class V1(_StoryParser.V1):
        @field
        def tags(self) -> list[str]:
            raise ValueError("a bug in the tags reader")


class StorySiteSpider(NewsSpider):
    """A site whose article rule also admits its section fronts, as real rules do."""

    name = "story_example"
    allowed_domains = ("example.com",)
    sources = (sitemap("https://example.com/sitemap.xml"),)
    article_url_allow = r"^https://example\.com/news/"
    parser = _StoryParser


SECTION_FRONT = """<html><head><title>World news | Example</title>
<meta property="og:type" content="{og_type}"><meta property="og:title" content="World news">
{jsonld}</head><body><h1>World news</h1>
<p>Everything our reporters filed from abroad this week, newest first, with a short
summary of each story so that readers can decide what to open next.</p>
<a href="/news/world/ferry-back-in-service">The ferry is back in service after repairs</a>
<a href="/news/world/bridge-opens-early">A bridge opens a month ahead of plan</a>
</body></html>"""
STORY = """<html><head><title>Ferry back | Example</title>
<meta property="og:type" content="{og_type}">{jsonld}</head><body><h1>Ferry back</h1>
<div class="{body_class}"><p>The ferry sailed again on Monday after three weeks in dry
dock, and the first crossing left the harbour on time with every seat taken.</p>
<p>Its owners said the new engine would cut fuel use by a fifth on each crossing.</p></div>
</body></html>"""
COLLECTION = '<script type="application/ld+json">{"@type": "CollectionPage"}</script>'
NEWS_ARTICLE = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'


class BrokenTagsSpider(StorySiteSpider):
    parser = _BrokenTagsParser


def test_a_field_reader_that_raises_is_counted_and_said_once(caplog):
    spider = make_spider(BrokenTagsSpider)
    page = STORY.format(og_type="article", jsonld="", body_class="story").encode()
    for slug in ("ferry-back", "ferry-late"):
        url = f"https://example.com/news/world/{slug}"
        [item] = spider.parse_article(response_for(HtmlResponse, url, page))
        # The rest of the article is kept.
        assert item.body.startswith("The ferry sailed again")
        assert item.tags == []
    assert stats(spider)["extraction/field_failed/tags"] == 2
    warnings = [r for r in caplog.records if "'tags' failed" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelname == "WARNING"


@pytest.mark.parametrize(
    ("og_type", "jsonld"), [("website", ""), ("website", COLLECTION), ("", COLLECTION)]
)
def test_a_site_spider_reads_a_section_front_its_rules_admit_as_a_listing(
    og_type, jsonld
):
    spider = make_spider(StorySiteSpider)
    page = SECTION_FRONT.format(og_type=og_type, jsonld=jsonld).encode()
    front = response_for(HtmlResponse, "https://example.com/news/world/", page)
    requests = list(spider.parse_article(front))
    assert not any(isinstance(r, Article) for r in requests)
    assert [r.url for r in requests if r.callback == spider.parse_article] == [
        "https://example.com/news/world/ferry-back-in-service",
        "https://example.com/news/world/bridge-opens-early",
    ]
    assert stats(spider)["skipped/not_article"] == 1


@pytest.mark.parametrize(
    ("og_type", "jsonld", "body_class"),
    [
        # The site parser reads the body: an article whatever the meta tags say.
        ("website", "", "story"),
        # Its layout changed, but the page still says it is an article.
        ("website", NEWS_ARTICLE, "story-v2"),
        ("article", "", "story-v2"),
        # Nothing declared and nothing recognised: the rules sent it, it stays.
        ("", "", "story-v2"),
    ],
)
def test_a_site_spider_keeps_articles_its_parser_or_the_page_vouches_for(
    og_type, jsonld, body_class
):
    spider = make_spider(StorySiteSpider)
    page = STORY.format(og_type=og_type, jsonld=jsonld, body_class=body_class)
    url = "https://example.com/news/world/ferry-back-in-service"
    [item] = spider.parse_article(response_for(HtmlResponse, url, page.encode()))
    assert isinstance(item, Article)
    assert item.body is not None
    assert item.body.startswith("The ferry sailed again")


def test_a_spider_without_a_site_parser_keeps_a_website_page_but_not_a_listing():
    spider = make_spider()
    url = "https://example.com/2024/05/09/ferry-back-in-service"
    page = STORY.format(og_type="website", jsonld="", body_class="story")
    [item] = spider.parse_article(response_for(HtmlResponse, url, page.encode()))
    assert isinstance(item, Article)
    front = SECTION_FRONT.format(og_type="website", jsonld=COLLECTION)
    listed = spider.parse_article(response_for(HtmlResponse, url, front.encode()))
    assert not any(isinstance(r, Article) for r in listed)
    assert stats(spider)["skipped/not_article"] == 1


def test_generic_start_url_that_looks_like_an_article_but_lists_them():
    url = "https://example.com/2024/05/09/all-about-the-tram-line"
    spider = make_spider(GenericSpider, url=url)
    start = response_for(
        HtmlResponse, url, LISTING, newscrawl_source="listing", newscrawl_depth=0
    )
    requests = drain(spider.parse_start(start))
    assert "https://example.com/2024/05/08/school-year-starts-early" in [
        r.url for r in requests
    ]


FEED_LINKS = b"""<html><head>
<link rel="alternate" type="application/rss+xml" title="Latest" href="/rss/latest.xml">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/world/atom">
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" href="https://other.org/feed.xml">
<link rel="alternate" type="application/rss+xml" href="https://feeds.example.com/world.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="stylesheet" type="text/css" href="/site.css">
<link rel="alternate" type="application/feed+json" href="/world/feed.json">
<link rel="alternate" type="application/json" href="/sport/feed/json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/12">
</head><body><a href="/2024/05/09/council-votes-on-new-tram-line">Tram</a></body></html>"""


def test_generic_listing_reads_the_feeds_its_head_names():
    spider = make_spider(GenericSpider, url="https://example.com/")
    page = response_for(HtmlResponse, "https://example.com/world/", FEED_LINKS)
    requests = list(spider.parse_listing(page))
    feeds = [r.url for r in requests if r.callback == spider.parse_feed]
    assert feeds == [
        "https://example.com/rss/latest.xml",
        "https://example.com/world/atom",
        "https://feeds.example.com/world.xml",
        "https://example.com/world/feed.json",
        "https://example.com/sport/feed/json",
    ]
    assert stats(spider)["sources/feed/discovered"] == 5
    # The site's own feed host is read past Scrapy's offsite filter; another
    # domain's feed is not read at all.
    vouched = [r for r in requests if r.url.startswith("https://feeds.example.com/")]
    assert vouched[0].meta["allow_offsite"]
    assert not [r for r in requests if "other.org" in r.url]
    # A feed is read once per run, however many pages name it.
    again = response_for(HtmlResponse, "https://example.com/sport/", FEED_LINKS)
    assert not [
        r for r in spider.parse_listing(again) if r.callback == spider.parse_feed
    ]
    # Site spiders read the feeds they declare, not the ones their pages name.
    site = make_spider()
    assert not [r for r in site.parse_listing(page) if r.callback == site.parse_feed]


def test_links_of_a_page_with_a_base_href_are_resolved_against_it():
    spider = make_spider(GenericSpider, url="https://example.com/")
    page = b"""<html><head><base href="https://example.com/">
<link rel="alternate" type="application/rss+xml" href="rss/latest.xml"></head><body>
<a href="news/2024/05/09/council-votes-on-new-tram-line">Tram</a>
<a href="news/?page=2">2</a></body></html>"""
    listing = response_for(HtmlResponse, "https://example.com/news/world/", page)
    urls = {r.url for r in spider.parse_listing(listing)}
    assert "https://example.com/news/2024/05/09/council-votes-on-new-tram-line" in urls
    assert "https://example.com/rss/latest.xml" in urls
    assert "https://example.com/news/?page=2" in urls
    assert not [u for u in urls if "/news/world/news/" in u or "/world/rss/" in u]


def test_generic_follows_the_sites_other_hosts_only_when_asked():
    page = b"""<html><body>
<a href="https://politics.example.com/2024/05/09/council-votes-on-new-tram-line">A</a>
<a href="https://www.example.com/2024/05/10/harbour-dues-rise-again-this-year">B</a>
<a href="https://example.org/2024/05/11/another-site-entirely-on-trams">C</a>
</body></html>"""
    followed = {}
    for subdomains in ("false", "true"):
        spider = make_spider(
            GenericSpider, url="https://www.example.com/", subdomains=subdomains
        )
        listing = response_for(HtmlResponse, "https://www.example.com/", page)
        followed[subdomains] = {
            urlsplit(r.url).hostname for r in spider.parse_listing(listing)
        }
    assert followed["false"] == {"www.example.com"}
    assert followed["true"] == {"www.example.com", "politics.example.com"}
    # A host without a public suffix has no other hosts: the port still counts.
    local = make_spider(GenericSpider, url="http://127.0.0.1:8701/", subdomains="true")
    assert not local.is_allowed_url("http://127.0.0.1:8702/2024/05/09/a-b-c-d")


def test_listing_depth_and_page_limits():
    spider = make_spider()
    deep = response_for(
        HtmlResponse,
        "https://example.com/world/",
        LISTING,
        newscrawl_depth=spider.max_listing_depth,
        newscrawl_page=spider.max_listing_pages - 1,
    )
    requests = list(spider.parse_listing(deep))
    assert all(r.callback == spider.parse_article for r in requests)
    assert len(requests) == 2


ARTICLE = """<!doctype html><html lang="en"><head><title>Tram line approved | Example</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Council approves the new tram line">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council approves the new tram line", "datePublished": "{published}",
 "author": {{"@type": "Person", "name": "Jane Doe"}}}}</script></head>
<body><article><h1>Council approves the new tram line</h1>
<p>The city council voted on Thursday evening to build a tram line between the station and the
university, ending a debate that lasted almost ten years and split several neighbourhoods.</p>
<p>Construction is planned to start next spring. The budget covers new stops, a depot and the
replacement of two bridges that are too weak to carry the heavier vehicles.</p>
<p>Opponents said the money would be better spent on buses, while shop owners along the route
asked for help during the works, which are expected to last for at least three years.</p>
</article></body></html>"""


def article_response(url, published="2024-05-09T18:00:00+00:00"):
    body = ARTICLE.format(published=published).encode()
    return response_for(HtmlResponse, url, body)


def test_articles_behind_a_paywall_are_counted():
    spider = make_spider()
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    page = ARTICLE.format(published="2024-05-09T18:00:00+00:00").replace(
        '"NewsArticle",', '"NewsArticle", "isAccessibleForFree": false,'
    )
    [item] = spider.parse_article(response_for(HtmlResponse, url, page.encode()))
    assert item.paywalled is True
    assert stats(spider)["articles/paywalled"] == 1
    [free] = make_spider().parse_article(article_response(url))
    assert free.paywalled is None


def test_article_callback_builds_the_item():
    spider = make_spider()
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    [item] = list(spider.parse_article(article_response(url)))
    assert isinstance(item, Article)
    assert item.headline == "Council approves the new tram line"
    assert item.site == "example_com"
    assert item.url == url
    assert item.body
    assert item.crawled_at is not None
    offset = datetime.fromisoformat(item.crawled_at).utcoffset()
    assert offset is not None
    assert offset.total_seconds() == 0
    assert stats(spider) == {"articles/parsed": 1}


def test_article_older_than_since_is_skipped():
    spider = make_spider(since="2024-05-10")
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    assert list(spider.parse_article(article_response(url))) == []
    newer = "https://example.com/2024/05/10/council-votes-on-new-tram-line"
    kept = list(
        spider.parse_article(article_response(newer, "2024-05-10T06:00:00+00:00"))
    )
    assert len(kept) == 1
    assert stats(spider) == {"articles/parsed": 2, "skipped/too_old": 1}


class BrokenParser(ArticleParser):
    def to_item(self) -> Article:
        raise RuntimeError("layout changed")


class BrokenSpider(ExampleSpider):
    name = "broken"
    parser = BrokenParser


def test_parser_errors_are_counted_not_raised():
    spider = make_spider(BrokenSpider)
    response = article_response(
        "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    )
    assert list(spider.parse_article(response)) == []
    assert stats(spider) == {"articles/parsed": 1, "parse/errors": 1}


def test_declared_parser_is_used():
    class HeadlineParser(ArticleParser):
        def to_item(self) -> Article:
            return Article(url=self.url, headline="from the site parser")

    class ParsedSpider(ExampleSpider):
        name = "parsed"
        parser = HeadlineParser

    spider = make_spider(ParsedSpider)
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    [item] = list(spider.parse_article(article_response(url)))
    assert item.headline == "from the site parser"
    assert item.site == "parsed"


def test_max_articles_stops_yielding_and_scheduling():
    spider = make_spider(max_articles="1")
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    assert len(list(spider.parse_article(article_response(url)))) == 1
    # The first item is still in the pipelines: nothing more is fetched or yielded.
    assert list(spider.parse_article(article_response(url + "-2"))) == []
    feed_response = response_for(XmlResponse, "https://example.com/rss.xml", RSS)
    assert list(spider.parse_feed(feed_response)) == []
    # A dropped item frees its slot again.
    spider.article_cap.rejected()
    assert len(list(spider.parse_feed(feed_response))) == 3
    assert stats(spider)["skipped/max_articles"] == 1


# -- generic spider -----------------------------------------------------------------

TAG_PAGE = b"""<html><head><title>Transport | Example</title>
<meta property="og:type" content="website">
<script type="application/ld+json">{"@type": "CollectionPage", "name": "Transport"}</script>
</head><body><h1>Transport</h1>
<article><h2><a href="/2024/05/09/council-votes-on-new-tram-line">Council votes</a></h2>
<p>The city council voted on Thursday evening to build a tram line.</p></article>
<article><h2><a href="/2024/05/01/bus-fares-frozen-for-another-year">Bus fares</a></h2>
<p>Fares stay the same.</p></article></body></html>"""


def test_generic_stays_on_start_netlocs():
    spider = make_spider(
        GenericSpider, urls="http://127.0.0.1:8001/ http://www.example.com/news/"
    )
    assert spider.is_allowed_url("http://127.0.0.1:8001/2024/05/09/a-b-c-d")
    assert not spider.is_allowed_url("http://127.0.0.1:8002/2024/05/09/a-b-c-d")
    assert spider.is_allowed_url("https://example.com/x")
    assert not spider.is_allowed_url("https://sub.example.com/x")
    assert spider.site is None


def test_generic_start_reads_robots_of_each_host():
    spider = make_spider(
        GenericSpider,
        urls="http://127.0.0.1:8001/ http://127.0.0.1:8001/rss.xml http://127.0.0.1:8002/",
    )

    urls = [r.url for r in drain(spider.start())]
    assert urls == [
        "http://127.0.0.1:8001/",
        "http://127.0.0.1:8001/rss.xml",
        "http://127.0.0.1:8002/",
        "http://127.0.0.1:8001/robots.txt",
        "http://127.0.0.1:8002/robots.txt",
    ]


def test_generic_tries_sitemap_xml_when_robots_txt_names_none():
    spider = make_spider(GenericSpider, url="https://example.com/")
    robots = TextResponse(
        url="https://example.com/robots.txt",
        body=b"User-agent: *\nDisallow: /search\n",
        request=Request("https://example.com/robots.txt"),
    )
    [guess] = spider.parse_robots(robots)
    assert (guess.url, guess.callback) == (
        "https://example.com/sitemap.xml",
        spider.parse_sitemap,
    )
    # Not there (404, or a page served in its place): counted apart, no failed
    # source, and the next usual place is tried, one at a time.
    [second] = spider.source_failed(http_failure(guess, 404))
    assert second.url == "https://example.com/sitemap_index.xml"
    page = HtmlResponse(
        url="https://example.com/", body=b"<html><p>Home</p></html>", request=second
    )
    [third] = drain(spider.parse_sitemap(page))
    assert third.url == "https://example.com/wp-sitemap.xml"
    assert spider.source_failed(http_failure(third, 404)) == []
    counts = stats(spider)
    assert counts["sources/sitemap/guessed"] == 3
    assert counts["sources/sitemap/guessed_missing"] == 3
    assert "sources/sitemap/failed" not in counts
    # There: read as any sitemap.
    found = XmlResponse(url=guess.url, body=URLSET, request=guess)
    assert "https://example.com/2024/05/07/river-festival-draws-record-crowds" in [
        r.url for r in drain(spider.parse_sitemap(found))
    ]
    # A robots.txt that names a sitemap, and site spiders, are taken at their word.
    named = TextResponse(
        url="https://example.com/robots.txt",
        body=b"Sitemap: https://example.com/news.xml\n",
        request=Request("https://example.com/robots.txt"),
    )
    fresh = make_spider(GenericSpider, url="https://example.com/")
    assert [r.url for r in fresh.parse_robots(named)] == [
        "https://example.com/news.xml"
    ]
    assert list(make_spider().parse_robots(robots)) == []


def test_generic_tries_sitemap_xml_when_there_is_no_robots_txt():
    spider = make_spider(GenericSpider, url="https://example.com/")
    robots = Request(
        "https://example.com/robots.txt", meta={"newscrawl_source": "robots"}
    )
    [guess] = spider.source_failed(http_failure(robots, 404))
    assert guess.url == "https://example.com/sitemap.xml"
    assert stats(spider)["sources/robots/missing"] == 1
    assert "sources/robots/failed" not in stats(spider)
    # A server error or rate limiting is a failure to read it, and no sign of absence.
    for status in (503, 429):
        spider = make_spider(GenericSpider, url="https://example.com/")
        assert spider.source_failed(http_failure(robots, status)) == []
        assert stats(spider)["sources/robots/failed"] == 1


def test_generic_start_sniffs_feeds_and_listings():
    spider = make_spider(GenericSpider, url="https://example.com/")
    feed_response = response_for(XmlResponse, "https://example.com/feed", RSS)
    feed_requests = drain(spider.parse_start(feed_response))
    assert len(feed_requests) == 3
    # A fresh spider: one run requests each article once, and the feed listed some.
    spider = make_spider(GenericSpider, url="https://example.com/")
    listing_response = response_for(HtmlResponse, "https://example.com/", LISTING)
    listing_requests = drain(spider.parse_start(listing_response))
    assert "https://example.com/2024/05/09/council-votes-on-new-tram-line" in [
        r.url for r in listing_requests
    ]
    assert not any("other.org" in r.url or "/tag/" in r.url for r in listing_requests)


def test_generic_start_reads_a_json_feed():
    spider = make_spider(GenericSpider, url="https://example.com/feed.json")
    response = response_for(TextResponse, "https://example.com/feed.json", JSON_FEED)
    # Newest first: the undated item's URL names the later day.
    assert [r.url for r in drain(spider.parse_start(response))] == [
        "https://example.com/2024/05/16/night-buses-return",
        "https://example.com/2024/05/15/pier-repairs-begin",
    ]
    assert stats(spider)["sources/feed/ok"] == 1


def test_generic_keeps_articles_and_drops_listing_pages():
    spider = make_spider(GenericSpider, url="https://example.com/")
    url = "https://example.com/2024/05/09/council-votes-on-new-tram-line"
    [item] = list(spider.parse_article(article_response(url)))
    assert item.site == "example_com"  # the extractor's site key
    tag = response_for(
        HtmlResponse, "https://example.com/2024/05/09/tram-tram-tram-tram", TAG_PAGE
    )
    assert list(spider.parse_article(tag)) == []
    assert stats(spider)["skipped/not_article"] == 1


@pytest.mark.parametrize(
    ("url", "html", "expected"),
    [
        ("https://e.x/world/", '<link rel="next" href="/world/?page=2"><a href="/x">x</a>', "/world/?page=2"),
        ("https://e.x/", '<div class="nav-previous"><a href="/page/2/">Older posts</a></div>', "/page/2/"),
        ("https://e.x/c/", '<a href="/c/2">2</a> <a class="next" href="/c/2">Next</a>', "/c/2"),
        ("https://e.x/c/", '<a href="/c/?p=9">Weiter &raquo;</a>', "/c/?p=9"),
        # The text of the link alone, in more languages; "read on" is no next page.
        ("https://e.x/c/", '<a href="/c/older">Nächste Seite</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">Volgende</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">Далее</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">次へ</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">下一页</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">Seuraava</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">Articles plus anciens</a>', "/c/older"),
        ("https://e.x/c/", '<a href="/c/older">Weiterlesen</a>', None),
        ("https://e.x/c/", '<a href="/c/older">次の記事</a>', None),
        ("https://e.x/news/page/2/", '<a href="/news/page/1/">1</a><a href="/news/page/3/">3</a>', "/news/page/3/"),
        ("https://e.x/news/", '<a href="/news/?page=2">2</a>', "/news/?page=2"),
        ("https://e.x/news/", '<a href="/news/some-story-about-pages">story</a>', None),
    ],
)  # fmt: skip
def test_find_next_page(url, html, expected):
    response = HtmlResponse(url=url, body=f"<html><body>{html}</body></html>".encode())
    assert find_next_page(response) == expected


def test_declared_next_page_rule_wins():
    class PagedSpider(ExampleSpider):
        name = "paged"
        next_page_css = "a.more::attr(href)"

    spider = make_spider(PagedSpider)
    body = b'<a rel="next" href="/world/?page=9">9</a><a class="more" href="/world/more">More</a>'
    response = response_for(HtmlResponse, "https://example.com/world/", body)
    assert spider.next_page_url(response) == "https://example.com/world/more"


def test_generic_follows_a_redirected_start_url():
    spider = make_spider(GenericSpider, url="http://example.com/")
    request = Request("http://example.com/")
    response = HtmlResponse(
        url="https://www.example.net/",
        body=LISTING.replace(b"/sport/", b"https://www.example.net/sport/"),
        request=request,
    )
    urls = [r.url for r in drain(spider.parse_start(response))]
    assert "https://www.example.net/sport/" in urls
    assert spider.is_allowed_url("https://example.net/2024/05/09/a-b-c-d")


SCOPE_PROBES = (
    "https://example.com/2024/05/09/a-story",
    "https://www.example.com/2024/05/09/a-story",
    "https://news.example.com:8443/2024/05/09/a-story",
    "http://127.0.0.1:8701/2024/05/09/a-story",
    "http://127.0.0.1:8702/2024/05/09/a-story",
    "https://notexample.com/2024/05/09/a-story",
    "https://other.org/?next=example.com",
)


@pytest.mark.parametrize(
    ("spidercls", "kwargs", "hosts"),
    [
        (ExampleSpider, {}, ("example.com",)),
        (ExampleSpider, {"base_url": "http://127.0.0.1:8701"}, ("127.0.0.1:8701",)),
        (GenericSpider, {"url": "https://example.com/"}, ()),
        (WarcSpider, {"files": "https://data.example/crawl.warc.gz"}, ()),
    ],
)
def test_known_hosts_cover_every_url_the_spider_asks_about(spidercls, kwargs, hosts):
    spider = make_spider(spidercls, **kwargs)

    assert tuple(spider.known_hosts()) == hosts
    for url in SCOPE_PROBES:
        if spider.is_allowed_url(url):
            assert not hosts or on_hosts(url, hosts), url
