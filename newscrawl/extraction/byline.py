"""Labelled byline lines ("Author: Jane Roe", "<b>Autor</b> Jane Roe") in many languages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extraction.layout import in_comment_or_nav
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# Labels that introduce the author's name; the name follows in the same text or in the next
# element ("<span>Автор:</span> <a>Name</a>", "<strong>Autorin/Autor</strong> Name").
_label_pattern = re.compile(
    r"^\s*(?:written\s+by|posted\s+by|by|authors?|autor(?:in|en|es|a)?(?:/autor(?:in)?)?|"
    r"auteur(?:e|s)?|autore|autori|von|par|por|di|door|av|af|från|przez|yazar|"
    r"автор(?:ы|ка)?|от|текст|text|texto|testo|tekst|reporter|redakteur(?:in)?|"
    # hu, vi, hr/bs/sr, lt, lv, sl, fi, da/no, sv, id/ms, tr, el, fa, ar, he, hi, th.
    r"szerző|tác\s+giả|piše|autorius|autors|avtor|kirjoittaja|toimittaja|forfatter|"
    r"författare|skribent|penulis|pewarta|wartawan|yazan|muhabir|συντάκτης|"
    r"συγγραφέας|κείμενο|نویسنده|الكاتب|كاتب|מאת|लेखक|ผู้เขียน|"
    r"作者|記者|筆者|기자)(?![^\W\d_])\s*:?\s*",
    re.IGNORECASE,
)
# Text nodes worth testing: short ones with a colon, or a short word standing alone.
# "descendant::text()" is one walk in libxml2; "//text()" tests the children of every node.
_candidates_xpath = (
    "//body/descendant::text()[string-length(.) < 80][normalize-space(.)]"
    "[contains(., ':') or string-length(normalize-space(.)) < 16]"
)
_max_hits = 3
_max_name_chars = 80
# A byline line often goes on with other facts after a bar ("Name | Read 172 times").
_line_end_pattern = re.compile(r"\s[|\u2022\u00b7]\s|\n")


def labelled_authors(doc: Document) -> list[str]:
    """Raw author strings from lines that start with an author label, outside comments and menus."""
    found: list[str] = []
    for text in doc.tree.xpath(_candidates_xpath):
        match = _label_pattern.match(text)
        if not match:
            continue
        is_label_only = not text[match.end() :].strip()
        # "By" and "von" without a colon are words of ordinary sentences too: only a colon or a
        # label standing alone in its element makes a byline.
        if not is_label_only and ":" not in match.group():
            continue
        parent = text.getparent()
        if parent is None or in_comment_or_nav(parent):
            continue
        name = (
            _name_after(parent, is_tail=bool(text.is_tail))
            if is_label_only
            else text[match.end() :]
        )
        name = normalize_whitespace(
            _line_end_pattern.split((name or "").strip(), maxsplit=1)[0]
        )
        if name and len(name) <= _max_name_chars:
            found.append(name)
            if len(found) >= _max_hits:
                break
    return found


def _name_after(parent: HtmlElement, *, is_tail: bool) -> str | None:
    """Return the text right after a label: the rest of the line, else the next element's text."""
    if is_tail:
        # The label trails ``parent`` ("<b>x</b> Author: <a>Name</a>"): the name is its next sibling.
        following = parent.getnext()
        return str(following.text_content()) if following is not None else None
    if len(parent) > 0:
        return str(parent[0].text_content())
    tail = str(parent.tail or "")
    if tail.strip():
        return tail
    following = parent.getnext()
    return str(following.text_content()) if following is not None else None
