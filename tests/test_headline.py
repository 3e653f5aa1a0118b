"""Table-driven tests for the headline, byline, section and tag readers (hand-written pages)."""

from __future__ import annotations

import pytest

from newscrawl.extraction import metadata
from newscrawl.extraction.document import Document
from newscrawl.extraction.text import (
    clean_headline,
    is_segment_of,
    is_truncation,
    names_site,
    same_typography,
)

URL = "https://www.harbourtimes.example/news/some-story"


def _page(head: str, body: str) -> Document:
    return Document.parse(f"<html><head>{head}</head><body>{body}</body></html>", URL)


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # A kicker <span> before the headline is left out when the metadata has no kicker.
        (
            (
                "<title>Ferry strike: Crossings cancelled | Harbour Times</title>"
                '<meta property="og:title" content="Crossings cancelled">'
            ),
            (
                '<h1><span class="kicker">Ferry strike</span><span class="sr-only">: </span>'
                "<span>Crossings cancelled</span></h1>"
            ),
            "Crossings cancelled",
        ),
        # ... and kept when the JSON-LD headline carries it.
        (
            (
                '<script type="application/ld+json">{"@type": "NewsArticle",'
                ' "headline": "Ferry strike: Crossings cancelled"}</script>'
            ),
            (
                '<h1><span class="topline">Ferry strike</span><span class="sr-only">:</span>'
                " <span>Crossings cancelled</span></h1>"
            ),
            "Ferry strike: Crossings cancelled",
        ),
        # Screen-reader words in the <h1> are not part of it.
        (
            "<title>Tide tables change</title>",
            '<h1>Tide tables change<span class="element-invisible"> | Other Site</span></h1>',
            "Tide tables change",
        ),
        # Ruby readings are not part of the headline.
        (
            "<title>NEWS EASY|子どもの本</title>",
            "<h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>本<rt>ほん</rt></ruby></h1>",
            "子どもの本",
        ),
        # A trailing subtitle in <small> is left out when the title lacks it.
        (
            '<meta property="og:title" content="Gulls return to the pier">',
            "<h1>Gulls return to the pier <small>A spring census</small></h1>",
            "Gulls return to the pier",
        ),
        # The theme's wrapper "content-sidebar-wrap" and a post class "category-popular-posts"
        # name no teaser block.
        (
            '<meta property="og:title" content="Short teaser for search engines">',
            (
                '<div class="content-sidebar-wrap"><article class="post category-popular-posts">'
                '<h1 class="entry-title">Ten ways the old quay is changing this year</h1>'
                "</article></div>"
            ),
            "Ten ways the old quay is changing this year",
        ),
        # A breadcrumb <h1> repeating the title keeps its "| part".
        (
            '<meta property="og:title" content="BUDGET 2.0 | Taxes rise for boats">',
            '<nav class="breadcrumb"><h1>BUDGET 2.0 | Taxes rise for boats</h1></nav>',
            "BUDGET 2.0 | Taxes rise for boats",
        ),
        # An <h1> marked as a kicker line: the headline is the <h2> after it.
        (
            '<meta property="og:title" content="Pier reopens - Repair update: pier">',
            '<h1 class="strapline">Repair update: pier</h1><h2 class="title">Pier reopens</h2>',
            "Pier reopens",
        ),
        # The visible heading's quotes are the typeset ones.
        (
            '<meta property="og:title" content="\'Never again\', says skipper">',
            "<h1>\u201eNever again\u201c, says skipper</h1>",
            "\u201eNever again\u201c, says skipper",
        ),
        # A cut-short JSON-LD headline gives way to the full <h1>.
        (
            (
                '<script type="application/ld+json">{"@type": "Article",'
                ' "headline": "Cargo volumes climb"}</script>'
            ),
            "<h1>Cargo volumes climb in the third quarter</h1>",
            "Cargo volumes climb in the third quarter",
        ),
        # An editorial JSON-LD headline wins over a differently worded <h1>.
        (
            (
                '<script type="application/ld+json">{"@type": "NewsArticle",'
                ' "headline": "Johannesburg traders win market case"}</script>'
            ),
            "<h1>Joburg traders win market case</h1>",
            "Johannesburg traders win market case",
        ),
        # A one-word page title is kept, a linked section name is not.
        (
            "<title>Professional design for companies | Studio</title>",
            "<h1>Design</h1>",
            "Design",
        ),
        (
            "<title>Rates held steady again - Harbour Times</title>",
            '<h1><a href="/business">Business</a></h1>',
            "Rates held steady again",
        ),
        # A site name inside the headline is no reason to cut it.
        (
            (
                '<meta property="og:site_name" content="Harbour Times">'
                '<meta property="og:title" content="Open day: Harbour Times opens its print room">'
            ),
            "",
            "Open day: Harbour Times opens its print room",
        ),
        # The logo heading's text is the site's name, also in the <title>.
        (
            "<title>Dredging starts next week | Estuary Notes</title>",
            '<h1 class="site-title"><a href="/">Estuary Notes</a></h1><h1>Dredging starts next week</h1>',
            "Dredging starts next week",
        ),
        # The <h1> names the topic, the <h2> under it is the headline OpenGraph repeats.
        (
            (
                '<meta property="og:title" content="How the pilots board a tanker at night">'
                "<title>Harbour pilots: the night shift | Harbour Times</title>"
            ),
            (
                "<h1>Harbour pilots</h1><h2>How the pilots board a tanker at night</h2>"
                "<p>Text.</p><h2>Related stories</h2>"
            ),
            "How the pilots board a tanker at night",
        ),
        # ... but not an <h2> in a teaser block, and not when nothing repeats one: the
        # page's only <h1> stays, as titles are rewritten for search engines.
        (
            '<meta property="og:title" content="Tug fleet grows by two">',
            (
                "<h1>Two new tugs join the harbour fleet</h1><p>Text.</p>"
                '<div class="related-articles"><h2>Tug fleet grows by two</h2></div>'
            ),
            "Two new tugs join the harbour fleet",
        ),
        (
            '<meta property="og:title" content="New tugs: what changes for the pilots">',
            "<h1>Two new tugs join the harbour fleet</h1><h2>What the crews say</h2>",
            "Two new tugs join the harbour fleet",
        ),
        # A headline that mentions the site is no tagline when another part of the
        # title is the site's name: its <h2> beats the section label in the <h1>.
        (
            "<title>harbourtimes - Outdoors - Tidal forecasts at Harbourtimes</title>",
            (
                "<h1>Outdoors | Entry</h1><h2>Tidal forecasts at Harbourtimes</h2>"
                "<p>Text.</p><h2>How the forecasts are made</h2>"
            ),
            "Tidal forecasts at Harbourtimes",
        ),
        # Microdata without metadata: the article's headline, not a related teaser's,
        # nor a <title> that is only the site's name.
        (
            "<title>The Quayside Gazette</title>",
            (
                '<div class="related-articles" itemscope itemtype="https://schema.org/NewsArticle">'
                '<h3 itemprop="headline">Lighthouse keeper retires</h3></div>'
                '<div itemscope itemtype="https://schema.org/NewsArticle">'
                '<div class="title" itemprop="headline">Pier repairs start in May</div>'
                "<p>Text.</p></div>"
            ),
            "Pier repairs start in May",
        ),
        (
            "<title>The Quayside Gazette</title>",
            '<h2 itemprop="headline">Pier repairs start in May</h2><p>Text.</p>',
            "Pier repairs start in May",
        ),
    ],
)
def test_read_headline(head: str, body: str, expected: str) -> None:
    assert metadata.read_headline(_page(head, body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            (
                '<div class="info"><span class="lbl">Автор:</span> <a href="/a/1">Петя Маринова</a>'
                " | <span>Прочетена 12 пъти</span></div>"
            ),
            ["Петя Маринова"],
        ),
        (
            "<ul><li><strong>Autorin/Autor</strong>\nLena Falk\n</li></ul>",
            ["Lena Falk"],
        ),
        ("<p>Auteur : Marc Dupin | 4 min</p>", ["Marc Dupin"]),
        ("<p>Texto: Ana Ruiz, Pablo Gil</p>", ["Ana Ruiz", "Pablo Gil"]),
        # The labels of more languages, with their colon.
        ("<p>Szerző: Kovács Anna</p>", ["Kovács Anna"]),
        ("<p>Tác giả: Trần Minh</p>", ["Trần Minh"]),
        ("<p>Piše: Ivana Horvat</p>", ["Ivana Horvat"]),
        ("<p>Kirjoittaja: Aino Laine</p>", ["Aino Laine"]),
        ("<p>Penulis: Dewi Lestari</p>", ["Dewi Lestari"]),
        ("<p>Κείμενο: Νίκος Αλεξίου</p>", ["Νίκος Αλεξίου"]),
        ("<p>نویسنده: مریم احمدی</p>", ["مریم احمدی"]),
        # Ordinary sentences starting with "By" are no bylines, nor are comment authors.
        ("<p>By the harbour wall stood a crane.</p>", []),
        ("<p>Von Berlin nach Hamburg</p>", []),
        ("<p>By the numbers: what the harbour earns</p>", []),
        # A line that is only the label and names, without a colon.
        ("<p><i>Por María López</i></p>", ["María López"]),
        ("<p>By Ana Lind and Tom Berg, Reuters</p>", ["Ana Lind", "Tom Berg"]),
        ("<p>Door Anne de Vries</p>", ["Anne de Vries"]),
        # Only the first such line: the next ones sign other stories.
        ("<h6>By Ana Lind</h6><p>Text.</p><h6>By Tom Berg</h6>", ["Ana Lind"]),
        # A story card's byline inside a link, a picture's credit.
        ('<a href="/other"><span>Von Ines Brand, Hamburg</span></a>', []),
        (
            '<figure><img src="/k.jpg"><figcaption><span>von Jan Roth</span></figcaption></figure>',
            [],
        ),
        ('<div class="comments"><p><b>Author:</b> Guest</p></div>', []),
        # E-mail addresses and dates are no names.
        ("<p>Author: news@harbourtimes.example</p>", []),
        ("<p>Author: 12.05.2024</p>", []),
        # An author's bio box is no byline, by its name or by reading as a sentence.
        (
            (
                '<p class="byline">By Ana Lind</p><div class="author-bio">'
                "<p>Sailor and harbour reporter</p></div>"
            ),
            ["Ana Lind"],
        ),
        (
            (
                '<p class="byline">By Ana Lind</p><div class="author-box">'
                "<p>Ana Lind covers the harbour and the coast for Harbour Times.</p></div>"
            ),
            ["Ana Lind"],
        ),
    ],
)
def test_labelled_authors(body: str, expected: list[str]) -> None:
    assert metadata.read_authors(_page("", body)) == expected


def test_site_named_meta_author_gives_way_to_byline() -> None:
    doc = _page(
        '<meta name="author" content="Harbour Times (www.harbourtimes.example)">',
        "<p><b>Author:</b> Ruth Mendel</p>",
    )
    assert metadata.read_authors(doc) == ["Ruth Mendel"]


def test_site_named_meta_author_is_kept_without_byline() -> None:
    doc = _page('<meta name="author" content="Harbour Times">', "<p>Text.</p>")
    assert metadata.read_authors(doc) == ["Harbour Times"]


def test_section_and_tags_from_rel_links() -> None:
    doc = _page(
        "",
        '<article><footer><a href="/c/boats" rel="category tag">Boats</a>'
        ' <a href="/t/sail" rel="tag">sailing</a> <a href="/t/race" rel="tag">races</a>'
        '</footer></article><aside><a href="/t/other" rel="tag">other</a></aside>',
    )
    assert metadata.read_section(doc) == "Boats"
    assert metadata.read_tags(doc) == ["sailing", "races"]


def test_section_from_breadcrumb() -> None:
    doc = _page(
        "",
        '<div class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/sport/">Sport</a>'
        f' &raquo; <a href="{URL}">This story</a></div>',
    )
    assert metadata.read_section(doc) == "Sport"


def test_section_from_a_jsonld_breadcrumb_list() -> None:
    # Positions out of order, items as objects; the article's own item and the front
    # page are no section.
    trail = (
        '{"@type": "BreadcrumbList", "itemListElement": ['
        '{"position": "2", "item": {"@id": "/sport/", "name": "Sport"}},'
        '{"position": 1, "name": "Home", "item": "https://www.harbourtimes.example/"},'
        '{"position": 3, "name": "This story"}]}'
    )
    doc = _page(f'<script type="application/ld+json">{trail}</script>', "")
    assert metadata.read_section(doc) == "Sport"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "<title>Storm closes the port | Harbour Times</title>",
            '<p class="site-title"><a href="/">Harbour Times</a></p>',
            "Harbour Times",
        ),
        (
            "<title>Storm closes the port - harbourtimes</title>",
            "",
            "harbourtimes",
        ),
        # A logo link the title does not repeat is not trusted.
        (
            "<title>Storm closes the port</title>",
            '<div id="logo"><a href="/">Menu</a></div>',
            None,
        ),
    ],
)
def test_source_name_from_page(title: str, body: str, expected: str | None) -> None:
    assert metadata.read_source_name(_page(title, body)) == expected


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("Kicker: The headline itself", "The headline itself", True),
        ("The headline itself - Site", "The headline itself", True),
        ("Cake recipe by Ann", "Cake recipe", True),
        ("Why the town is a hub for spies", "a hub for spies", False),
        ("Short", "Much longer text", False),
    ],
)
def test_is_segment_of(outer: str, inner: str, expected: bool) -> None:
    assert is_segment_of(outer, inner) is expected


def test_is_truncation() -> None:
    assert is_truncation("Cargo volumes climb\u2026", "Cargo volumes climb in May")
    assert not is_truncation("Cargo volumes climb in May", "Cargo volumes climb in May")
    assert not is_truncation("Cargo falls", "Cargo volumes climb")


def test_same_typography() -> None:
    assert same_typography("Editor\u2019s letter \u2013 May", "Editor's letter - may")
    assert not same_typography("Editors letter", "Editor's letter")


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Storm hits | Harbour Times", ["Harbour Times", "Other"], "Storm hits"),
        # Words in front of the host in a suffix still name the site.
        (
            "Fit for the games - European Games Harbourtimes 2024",
            None,
            "Fit for the games",
        ),
        # ... but not in the headline's own first part.
        (
            "Harbourtimes staff vote to end the strike: talks go on",
            None,
            "Harbourtimes staff vote to end the strike: talks go on",
        ),
        # ... nor beside a part that is just the site's name: the title names it once.
        (
            "harbourtimes - Outdoors - Tidal forecasts at Harbourtimes",
            None,
            "Tidal forecasts at Harbourtimes",
        ),
        # A section label of a word or two beside the site's name goes with it.
        (
            "Harbour Times | Local | Pier reopens after repairs",
            None,
            "Pier reopens after repairs",
        ),
        (
            "Pier reopens after repairs - Local News - Harbour Times",
            None,
            "Pier reopens after repairs",
        ),
        # ... unless the other side is no longer than it.
        ("Live | Storm hits | Harbour Times", None, "Live | Storm hits"),
        # The site's name in brackets at the end; other bracketed words stay, and a
        # bracketed part is never the headline.
        (
            "Pier reopens after repairs (Harbour Times)",
            None,
            "Pier reopens after repairs",
        ),
        (
            "Pier reopens after repairs [Harbour Times]",
            None,
            "Pier reopens after repairs",
        ),
        (
            "Pier reopens after repairs (Update)",
            None,
            "Pier reopens after repairs (Update)",
        ),
        ("Harbour Times (Live)", None, "Harbour Times (Live)"),
        ("(Un)usual tides - Harbour Times", None, "(Un)usual tides"),
        # CJK titles set the bar as a full-width character, the box-drawing one or
        # the Hangul letter i, often without spaces.
        ("新しい駅が開業\uff5cみなと新聞", ["みなと新聞"], "新しい駅が開業"),
        ("新しい駅が開業 \uff5c みなと新聞", ["みなと新聞"], "新しい駅が開業"),
        ("시장 선거 결과 발표\u3163바다일보", ["바다일보"], "시장 선거 결과 발표"),
        # Chinese and Japanese set ASCII marks and the fullwidth colon unspaced.
        ("新车站开通_港口日报", ["港口日报"], "新车站开通"),
        ("新车站开通--港口日报", ["港口日报"], "新车站开通"),
        ("新しい駅が開業\uff1aみなと新聞", ["みなと新聞"], "新しい駅が開業"),
        # ... and a kicker before the headline stays.
        (
            "速報\uff1a新しい駅が開業\uff1aみなと新聞",
            ["みなと新聞"],
            "速報\uff1a新しい駅が開業",
        ),
        (
            "Neue Brücke eröffnet\u2502Stadtanzeiger",
            ["Stadtanzeiger"],
            "Neue Brücke eröffnet",
        ),
    ],
)
def test_clean_headline_site_names(
    title: str, names: list[str] | None, expected: str
) -> None:
    assert clean_headline(title, names, URL) == expected


def test_an_unknown_site_name_after_a_cjk_headline_goes() -> None:
    # No name to match, as for any title: " | " and a headline long enough before it.
    page = Document.parse(
        "<html><head><title>新しい駅が港の北に開業 | みなと新聞</title></head></html>",
        "https://www.minato.example/a/12345678.html",
    )
    assert metadata.read_headline(page) == "新しい駅が港の北に開業"


def test_a_site_name_with_accents_matches_its_plain_host() -> None:
    title = "Neue Sorten im Test | Café Süd"
    assert clean_headline(title, None, "https://www.cafe-sud.example/t") == (
        "Neue Sorten im Test"
    )


def test_names_site() -> None:
    assert names_site("Harbour Times (www.harbourtimes.example)", [None], URL)
    assert names_site("HARBOUR TIMES", ["Harbour Times"], URL)
    assert not names_site("Ruth Mendel", ["Harbour Times"], URL)
