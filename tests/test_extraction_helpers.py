"""Table-driven tests for the pure helpers in extraction/text.py, dates.py and document.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newscrawl.extraction import deepnesting
from newscrawl.extraction.dates import (
    format_date,
    is_plausible,
    parse_date,
)
from newscrawl.extraction.document import Document, decode_html
from newscrawl.extraction.text import (
    clean_authors,
    clean_headline,
    normalize_language,
    normalize_whitespace,
)
from newscrawl.extraction.urldates import date_from_url

FETCHED = datetime(2024, 6, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \n\t b\u00a0c ", "a b c"),
        ("zero\u200bwidth", "zerowidth"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_whitespace(raw, expected):
    assert normalize_whitespace(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe"], ["Jane Doe"]),
        (["Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
        (["A. Smith, B. Jones & C. Brown"], ["A. Smith", "B. Jones", "C. Brown"]),
        (["Von Max Muster und Erika Beispiel"], ["Max Muster", "Erika Beispiel"]),
        (["Jane Doe (jane@example.com)"], ["Jane Doe"]),
        (["Jane Doe @janedoe"], ["Jane Doe"]),
        (["jane@example.com"], []),
        (["Jane Doe", "jane doe"], ["Jane Doe"]),
        (["Par Claire Dubois"], ["Claire Dubois"]),
        (["By Jane Doe | 24 June 2024"], ["Jane Doe"]),
        (["Staff"], []),
        (["https://example.com/authors/jane"], []),
        # Roles, places and agencies beside a name; a role alone is all there is.
        (["Jane Doe, Staff Writer"], ["Jane Doe"]),
        (["By Jane Doe, Senior Correspondent, Washington"], ["Jane Doe"]),
        (["Jane Doe - Staff Reporter"], ["Jane Doe"]),
        (["Von Anna Schmidt, Berlin"], ["Anna Schmidt"]),
        (["Jane Doe | Reuters"], ["Jane Doe"]),
        (["Daily Paper staff reporter"], ["Daily Paper staff reporter"]),
        (["Jane Doe and Madonna"], ["Jane Doe", "Madonna"]),
        (["Reporting by Jane Doe; Editing by John Roe"], ["Jane Doe"]),
        (["Jane Doe and John Roe for The Daily Paper"], ["Jane Doe", "John Roe"]),
        # Dates and reading times that share the byline's element.
        (["By Jane Doe Published 3 hours ago"], ["Jane Doe"]),
        (["Jane Doe Updated Oct 3, 2023"], ["Jane Doe"]),
        (["Jane Doe • 5 min read"], ["Jane Doe"]),
        (["Jane Doe — Oct 3, 2023"], ["Jane Doe"]),
        # "and" in other languages; a hyphen inside a name.
        (["Jan Kowalski i Anna Nowak"], ["Jan Kowalski", "Anna Nowak"]),
        (["Budi, Sari dan Andi"], ["Budi", "Sari", "Andi"]),
        (["Anna Schmidt u. Peter Müller"], ["Anna Schmidt", "Peter Müller"]),
        (["Anna-Lena Meyer"], ["Anna-Lena Meyer"]),
        # Where it was filed from, labels, picture credits, "Special to".
        (["Par Marie Dupont, à Paris"], ["Marie Dupont"]),
        (["By Jane Doe in London"], ["Jane Doe"]),
        (["Texte : Marie Dupont ; photos : Jean Martin"], ["Marie Dupont"]),
        (["Redaktion: Anna Schmidt"], ["Anna Schmidt"]),
        # One word and a colon is a label in any language; so is the kind of piece.
        (["Yazar: Ayşe Demir"], ["Ayşe Demir"]),
        (["Teksti: Liisa Korhonen"], ["Liisa Korhonen"]),
        (["作者\uff1a李明"], ["李明"]),
        (["Ein Kommentar von Jonas Weber"], ["Jonas Weber"]),
        (["By Jane Doe Special to The Daily Paper"], ["Jane Doe"]),
        # Family names that begin with a particle stay whole.
        (["Jan de Vries en Maria da Silva"], ["Jan de Vries", "Maria da Silva"]),
        # What the piece is, then its author; a name with a particle stays whole.
        (["Pressemitteilung von Katja Berg"], ["Katja Berg"]),
        (["Im Wortlaut von Jan Ott"], ["Jan Ott"]),
        (["Analysis by Jane Doe"], ["Jane Doe"]),
        (["Propos recueillis par Anne Roy"], ["Anne Roy"]),
        (["vom Support Team"], ["Support Team"]),
        (["Ursula von der Lind und Max Muster"], ["Ursula von der Lind", "Max Muster"]),
        # A web agency's credit, a label whose name stands elsewhere.
        (["Developed by Jane Doe"], []),
        (["Artikel von:"], []),
        # Written twice, or again as a profile's slug; a picture's credit in brackets;
        # a question linked beside the name.
        (["Ana Lind Ana Lind"], ["Ana Lind"]),
        (["Ana LindAna Lind"], ["Ana Lind"]),
        (["LILI", "Coco Lee"], ["LILI", "Coco Lee"]),
        (["Ana Lind", "ana-lind"], ["Ana Lind"]),
        (["Ana Lind (Image: Getty Images/Stock)"], ["Ana Lind"]),
        (["Wer schreibt hier?", "Ana Lind"], ["Ana Lind"]),
        # A lone letter is no name: initials split off, the end of an "e.V.".
        (["S & D"], []),
        (["J. and Jane Doe"], ["Jane Doe"]),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    ("title", "site_name", "url", "expected"),
    [
        (
            "Big storm hits coast | Coast News",
            "Coast News",
            None,
            "Big storm hits coast",
        ),
        (
            "Big storm hits coast - Coast News",
            None,
            "https://www.coastnews.com/a",
            "Big storm hits coast",
        ),
        (
            "Coast News: Big storm hits coast",
            "Coast News",
            None,
            "Big storm hits coast",
        ),
        (
            "Big storm hits coast \u2013 COASTNEWS.COM",
            None,
            "https://coastnews.com/a",
            "Big storm hits coast",
        ),
        # A dash inside the headline stays when no part names the site.
        (
            "Storm - what we know so far",
            "Coast News",
            None,
            "Storm - what we know so far",
        ),
        (
            "Markets | Prices rise | Daily Paper",
            "Daily Paper",
            None,
            "Markets | Prices rise",
        ),
        ("Coast News", "Coast News", None, "Coast News"),
        ("  spaced   title ", None, None, "spaced title"),
        ("", None, None, None),
    ],
)
def test_clean_headline(title, site_name, url, expected):
    assert clean_headline(title, site_name, url) == expected


@pytest.mark.parametrize(
    ("raw", "languages", "expected"),
    [
        ("2022-01-10T14:05:00+02:00", None, "2022-01-10T14:05:00+02:00"),
        ("2022-01-10T14:05:00Z", None, "2022-01-10T14:05:00+00:00"),
        ("2022-01-10T14:05:00.123-0500", None, "2022-01-10T14:05:00-05:00"),
        ("2022-01-10 14:05", None, "2022-01-10T14:05:00"),
        ("2022-01-10", None, "2022-01-10"),
        ("20220110", None, "2022-01-10"),
        ("Mon, 10 Jan 2022 14:05:00 GMT", None, "2022-01-10T14:05:00+00:00"),
        ("Mon, 10 Jan 2022 14:05:00 +0100", None, "2022-01-10T14:05:00+01:00"),
        ("June 24, 2024", None, "2024-06-24"),
        ("Jun. 24, 2024 at 3:05 p.m.", None, "2024-06-24T15:05:00"),
        ("24th of June 2024", None, "2024-06-24"),
        ("24.06.2024 um 14:30 Uhr", None, "2024-06-24T14:30:00"),
        ("24-06-2024", None, "2024-06-24"),
        ("Bern, 24 | 06 | 2024", None, "2024-06-24"),
        ("Samstag, 5. Oktober 2013", None, "2013-10-05"),
        ("le 3 mars 2023 à 10h15", None, "2023-03-03T10:15:00"),
        ("3 de mayo de 2022", None, "2022-05-03"),
        ("12 марта 2024", ["ru"], "2024-03-12"),
        ("1719230700", None, "2024-06-24T12:05:00+00:00"),
        ("2 hours ago", None, "2024-06-25T10:00:00+00:00"),
        ("vor 3 Stunden", ["de"], "2024-06-25T09:00:00+00:00"),
        ("há 2 horas", ["pt"], "2024-06-25T10:00:00+00:00"),
        ("2 saat önce", ["tr"], "2024-06-25T10:00:00+00:00"),
        ("2 godziny temu", ["pl"], "2024-06-25T10:00:00+00:00"),
        ("2 時間前", ["ja"], "2024-06-25T10:00:00+00:00"),
        ("2시간 전", ["ko"], "2024-06-25T10:00:00+00:00"),
        ("2 години тому", ["uk"], "2024-06-25T10:00:00+00:00"),
        ("for 2 timer siden", ["da"], "2024-06-25T10:00:00+00:00"),
        ("2 tuntia sitten", ["fi"], "2024-06-25T10:00:00+00:00"),
        ("2 órája", ["hu"], "2024-06-25T10:00:00+00:00"),
        ("před 2 hodinami", ["cs"], "2024-06-25T10:00:00+00:00"),
        ("acum 2 ore", ["ro"], "2024-06-25T10:00:00+00:00"),
        ("πριν από 2 ώρες", ["el"], "2024-06-25T10:00:00+00:00"),
        ("قبل ساعتين", ["ar"], "2024-06-25T10:00:00+00:00"),
        ("2 घंटे पहले", ["hi"], "2024-06-25T10:00:00+00:00"),
        ("2 jam yang lalu", ["id"], "2024-06-25T10:00:00+00:00"),
        ("2 giờ trước", ["vi"], "2024-06-25T10:00:00+00:00"),
        ("prije 2 sata", ["hr"], "2024-06-25T10:00:00+00:00"),
        # Norwegian pages say "no", which dateparser calls "nb".
        ("for 2 timer siden", ["no"], "2024-06-25T10:00:00+00:00"),
        # A relative day is a day: the fetch's time of day would be made up.
        ("3 days ago", None, "2024-06-22"),
        ("Yesterday", ["en"], "2024-06-24"),
        ("vor 2 Tagen", ["de"], "2024-06-23"),
        # A clock time on a relative day is the page's local time, naive.
        ("gestern, 17:42", ["de"], "2024-06-24T17:42:00"),
        ("Ayer a las 17:42", ["es"], "2024-06-24T17:42:00"),
        ("ontem às 17h42", ["pt"], "2024-06-24T17:42:00"),
        ("i går kl. 17.42", ["da"], "2024-06-24T17:42:00"),
        ("eilen klo 17.42", ["fi"], "2024-06-24T17:42:00"),
        ("tegnap 17:42", ["hu"], "2024-06-24T17:42:00"),
        ("3 päivää sitten", ["fi"], "2024-06-22"),
    ],
)
def test_parse_date(raw, languages, expected):
    value = parse_date(raw, languages=languages, fetched_at=FETCHED)
    assert value is not None
    assert format_date(value) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        "no date here",
        "© 2024 Example Media",  # a copyright year is not a day
        "1850-05-01",  # too old to be a news date
        "2031-01-01",  # after the page was fetched
        "2024-02-30",  # no such day
        "12 Μαρτίου 2024",  # needs dateparser, which only runs with a language hint
    ],
)
def test_parse_date_rejects(raw):
    assert parse_date(raw, fetched_at=FETCHED) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime(2022, 1, 10, 14, 5, tzinfo=timezone(timedelta(hours=-3))),
            "2022-01-10T14:05:00-03:00",
        ),
        (datetime(2022, 1, 10, 14, 5), "2022-01-10T14:05:00"),  # noqa: DTZ001  (naive on purpose)
        (date(2022, 1, 10), "2022-01-10"),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2024/06/24/story", date(2024, 6, 24)),
        ("https://example.com/news/story-20240624-x.html", date(2024, 6, 24)),
        ("https://example.com/2024-06-24/story", date(2024, 6, 24)),
        ("https://example.com/news/2024/06/story", None),
        ("https://example.com/story?d=2024-06-24", None),
        ("https://example.com/article/123456789", None),
        # Chinese sites' separators: /year/month-day/, /year-month/day/, /year/monthday/.
        ("https://example.cn/gn/2024/06-24/10345678.shtml", date(2024, 6, 24)),
        ("https://example.cn/politics/2024-06/24/c_1130234567.htm", date(2024, 6, 24)),
        ("https://example.cn/n1/2024/0624/c1001-40393456.html", date(2024, 6, 24)),
        ("https://example.cn/n1/2024/0699/c1001-40393456.html", None),
        # A stamp to the second in a segment; a whole segment is a web archive's capture.
        ("https://example.es/story-20240624093000-nt.html", date(2024, 6, 24)),
        ("https://archive.example.org/web/20240624093000/https://example.com/a", None),
        (
            "https://archive.example.org/web/20240624093000id_/http://example.com/a",
            None,
        ),
        ("https://archive.example.org/web/20240624093000/example.com/a", None),
        ("https://example.com/news/202406240930/story", None),
        ("https://example.com/a/20241324093000.html", None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_is_plausible_window():
    assert is_plausible(date(2024, 6, 26), FETCHED)
    assert not is_plausible(date(2024, 6, 28), FETCHED)
    assert not is_plausible(date(1989, 12, 31), FETCHED)


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Привет".encode("cp1251"), "windows-1251", "Привет"),
        (
            b'<meta charset="windows-1251">' + "мир".encode("cp1251"),
            None,
            '<meta charset="windows-1251">мир',
        ),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "latin-1", "café"),  # the BOM beats the header
        ("café".encode("latin-1"), "iso-8859-1", "café"),
        # A header that cannot decode the bytes gives way to the next clue.
        ("naïve".encode(), "ascii", "naïve"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'
            + "łódź".encode("iso-8859-2"),
            None,
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">łódź',
        ),
    ],
)
def test_decode_html(data, encoding, expected):
    assert decode_html(data, encoding) == expected


def test_a_utf8_page_with_a_stray_windows_1252_snippet_stays_utf8():
    # An ad script's comment pasted in Windows-1252 into a UTF-8 page.
    text = "Der Stadtrat berät über die Straßenbahn, größere Änderungen folgen. " * 3
    data = (
        b'<meta charset="utf-8"><p>'
        + text.encode()
        + b"</p><script>/* M\xe4rkte Werbefl\xe4che */</script>"
    )
    assert decode_html(data) == (
        f'<meta charset="utf-8"><p>{text}</p><script>/* Märkte Werbefläche */</script>'
    )
    # Pages in legacy encodings, whose bytes form UTF-8 here and there, are not taken
    # for it: Windows-1252, and the double-byte ones of East Asia.
    for encoding, sample in (
        ("cp1252", "Größere Änderungen für Straßen, Übergänge und Brücken. "),
        ("gbk", "市议会周二讨论了新的有轨电车线路及其费用。"),
        ("euc-kr", "시의회는 화요일 새 전차 노선과 그 비용에 대해 논의했다. "),
        (
            "shift_jis",
            "市議会は火曜日、新しい路面電車の路線とその費用について議論した。",
        ),
    ):
        page = f'<meta charset="{encoding}"><p>{sample * 40}</p>'
        assert decode_html(page.encode(encoding)) == page


def test_decode_html_detects_undeclared_cyrillic():
    text = "Городской совет утвердил новый бюджет на следующий год. " * 5
    assert decode_html(text.encode("cp1251")) == text


@pytest.mark.parametrize(
    ("script", "headlines"),
    [
        ('{"@type": "NewsArticle", "headline": "One"}', ["One"]),
        (
            '[{"@type": "WebSite"}, {"@type": "NewsArticle", "headline": "Two"}]',
            ["Two"],
        ),
        ('{"@graph": [{"@type": "NewsArticle", "headline": "Three"}]}', ["Three"]),
        (
            '{"@type": "WebPage", "mainEntity": {"@type": "Article", "headline": "Four"}}',
            ["Four"],
        ),
        ('{"@type": "NewsArticle", "headline": "Five",}', ["Five"]),
        ('<!-- {"@type": "NewsArticle", "headline": "Six"} -->', ["Six"]),
        ('{"@type": "NewsArticle", "headline": "Line\nbreak"}', ["Line\nbreak"]),
        (
            '{"@type": "NewsArticle", "headline": "A"} {"@type": "NewsArticle", "headline": "B"}',
            ["A", "B"],
        ),
        ("{not json at all", []),
        # A template that escaped the whole script for HTML.
        (
            "{&quot;@type&quot;: &quot;NewsArticle&quot;, &quot;headline&quot;: &quot;Seven&quot;}",
            ["Seven"],
        ),
        # PHP's addslashes apostrophe, and a backslash before a letter JSON does not escape;
        # an escaped backslash stays one.
        ('{"@type": "NewsArticle", "headline": "It\\\'s eight"}', ["It's eight"]),
        ('{"@type": "NewsArticle", "headline": "C:\\\\new \\q"}', ["C:\\new \\q"]),
    ],
)
def test_document_jsonld_shapes(script, headlines):
    html = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    doc = Document.parse(html, "https://example.com/a")
    assert [node["headline"] for node in doc.jsonld if "headline" in node] == headlines


def test_document_reads_meta_lang_canonical():
    html = (
        '<html lang="de-AT"><head><title> T </title><link rel="canonical" href="/c">'
        '<meta property="og:title" content="OG"><meta name="Description" content="D">'
        '<meta itemprop="datePublished" content="2024-01-01"></head></html>'
    )
    doc = Document.parse(html, "https://example.com/a")
    assert doc.lang == "de-AT"
    assert doc.canonical == "/c"
    assert doc.title == "T"
    assert doc.meta_first("og:title") == "OG"
    assert doc.meta_first("description") == "D"
    assert doc.meta_first("datepublished") == "2024-01-01"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("en-US", "en"),
        ("de_DE", "de"),
        ("EN", "en"),
        ("pt-br", "pt-BR"),
        # The region after a script subtag; a script alone is no region.
        ("zh-Hant-TW", "zh-TW"),
        ("zh-Hans", "zh"),
        ("", None),
        ("x1", None),
    ],
)
def test_normalize_language(raw, expected):
    assert normalize_language(raw) == expected


def test_flatten_drops_only_the_tags_below_the_depth():
    page = "<div><div><div><p>deep</p></div></div></div><p>after</p>"
    assert deepnesting.flatten(page, 5) == page
    # Two levels kept, the third <div> gone; the <p> is structure, kept a little deeper.
    assert (
        deepnesting.flatten(page, 2)
        == "<div><div> <p>deep</p> </div></div><p>after</p>"
    )
    assert deepnesting.flatten(page, 1) == "<div>   deep   </div><p>after</p>"


def test_flatten_reads_tags_as_a_browser_does():
    # Void and self-closed elements open nothing; a "<div>" in a script or a comment is
    # no tag; an end tag closes what was opened after its element (</div> closes the
    # dropped <section> and <b>); a stray one stays (</b>), as libxml2 ignores it.
    page = (
        "<div><br><img src=x><span/><script>'<div>'</script><!-- <div> -->"
        "<section><b>bold</div></b><i>x</i>"
    )
    assert deepnesting.flatten(page, 1) == (
        "<div><br><img src=x><span/><script>'<div>'</script><!-- <div> -->"
        "  bold</div></b><i>x</i>"
    )
