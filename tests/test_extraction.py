"""Generic extractor against hand-written fixture pages, compared field by field."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from newscrawl.extraction import (
    GenericParser,
    extract_article,
    parser_for_url,
    register,
)
from newscrawl.extraction.base import field
from newscrawl.items import Article

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
CASES = sorted(
    path.name for path in FIXTURES.iterdir() if (path / "expected.json").exists()
)


def _load(case: str) -> tuple[bytes, dict[str, str], dict[str, object]]:
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return (folder / "page.html").read_bytes(), meta, expected


def test_every_case_is_present():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_fixture_fields(case):
    html, meta, expected = _load(case)
    article = extract_article(
        html, meta["url"], fetched_at=datetime.fromisoformat(meta["fetched_at"])
    )
    assert isinstance(article, Article)
    assert article.url == meta["url"]
    for name, value in expected.items():
        assert getattr(article, name) == value, name


@pytest.mark.parametrize("case", CASES)
def test_expected_json_keys_are_sorted(case):
    _, _, expected = _load(case)
    assert list(expected) == sorted(expected)


def test_str_input_gives_same_result_as_bytes():
    html, meta, _ = _load("jsonld_graph")
    from_bytes = extract_article(html, meta["url"])
    from_str = extract_article(html.decode("utf-8"), meta["url"])
    assert from_bytes == from_str


def test_header_encoding_wins_over_wrong_meta():
    text = (
        '<html><head><meta charset="utf-8"><title>Déjà vu à Paris</title></head></html>'
    )
    article = extract_article(
        text.encode("latin-1"), "https://example.fr/a", encoding="latin-1"
    )
    assert article.headline == "Déjà vu à Paris"


@pytest.mark.parametrize(
    "html",
    [
        b"",
        b"\x00\xff\xfe garbage",
        "<<<>>>",
        "<html><body><h1></h1></body></html>",
        b"\xef\xbb\xbf",
    ],
)
def test_bad_input_never_raises(html):
    article = extract_article(html, "https://example.com/x")
    assert article.url == "https://example.com/x"
    assert article.site == "example_com"
    assert article.published is None


def test_bad_url_still_returns_article():
    article = extract_article("<html><title>t</title></html>", "not a url at all")
    assert article.url == "not a url at all"


def test_relative_date_counts_back_from_fetch_time():
    html = '<html><body><h1>Storm warning</h1><span class="date">3 hours ago</span></body></html>'
    fetched = datetime.fromisoformat("2024-05-01T12:00:00+00:00")
    article = extract_article(html, "https://example.com/storm", fetched_at=fetched)
    assert article.published == "2024-05-01T09:00:00+00:00"
    assert article.published_raw == "3 hours ago"


def test_url_date_is_the_last_resort():
    html = "<html><body><h1>Quiet day</h1><p>Nothing happened.</p></body></html>"
    article = extract_article(html, "https://example.com/2021/07/04/quiet-day")
    assert article.published == "2021-07-04"


def test_registry_picks_site_parser_and_nested_version(monkeypatch):
    # A fresh registry so this test's parser does not leak into other tests.
    monkeypatch.setattr("newscrawl.extraction._registry", {})

    class ShopParser(GenericParser):
        class V1(GenericParser):
            valid_until = date(2023, 12, 31)

        class V2(GenericParser):
            @classmethod
            def matches(cls, doc):
                return doc.meta_first("generator") == "shop 2"

            @field
            def headline(self):
                return "from V2"

    register("shopnews_de")(ShopParser)
    assert parser_for_url("https://www.shopnews.de/a") is ShopParser
    assert parser_for_url("https://other.example/a") is GenericParser
    old = '<html><head><meta name="generator" content="shop 1"><title>Old</title></head></html>'
    new = '<html><head><meta name="generator" content="shop 2"><title>New</title></head></html>'
    assert extract_article(old, "https://shopnews.de/p").headline == "Old"
    assert extract_article(new, "https://shopnews.de/p").headline == "from V2"


def test_field_decorator_rejects_unknown_names():
    with pytest.raises(ValueError, match="not an Article field"):

        @field
        def colour(self):
            return "red"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # An untyped <script> that still holds schema.org JSON.
        (
            (
                '<script>{"@context": "https://schema.org", "@type": "NewsArticle",'
                ' "datePublished": "2022-01-28T06:00:00+01:00"}</script>'
            ),
            "<h1>A headline here</h1>",
            "2022-01-28T06:00:00+01:00",
        ),
        # A publication date under a non-standard <meta> name.
        (
            '<meta property="shop:created_at" content="2013-02-16">',
            "<h1>Photo</h1>",
            "2013-02-16",
        ),
        # App-state JSON that carries the article's date.
        (
            '<script type="application/json">{"story": {"publishedAt": "2021-04-05T08:00:00Z"}}</script>',
            "<h1>Story</h1>",
            "2021-04-05T08:00:00+00:00",
        ),
        # Only a date in a side block: better than nothing.
        (
            "",
            '<h1>Notice</h1><div class="social-share"><h5>23.01.2019</h5></div>',
            "2019-01-23",
        ),
        # A modification date is not the publication date.
        (
            '<meta property="article:modified_time" content="2020-02-02">',
            "<h1>Changed</h1>",
            None,
        ),
    ],
)
def test_published_fallbacks(head, body, expected):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    assert extract_article(html, "https://example.com/a").published == expected


def test_comment_dates_never_count():
    html = (
        "<html><body><h1>Quiet page</h1><p>Text.</p>"
        '<div class="comments"><span class="comment-date">5 May 2020</span></div></body></html>'
    )
    assert extract_article(html, "https://example.com/a").published is None


def test_url_day_wins_over_a_later_page_date():
    html = '<html><head><meta property="article:published_time" content="2020-07-09T10:00:00Z">'
    article = extract_article(html, "https://example.com/2020/07/08/story")
    assert article.published == "2020-07-08"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A kicker in the <h1> that the structured headline leaves out.
        (
            (
                '<meta property="og:title" content="Ferries run again"><h1><span>Strike over</span>'
                " Ferries run again</h1>"
            ),
            "Ferries run again",
        ),
        # The visible <h1> beats a search-engine title when it is the page's only one.
        (
            (
                '<meta property="og:title" content="Best cheap ferry tickets 2024 (updated)">'
                "<h1>How to cross the bay for less</h1>"
            ),
            "How to cross the bay for less",
        ),
        # A logo <h1> linking home is not the headline.
        (
            '<title>Ferry news today</title><h1 class="logo"><a href="/">Bay Times</a></h1>',
            "Ferry news today",
        ),
        # "Headline | Unknown site" in the title alone.
        ("<title>Ferries run again | Bay Times Online</title>", "Ferries run again"),
    ],
)
def test_headline_choice(html, expected):
    assert extract_article(html, "https://baytimes.example/a").headline == expected


def test_newsroom_author_gives_way_to_a_named_person():
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Organization", "name": "Bay Times"}}</script>'
        '<meta name="author" content="Rosa Klein"></head></html>'
    )
    assert extract_article(html, "https://baytimes.example/a").authors == ["Rosa Klein"]
    only_org = html.replace('<meta name="author" content="Rosa Klein">', "")
    assert extract_article(only_org, "https://baytimes.example/a").authors == [
        "Bay Times"
    ]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # Markup left in the name, written as it is or escaped for HTML.
        ('"author": {"@type": "Person", "name": "<a href=\\"/by/rosa\\">Rosa Klein</a>"}', ["Rosa Klein"]),
        ('"author": "&lt;b&gt;Rosa Klein&lt;/b&gt;"', ["Rosa Klein"]),
        # schema.org's "creator" where there is no "author".
        ('"creator": ["Rosa Klein", "Ole Berg"]', ["Rosa Klein", "Ole Berg"]),
    ],
)  # fmt: skip
def test_jsonld_authors_in_the_forms_cms_write_them(credit, expected):
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
        f' "headline": "Harbour <em>wall</em> repaired", {credit}}}</script></head></html>'
    )
    article = extract_article(html, "https://baytimes.example/a")
    assert article.authors == expected
    assert article.headline == "Harbour wall repaired"


def test_lead_image_from_an_image_src_link_when_nothing_else_names_one():
    page = '<html><head><link rel="image_src" href="/img/pier.jpg"></head></html>'
    assert extract_article(page, "https://baytimes.example/a").image_url == (
        "https://baytimes.example/img/pier.jpg"
    )
    og = page.replace("<head>", '<head><meta property="og:image" content="/og.jpg">')
    assert extract_article(og, "https://baytimes.example/a").image_url == (
        "https://baytimes.example/og.jpg"
    )


def test_todays_date_banner_does_not_win():
    html = (
        '<html><body><div class="topbar"><span class="date">Saturday, 28 November 2026</span></div>'
        '<div class="story"><header><h1>Harbour wall repaired</h1>'
        '<p class="meta">Posted 20 November 2026</p></header><p>Work is done.</p></div></body></html>'
    )
    fetched = datetime.fromisoformat("2026-11-28T10:00:00+00:00")
    article = extract_article(html, "https://example.com/wall", fetched_at=fetched)
    assert article.published == "2026-11-20"
    # Without the fetch time nothing marks the banner as "today", so proximity decides.
    assert extract_article(html, "https://example.com/wall").published is not None


def test_nul_characters_leave_no_trace():
    # libxml2 would read each NUL as U+FFFD inside the words.
    html = (
        "<html><head><title>Bridge\x00 opens</title></head><body><article>"
        "<h1>Bridge\x00 opens</h1><p>The new bri\x00dge opened today, two years after"
        " work began, and traffic moved at once.</p></article></body></html>"
    )
    article = extract_article(html, "https://example.com/bridge")
    assert article.headline == "Bridge opens"
    assert article.body is not None
    assert "bridge opened" in article.body
    assert "\x00" not in article.body
    assert "\ufffd" not in article.body


_PAYWALL_BODY = (
    "<body><article><h1>Harbour fees rise</h1><p>The port authority raised its fees"
    " for the first time in six years, citing the cost of dredging.</p></article></body>"
)

_GRAPH_WITH_A_LOCKED_PAGE = (
    '{"@graph": [{"@type": "NewsArticle", "headline": "Harbour fees rise"},'
    ' {"@type": "WebPage", "isAccessibleForFree": "false"}]}'
)
_LOCKED_PART = (
    '{"@type": "NewsArticle", "hasPart": {"@type": "WebPageElement",'
    ' "isAccessibleForFree": false, "cssSelector": ".locked"}}'
)


@pytest.mark.parametrize(
    ("head", "paywalled"),
    [
        # Google's paywall markup: on the article, JSON true/false or text.
        ('{"@type": "NewsArticle", "isAccessibleForFree": false}', True),
        ('{"@type": "NewsArticle", "isAccessibleForFree": "False"}', True),
        (
            '{"@type": "NewsArticle", "isAccessibleForFree": "https://schema.org/True"}',
            False,
        ),
        # Inside a @graph, on the WebPage rather than the article.
        (_GRAPH_WITH_A_LOCKED_PAGE, True),
        # Only the locked part says so.
        (_LOCKED_PART, True),
        ('{"@type": "NewsArticle", "isAccessibleForFree": "maybe"}', None),
        ('{"@type": "NewsArticle"}', None),
    ],
)
def test_paywall_declared_in_json_ld(head, paywalled):
    html = (
        f'<html><head><script type="application/ld+json">{head}</script></head>'
        f"{_PAYWALL_BODY}</html>"
    )
    assert extract_article(html, "https://news.example/fees").paywalled is paywalled


@pytest.mark.parametrize(
    ("tier", "paywalled"), [("locked", True), ("Free", False), ("metered", None)]
)
def test_paywall_declared_by_content_tier(tier, paywalled):
    html = (
        f'<html><head><meta property="article:content_tier" content="{tier}"></head>'
        f"{_PAYWALL_BODY}</html>"
    )
    assert extract_article(html, "https://news.example/fees").paywalled is paywalled


@pytest.mark.parametrize(
    ("url", "canonical", "expected"),
    [
        # A theme that gives every page the home page as canonical: the page's own URL.
        (
            "https://harbour.example/2025/01/02/pier-reopens",
            "https://harbour.example/",
            "https://harbour.example/2025/01/02/pier-reopens",
        ),
        ("https://harbour.example/?p=123", "/", "https://harbour.example/?p=123"),
        # The home page's own canonical, and an AMP page's parent: kept.
        (
            "https://harbour.example/",
            "https://harbour.example/",
            "https://harbour.example/",
        ),
        (
            "https://harbour.example/2025/01/02/pier-reopens/amp/",
            "https://harbour.example/2025/01/02/pier-reopens/",
            "https://harbour.example/2025/01/02/pier-reopens/",
        ),
        # ... or the section front above the article: the page's own URL.
        (
            "https://harbour.example/local-news/2025/01/02/pier-reopens",
            "https://harbour.example/local-news/",
            "https://harbour.example/local-news/2025/01/02/pier-reopens",
        ),
        (
            "https://harbour.example/sport/sailing/123456.html",
            "/sport/sailing",
            "https://harbour.example/sport/sailing/123456.html",
        ),
        # A print view or a second page names its article: kept.
        (
            "https://harbour.example/news/pier-reopens/print",
            "https://harbour.example/news/pier-reopens",
            "https://harbour.example/news/pier-reopens",
        ),
        (
            "https://harbour.example/news/pier-reopens/page-2",
            "https://harbour.example/news/pier-reopens",
            "https://harbour.example/news/pier-reopens",
        ),
    ],
)
def test_a_canonical_home_or_section_page_does_not_stand_for_an_article(
    url: str, canonical: str, expected: str
) -> None:
    page = (
        f'<html><head><link rel="canonical" href="{canonical}"></head><body>'
        "<article><h1>Pier reopens</h1><p>The pier opened again today.</p></article>"
        "</body></html>"
    )
    assert extract_article(page, url).canonical_url == expected


@pytest.mark.parametrize(
    ("html_tag", "head"),
    [
        # An XHTML page that says only xml:lang.
        ('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de">', ""),
        # A JSON-LD inLanguage given as a schema.org Language: its code.
        (
            "<html>",
            (
                '<script type="application/ld+json">{"@type": "NewsArticle",'
                ' "headline": "Neue Brücke", "inLanguage": {"@type": "Language",'
                ' "name": "German", "alternateName": "de"}}</script>'
            ),
        ),
    ],
)
def test_a_language_declared_the_less_usual_ways(html_tag: str, head: str) -> None:
    page = (
        f"{html_tag}<head><title>Neue Brücke</title>{head}</head><body><article>"
        "<h1>Neue Brücke</h1><p>Die Brücke ist offen.</p></article></body></html>"
    )
    url = "https://stadt.example/2025/01/02/bruecke"
    assert extract_article(page, url).language == "de"


def test_a_json_ld_person_naming_several_people_gives_each() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Pier reopens", "author": {"@type": "Person",'
        ' "name": ["Ana Lind", "Tom Berg"]}}</script></head><body><article>'
        "<h1>Pier reopens</h1><p>The pier opened again today.</p></article></body></html>"
    )
    article = extract_article(page, "https://harbour.example/2025/01/02/pier")
    assert article.authors == ["Ana Lind", "Tom Berg"]


def test_a_microdata_headline_meta_is_a_title() -> None:
    page = (
        '<html><body><article itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="headline" content="Pier reopens after repairs">'
        "<p>The pier opened again today after a year of repairs.</p></article>"
        "</body></html>"
    )
    article = extract_article(page, "https://harbour.example/2025/01/02/pier")
    assert article.headline == "Pier reopens after repairs"
