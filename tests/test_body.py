"""Body text and related links on hand-written pages (tests/fixtures/body)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from newscrawl.extraction import hints as name_hints
from newscrawl.extraction.body import (
    BodyResult,
    extract_body,
    extract_related,
)
from newscrawl.extraction.boilerplate import norm_len, strip_junk
from newscrawl.extraction.hints import Hint
from newscrawl.extraction.related import LEADING_CUE_PATTERN
from newscrawl.extraction.textedges import is_meta_line
from newscrawl.extraction.textlen import TextLengths

FIXTURES = Path(__file__).parent / "fixtures" / "body"
CASES = sorted(
    p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json")
)


def _run(case: str) -> tuple[BodyResult, dict[str, object]]:
    expected = json.loads(
        (FIXTURES / f"{case}.expected.json").read_text(encoding="utf8")
    )
    html = (FIXTURES / f"{case}.html").read_text(encoding="utf8")
    return extract_body(lxml.html.fromstring(html), str(expected["url"])), expected


def test_every_case_has_a_page() -> None:
    assert len(CASES) >= 5
    for case in CASES:
        assert (FIXTURES / f"{case}.html").is_file()


@pytest.mark.parametrize("case", CASES)
def test_paragraphs(case: str) -> None:
    result, expected = _run(case)
    assert result.text.split("\n\n") == expected["paragraphs"]


@pytest.mark.parametrize("case", CASES)
def test_related_links(case: str) -> None:
    result, expected = _run(case)
    assert result.related_links == expected["related_links"]


@pytest.mark.parametrize("case", CASES)
def test_text_layout(case: str) -> None:
    text = _run(case)[0].text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(p.strip() == p for p in text.split("\n\n"))


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html></html>",
        "<p>",
        "<div><div><div></div></div></div>",
        "<html><body><a href='http://[bad'>See also: x</a></body></html>",
        "<html><body>"
        + "<div>" * 3000
        + "deep text"
        + "</div>" * 3000
        + "</body></html>",
    ],
)
def test_bad_input_never_raises(html: str) -> None:
    try:
        tree = lxml.html.fromstring(html)
    except (
        etree.ParserError,
        ValueError,
    ):  # lxml refuses some inputs before we see them
        tree = lxml.html.fromstring("<html></html>")
    result = extract_body(tree, "https://example.com/a")
    assert isinstance(result.text, str)
    assert isinstance(result.related_links, list)


def test_one_paragraph_page_is_not_empty() -> None:
    tree = lxml.html.fromstring(
        "<html><body><div class='menu'><a href='/'>Home</a></div>"
        "<div><p>Only one short paragraph here, but it is the whole story.</p></div></body></html>"
    )
    assert extract_body(tree, "https://example.com/a").text == (
        "Only one short paragraph here, but it is the whole story."
    )


@pytest.mark.parametrize(
    ("opener", "closer"), [("", ""), ('<font face="Arial">', "</font>")]
)
def test_text_loose_in_the_body_is_the_article(opener: str, closer: str) -> None:
    # An old page: no block holds the text, only <br>s split it.
    lines = [
        f"Line {n} of the harbour report, which the old page sets loose."
        for n in range(6)
    ]
    tree = lxml.html.fromstring(
        "<html><body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>"
        f"<h1>Harbour report</h1>{opener}{'<br><br>'.join(lines)}{closer}"
        "<footer>All rights reserved.</footer></body></html>"
    )
    assert extract_body(tree, "https://example.com/a").text.split("\n\n") == lines
    # Menu links loose in the body are no article.
    menu = "<a href='/a'>Section A</a> | <a href='/b'>Section B</a> " * 12
    tree = lxml.html.fromstring(f"<html><body>{menu}</body></html>")
    assert extract_body(tree, "https://example.com/").text == ""


def test_many_short_paragraphs_are_kept() -> None:
    lines = [f"Line number {i} of the list of results, {i} points." for i in range(30)]
    body = "".join(f"<p>{line}</p>" for line in lines)
    tree = lxml.html.fromstring(
        f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    )
    assert extract_body(tree, "https://example.com/a").text.split("\n\n") == lines


def test_a_table_is_one_paragraph_a_line_per_row_cells_split_by_bars() -> None:
    prose = (
        "The council met on Tuesday to weigh the tram line and what it would cost. " * 3
    )
    rows = (
        "<thead><tr><th>Phase</th><th>Lead</th><th>Start</th><th>Cost</th></tr></thead>\n"
        "<tbody><tr><td>Design</td><td>City</td><td>2024</td><td></td></tr>\n"
        "<tr><td>Building <b>works</b></td><td></td><td>2026</td><td>12 million</td></tr>"
        "</tbody>"
    )
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{prose}</p><table>{rows}</table><p>{prose}</p>"
        "</article></body></html>"
    )
    paragraphs = extract_body(tree, "https://example.com/a").text.split("\n\n")
    # An empty cell inside a row keeps its place; one at the end is left out.
    assert paragraphs[1] == (
        "Phase | Lead | Start | Cost\n"
        "Design | City | 2024\n"
        "Building works | | 2026 | 12 million"
    )


def test_related_heading_in_german_with_list() -> None:
    article = "".join(
        f"<p>Absatz {i}: Die Stadt plant neue Radwege entlang des Flusses, sagte die Sprecherin.</p>"
        for i in range(4)
    )
    tree = lxml.html.fromstring(
        f"<html><body><article><div class='text'>{article}</div>"
        "<h3>Mehr zum Thema</h3><ul><li><a href='/rad/1'>Radweg am Ufer</a></li>"
        "<li><a href='https://other.example/x'>Brücke gesperrt</a></li></ul></article></body></html>"
    )
    result = extract_body(tree, "https://zeitung.example/stadt/radwege")
    assert result.related_links == [
        {"url": "https://zeitung.example/rad/1", "text": "Radweg am Ufer"},
        {"url": "https://other.example/x", "text": "Brücke gesperrt"},
    ]
    assert "Mehr zum Thema" not in result.text
    assert result.text.count("\n\n") == 3


@pytest.mark.parametrize(
    "cue",
    [
        "Lue myös",
        "Citește și",
        "Přečtěte si také",
        "Ezt is ajánljuk",
        "Pročitajte još",
        "Ayrıca okuyun",
        "Διαβάστε επίσης",
        "Прочетете още",
        "Xem thêm",
        "اقرأ أيضا",
        "यह भी पढ़ें",
        "あわせて読みたい",
    ],
)
def test_an_inline_read_also_line_goes_to_related_links_in_more_languages(
    cue: str,
) -> None:
    text = "The council agreed on the new budget after a long debate about the harbour."
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{text}</p><p>{text}</p>"
        f"<p><strong>{cue}:</strong> <a href='/2025/01/01/ferries'>Ferries return</a></p>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )
    result = extract_body(tree, "https://news.example/2025/01/02/budget")
    assert result.related_links == [
        {"url": "https://news.example/2025/01/01/ferries", "text": "Ferries return"}
    ]
    assert "Ferries" not in result.text


# An article of six paragraphs, and reader comments to put beside it.
_PIER_STORY = "".join(
    f"<p>The harbour board met on Tuesday about the new pier, part {n}.</p>"
    for n in range(6)
)
_PIER_COMMENTS = "<p>Nobody asked the fishermen about this pier, as usual here.</p>" * 3


@pytest.mark.parametrize(
    "name",
    ["kommentare", "kommentarer", "kommentit", "comentarios", "komentarze", "reacties", "yorumlar"],
)  # fmt: skip
def test_reader_comments_inside_the_article_block_are_left_out(name: str) -> None:
    tree = lxml.html.fromstring(
        f'<html><body><div class="main"><h1>Pier</h1>{_PIER_STORY}'
        f'<div class="{name}">{_PIER_COMMENTS}</div></div></body></html>'
    )
    text = extract_body(tree, "https://example.com/a").text
    assert "part 5" in text
    assert "fishermen" not in text


@pytest.mark.parametrize(
    "heading",
    ["Reader comments", "3 Kommentare", "Comments (12)", "Leave a Reply", "Σχόλια", "评论"],
)  # fmt: skip
def test_a_comment_thread_under_its_heading_is_left_out(heading: str) -> None:
    for thread in (
        f"<div><h2>{heading}</h2>{_PIER_COMMENTS}</div>",
        f"<h3>{heading}</h3>{_PIER_COMMENTS}",
    ):
        tree = lxml.html.fromstring(
            f'<html><body><div class="main"><h1>Pier</h1>{_PIER_STORY}{thread}</div></body></html>'
        )
        text = extract_body(tree, "https://example.com/a").text
        assert "part 5" in text
        assert "fishermen" not in text
        assert heading not in text
    # A sub-heading that only starts with the word is part of the article.
    tree = lxml.html.fromstring(
        f'<html><body><div class="main"><h1>Pier</h1>{_PIER_STORY}<h2>Comments from the'
        f" mayor</h2>{_PIER_COMMENTS}</div></body></html>"
    )
    assert "fishermen" in extract_body(tree, "https://example.com/a").text


@pytest.mark.parametrize(
    "label",
    ["Mainos", "Hirdetés", "Διαφήμιση", "إعلان", "広告", "광고", "Annonse", "Oglas"],
)
def test_an_ad_slot_label_alone_is_no_paragraph_in_more_languages(label: str) -> None:
    text = "The council agreed on the new budget after a long debate about the harbour."
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{text}</p><p>{text}</p><p>{label}</p>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )
    assert extract_body(tree, "https://news.example/a").text.split("\n\n") == [text] * 4


@pytest.mark.parametrize(
    "credit",
    [
        "Foto: dpa",
        "Photo: Reuters/Jane Roe",
        "(Photo by John Doe/Getty Images)",
        "© AFP",
    ],
)
def test_a_picture_credit_alone_is_no_paragraph(credit: str) -> None:
    text = "The council agreed on the new budget after a long debate about the harbour."
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{text}</p><p>{credit}</p><p>{text}</p><p>{text}</p>"
        "</article></body></html>"
    )
    assert extract_body(tree, "https://news.example/a").text.split("\n\n") == [text] * 3


def test_a_sentence_that_names_a_photo_stays() -> None:
    text = "The council agreed on the new budget after a long debate about the harbour."
    sentence = (
        "Photo: the harbour master showed the council a picture of the old pier, taken"
        " in 1952, to make his case for the repairs."
    )
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{text}</p><p>{sentence}</p><p>{text}</p>"
        "</article></body></html>"
    )
    assert sentence in extract_body(tree, "https://news.example/a").text


def test_sentence_starting_with_a_cue_word_stays_in_text() -> None:
    paragraphs = [
        "Related research from the same lab found that the effect was twice as strong in older trees.",
        "The team now plans a second study across three forests, funded for five years.",
    ]
    tree = lxml.html.fromstring(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    result = extract_body(tree, "https://example.com/a")
    assert result.text.split("\n\n") == paragraphs
    assert result.related_links == []


def test_fast_enough_on_fixtures() -> None:
    pages = [(FIXTURES / f"{case}.html").read_text(encoding="utf8") for case in CASES]
    start = time.perf_counter()
    for _ in range(20):
        for html in pages:
            extract_body(lxml.html.fromstring(html), "https://example.com/a")
    per_page_ms = (time.perf_counter() - start) * 1000 / (20 * len(pages))
    # Generous bound (tiny pages, shared CI machines): catches accidental quadratic work.
    assert per_page_ms < 20


def test_article_split_into_blocks_is_read_whole() -> None:
    blocks = [
        [
            f"Part {n}, paragraph {i}: the council met again, argued for an hour, and voted late."
            for i in range(3)
        ]
        for n in range(4)
    ]
    chunks = "".join(
        "<div class='wrap'><div class='text-block'>"
        + "".join(f"<p>{p}</p>" for p in block)
        + "</div></div><div class='photo'><img src='/x.jpg'></div>"
        for block in blocks
    )
    tree = lxml.html.fromstring(
        f"<html><body><div class='page'><div class='story'>{chunks}</div>"
        "<div class='more'><a href='/a'>Another story entirely</a></div></div></body></html>"
    )
    text = extract_body(tree, "https://example.com/a").text
    assert text.split("\n\n") == [p for block in blocks for p in block]


def test_related_links_skip_the_page_itself_and_anchors() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} says that the bridge will open in May, after two years of work.</p>"
        for i in range(3)
    )
    tree = lxml.html.fromstring(
        f"<html><body><article>{paragraphs}"
        "<p>See also: <a href='/news/bridge#top'>this page</a>, <a href='#comments'>comments</a>"
        " and <a href='../roads/detour'>the detour</a></p></article></body></html>"
    )
    result = extract_body(tree, "https://example.com/news/bridge")
    assert result.related_links == [
        {"url": "https://example.com/roads/detour", "text": "the detour"}
    ]
    assert "See also" not in result.text


def test_page_without_article_text_gives_an_empty_body() -> None:
    # A picture gallery: the masthead's tagline and skip link must not pass for a body.
    html = (
        "<html><body><a href='#main'>Skip to content</a>"
        "<header class='site-header'><p class='site-title'><a href='/'>Valley News</a></p>"
        "<p class='site-description'>News from the valley, gathered every morning by us</p>"
        "</header><main id='main'><article><h1>Festival in pictures</h1>"
        "<figure><img src='a.jpg'></figure><figure><img src='b.jpg'></figure>"
        "</article></main></body></html>"
    )
    result = extract_body(lxml.html.fromstring(html), "https://valley.example/gallery/")
    assert result.text == ""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Публикувана: 24 юни 2024, 14:05 | Автор: Иван Колев | Прочетена 12 пъти",
            True,
        ),
        ("Posted on: 3 May 2024 \u2013 Author: Jane Roe", True),
        ("By Jane Roe | 12 June 2024 | 5 min read", True),
        ("Verfasst von: Redaktion | 31. Dezember 2023", True),
        # Prose, data and single labels stay body text.
        ("Posted: 2024-05-03", False),
        ("The council met on 3 May 2024 | and decided nothing at all.", False),
        ("Population in 2020 | 12,000 | 14,500 | 16,000", False),
        (
            "Three more ask for this: engine \u2013 at least 1998 cc, power \u2013 150 hp, the rest",
            False,
        ),
        ("Author: Jane Roe | Editor: John Doe", False),
    ],
)
def test_meta_line(line: str, expected: bool) -> None:
    assert is_meta_line(line) is expected


def test_meta_line_only_trimmed_at_the_edges() -> None:
    html = (
        "<html><body><article>"
        "<p>The market opened late on Monday because the delivery trucks were stuck in the snow.</p>"
        "<p>Opening: 3 May 2024 | Place: Main Square | Entry: free</p>"
        "<p>Traders said they expect a busier week once the roads are cleared again.</p>"
        "</article></body></html>"
    )
    text = extract_body(lxml.html.fromstring(html), "https://m.example/a").text
    assert "Opening: 3 May 2024 | Place: Main Square | Entry: free" in text.split(
        "\n\n"
    )


def _classify_reference(hints: str) -> Hint:
    """Classify by the plain name patterns, as ``classify`` did before its fast scan."""
    if not hints:
        return Hint(strong=False, positive=False, negative=0, related=False)
    found = {m.lastgroup for m in name_hints._hint_pattern.finditer(hints)}
    tokens = name_hints._token_split_pattern.split(hints)
    related = "related" in found
    if (
        related
        or "negative" in found
        or not name_hints._NEGATIVE_TOKENS.isdisjoint(tokens)
    ):
        negative = name_hints.SURE_NEGATIVE
    elif "weak" in found or not name_hints._WEAK_NEGATIVE_TOKENS.isdisjoint(tokens):
        negative = name_hints.WEAK_NEGATIVE
    else:
        negative = 0
    strong = "strong" in found
    return Hint(strong, strong or "positive" in found, negative, related)


@pytest.mark.parametrize(
    "hints",
    [
        "",
        "post-meta  ",
        "related-posts  ",
        "entry-content single ",
        "seiten_ad  ",
        "publish_date  ",
        "header_nav-container_3u8i4 header ",
        "article__body  articlebody",
        "byline x-meta ",
        "x-metadata  ",
        "bio-box  ",
        "sidebar-grid__content article__content  ",
        "see-also seealso more-on-this moreonthis ",
        "comment-list share-buttons  ",
        "tags hide foot ",
        "col-md-6 row 12345 ",
        "articleheader_date  ",
        "td-post-content tagdiv-type  ",
        "story-body__inner  ",
        "read-more-link post ",
    ],
)
def test_fast_classify_matches_the_patterns(hints: str) -> None:
    assert name_hints.scan_hints([hints]) == [_classify_reference(hints)]
    assert name_hints.classify(hints) == _classify_reference(hints)


def test_hints_scanned_together_do_not_mix() -> None:
    # Neighbours in the joined scan: "ad" only as a whole token, "-meta" only at a word end.
    strings = ["x-", "meta", "ad", "x_ad", "bad", "post", "-meta", "footer", ""]
    assert name_hints.scan_hints(strings) == [_classify_reference(s) for s in strings]


def test_extract_related_alone_takes_the_article_blocks_only() -> None:
    html = (
        "<html><body><article><h1>Bridge opens</h1><p>The new bridge opened today.</p>"
        "<p class='see-also'>See also: <a href='/roads'>Road works end early</a></p>"
        "</article><div class='widget'><h3>Related</h3><ul>"
        "<li><a href='/x'>Unrelated teaser in the sidebar</a></li></ul></div></body></html>"
    )
    links = extract_related(lxml.html.fromstring(html), "https://town.example/bridge")
    assert links == [
        {"url": "https://town.example/roads", "text": "Road works end early"}
    ]


_NESTED_TEXT = (
    "<div id='a'>\n  Lead <b>bold</b>text<span> spaced </span>\n"
    "  <div id='b'><p>One,\n two</p>\u00a0<p>three</p>tail</div>"
    "<div id='c'>   </div><i></i>end\t"
    "<div id='d'><div id='e'><p> deep </p></div>after</div></div>"
)


@pytest.mark.parametrize("members", ["all", "none", "divs"])
def test_text_lengths_match_the_whole_text(members: str) -> None:
    # Seams between pieces with and without whitespace, blank pieces, NBSP, empty elements.
    tree = lxml.html.fromstring(_NESTED_TEXT)
    elements = list(tree.iter())
    chosen = {
        "all": set(elements),
        "none": set(),
        "divs": {el for el in elements if el.tag == "div"},
    }[members]
    text_length = TextLengths(chosen)
    # Measured deepest first and top first: the memo must not change any answer.
    for el in [*reversed(elements), *elements]:
        assert text_length(el) == norm_len(el.text_content()), el.get("id") or el.tag


def test_text_lengths_use_measured_paragraphs() -> None:
    tree = lxml.html.fromstring(_NESTED_TEXT)
    text_length = TextLengths(set())
    for p in tree.iter("p"):
        assert text_length.measure(p, p.text_content()) == norm_len(p.text_content())
    assert text_length(tree) == norm_len(tree.text_content())


def test_a_cue_uncovered_by_a_hidden_element_still_leads() -> None:
    # Dropping the hidden first child hands its tail, the cue, to the parent's text.
    html = (
        "<html><body><article><p>The new bridge opened today after two years.</p>"
        "<div><span hidden>menu</span>See also: <a href='/roads'>Road works end</a></div>"
        "</article></body></html>"
    )
    tree = lxml.html.fromstring(html)
    root = tree.find("body")
    led = strip_junk(tree, root, LEADING_CUE_PATTERN).led
    assert [el.tag for el in led] == ["div"]
    links = extract_related(lxml.html.fromstring(html), "https://town.example/bridge")
    assert links == [{"url": "https://town.example/roads", "text": "Road works end"}]


def test_cues_outside_the_content_root_do_not_lead() -> None:
    tree = lxml.html.fromstring(
        "<html><head><title>Read more</title></head><body><p>Read more: x</p></body></html>"
    )
    led = strip_junk(tree, tree.find("body"), LEADING_CUE_PATTERN).led
    assert [el.tag for el in led] == ["p"]


def test_a_page_of_stories_in_share_wrappers_keeps_their_text() -> None:
    # "item-body-share-wrapper" names furniture, yet wraps each story's paragraphs; on
    # a briefing page of several stories each holds little of the page's text.
    stories = []
    for number, topic in enumerate(("ferry", "bridge", "market", "school")):
        paragraphs = "".join(
            f"<p>Story {number} about the {topic}: paragraph {index} tells what the "
            "council decided on Monday and what it costs the town in the next years.</p>"
            for index in range(3)
        )
        stories.append(
            f"<article class='story'><h2>The {topic}</h2>"
            f"<div class='item-body-share-wrapper'><div class='item-text'>{paragraphs}"
            "</div><div class='share-buttons'><a href='/s'>Share</a></div></div></article>"
        )
    html = f"<html><body><main class='stories'>{''.join(stories)}</main></body></html>"
    text = extract_body(lxml.html.fromstring(html), "https://example.org/briefing").text
    assert "Story 0 about the ferry: paragraph 2" in text


_NOSCRIPT_PARAGRAPHS = "".join(
    f"<p>Paragraph {index}: the lock keepers on the Aller will work shorter shifts this "
    "winter, the waterways office said, as fewer boats use the river after October.</p>"
    for index in range(3)
)


def test_a_post_that_only_a_noscript_holds_is_read() -> None:
    # Blogger's templates: the post as a script template for the renderer, and a copy
    # in <noscript> for readers without JavaScript.
    html = (
        "<html><body><h2>Shorter shifts at the locks</h2><div class='post-body'>"
        f"<div class='post-content'><script type='text/template'>{_NOSCRIPT_PARAGRAPHS}"
        f"</script><noscript>{_NOSCRIPT_PARAGRAPHS}</noscript></div></div></body></html>"
    )
    text = extract_body(lxml.html.fromstring(html), "https://example.org/locks").text
    assert text.count("Paragraph 2: the lock keepers") == 1


def test_a_noscript_copy_of_shown_text_stays_out() -> None:
    html = (
        f"<html><body><article><h1>Shorter shifts at the locks</h1>{_NOSCRIPT_PARAGRAPHS}"
        f"<noscript>{_NOSCRIPT_PARAGRAPHS}</noscript></article></body></html>"
    )
    text = extract_body(lxml.html.fromstring(html), "https://example.org/locks").text
    assert text.count("Paragraph 2: the lock keepers") == 1


def test_body_named_in_another_language_survives_an_ad_word_in_its_name() -> None:
    # "cuerpo" is Spanish for body; the "ad" beside it marks where ads go in.
    paragraphs = "".join(
        f"<p>El puerto de Valparaíso abrirá un nuevo muelle en marzo, dijo la autoridad "
        f"portuaria el lunes, y el antiguo se cerrará para obras durante {n} meses.</p>"
        for n in ("seis", "siete", "ocho")
    )
    html = (
        "<html lang='es'><body><h1>Nuevo muelle en el puerto</h1>"
        f"<div class='cuerpo-articulo'><div class='cuerpo-ad'>{paragraphs}</div></div>"
        "</body></html>"
    )
    text = extract_body(lxml.html.fromstring(html), "https://example.org/muelle").text
    assert text.count("El puerto de Valparaíso") == 3


def test_a_first_line_that_names_a_date_among_its_words_stays() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: the ferry timetable changed on the third of October, and the "
        "operator has counted fewer passengers every week since then, it said.</p>"
        for n in range(3)
    )
    html = (
        "<html><body><article><h1>Ferry numbers fall</h1>"
        "<p>Die Bilanz nach dem 3. Oktober 2023</p>"
        f"{paragraphs}</article></body></html>"
    )
    text = extract_body(lxml.html.fromstring(html), "https://example.org/ferry").text
    assert text.startswith("Die Bilanz nach dem 3. Oktober 2023\n\n")
