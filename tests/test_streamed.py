"""Pages streamed by React: the article in a hidden segment that a script moves in place."""

from __future__ import annotations

from newscrawl.extraction import extract_article
from newscrawl.extraction.document import Document

_PARAGRAPHS = "".join(
    f"<p>Der Hafen bekommt im Frühjahr {n} neue Kräne, sagte die Betreiberin am Montag "
    "vor dem Stadtrat, und die alten gehen an ein Museum an der Küste.</p>"
    for n in ("zwei", "drei", "vier")
)
_ARTICLE = f"<article><h1>Hafen bekommt neue Kräne</h1>{_PARAGRAPHS}</article>"


def _streamed(segment_id: str, placeholder_id: str, move: str) -> str:
    return (
        "<html lang='de'><body><header><p>Hafenblatt</p></header><main>"
        f'<!--$?--><template id="{placeholder_id}"></template>'
        '<div class="skeleton animate-pulse" aria-hidden="true"></div><!--/$-->'
        "</main><footer><p>Impressum</p></footer>"
        "<script>$RC=function(b,c){/* React moves c into b */}</script>"
        f'<div hidden id="{segment_id}">{_ARTICLE}</div>'
        f"<script>{move}</script></body></html>"
    )


def test_the_streamed_article_is_read():
    html = _streamed("S:1", "B:1", '$RC("B:1","S:1")')
    article = extract_article(html, "https://example.org/hafen/kraene")
    assert article.headline == "Hafen bekommt neue Kräne"
    assert article.body is not None
    assert article.body.count("neue Kräne, sagte") == 3


def test_the_segment_goes_where_its_placeholder_stands():
    # Hexadecimal ids, and a segment put in a placeholder ($RS) of another number.
    html = _streamed("S:1a", "P:2f", '$RS("S:1a","P:2f")')
    doc = Document.parse(html, "https://example.org/hafen/kraene")
    main = next(doc.tree.iter("main"))
    assert main.find(".//article/h1") is not None
    assert doc.tree.find(".//template") is None
    assert not doc.tree.xpath("//div[@hidden]")


def test_a_hidden_block_that_is_no_streamed_segment_stays_hidden():
    html = (
        "<html><body><article><h1>Hafen bekommt neue Kräne</h1>"
        f"{_PARAGRAPHS}</article><div hidden id='cookie'><p>"
        "Wir verwenden Cookies, um die Seite zu verbessern, und bitten um Ihre "
        "Zustimmung zu allen Zwecken, die hier lang und breit erklärt werden.</p></div>"
        "<script>$RC('B:1','S:1')</script></body></html>"
    )
    article = extract_article(html, "https://example.org/hafen/kraene")
    assert article.body is not None
    assert "Cookies" not in article.body


def test_a_segment_without_its_placeholder_is_read_where_it_is():
    html = _streamed("S:3", "B:9", '$RC("B:4","S:3")')
    article = extract_article(html, "https://example.org/hafen/kraene")
    assert article.body is not None
    assert article.body.count("neue Kräne, sagte") == 3
