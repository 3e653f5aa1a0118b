"""Articles whose HTML only the page's scripts hold, as a string in their app state."""

from __future__ import annotations

import json

from newscrawl.extraction import extract_article

_PARAGRAPHS = [
    (
        "The lock keepers on the Aller will work shorter shifts this winter, the "
        "waterways office said on Monday, as fewer boats use the river after October."
    ),
    (
        "Boat owners who need a lock outside the new hours can book a passage a day "
        "ahead by telephone, the office added."
    ),
    (
        "The longer summer shifts return in April, when the first hire boats come back "
        "onto the river for the season."
    ),
]
_HTML = "".join(f'<p class="editor-p">{text}</p>' for text in _PARAGRAPHS)


def _page(state: object, shown: str = "") -> str:
    # Apps write "<" and ">" in such strings as \\u003c and \\u003e.
    payload = json.dumps(state).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        "<html><head><title>Shorter shifts at the locks</title></head><body>"
        f"<div id='root'><h1>Shorter shifts at the locks</h1>{shown}</div>"
        f"<script>window.__STATE__ = {payload};</script></body></html>"
    )


def test_the_article_in_the_app_state_is_read_when_the_html_has_none():
    state = {
        "article": {"title": "Shorter shifts", "content": _HTML},
        "ads": "<p>x</p>",
    }
    body = extract_article(_page(state), "https://example.org/locks").body
    assert body is not None
    assert body.split("\n\n") == _PARAGRAPHS


def test_the_html_body_comes_first():
    shown = "".join(
        f"<p>{text.replace('lock keepers', 'keepers')}</p>" for text in _PARAGRAPHS
    )
    state = {"article": {"content": _HTML}}
    body = extract_article(_page(state, shown), "https://example.org/locks").body
    assert body is not None
    assert "The keepers on the Aller" in body
    assert "The lock keepers" not in body


def test_a_string_of_fewer_paragraphs_is_no_article():
    state = {"teaser": "".join(f"<p>{text}</p>" for text in _PARAGRAPHS[:2])}
    assert extract_article(_page(state), "https://example.org/locks").body is None
