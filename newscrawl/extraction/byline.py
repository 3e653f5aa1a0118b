"""Labelled byline lines ("Author: Jane Roe", "<b>Autor</b> Jane Roe") in many languages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extraction.dateplaces import in_caption
from newscrawl.extraction.layout import in_comment_or_nav, in_teaser
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
# The labels that also open a byline line without a colon ("By Jane Roe", "Por María
# López"): the XPath passes texts that start with one of their first letters, the
# label pattern decides.
_plain_label_initials = "BVPDA" + "BVPDA".lower()
# Text nodes worth testing: short ones with a colon, a short word standing alone, or a
# line that may open with a plain label.
# "descendant::text()" is one walk in libxml2; "//text()" tests the children of every node.
_candidates_xpath = (
    "//body/descendant::text()[string-length(.) < 80][normalize-space(.)]"
    "[contains(., ':') or string-length(normalize-space(.)) < 16 or "
    f"contains('{_plain_label_initials}', substring(normalize-space(.), 1, 1))]"
)
# Lower-case words inside a name ("María de la Cruz", "Anne van Dijk") and between names.
_name_particles = frozenset(
    {"de", "da", "del", "della", "dei", "di", "do", "dos", "das", "du", "la", "le"}
    | {"van", "von", "der", "den", "ter", "ten", "zu", "bin", "ibn", "al", "el"}
    | {"and", "und", "et", "en", "og", "och", "y", "e", "i"}
)
_min_name_words = 2
# Three names of four words each.
_max_byline_words = 12
_max_hits = 3
_max_name_chars = 80
# A byline line often goes on with other facts after a bar ("Name | Read 172 times").
_line_end_pattern = re.compile(r"\s[|\u2022\u00b7]\s|\n")


def labelled_authors(doc: Document) -> list[str]:
    """Raw author strings from lines that start with an author label, outside comments and menus."""
    found: list[str] = []
    plain_lines = 0
    for text in doc.tree.xpath(_candidates_xpath):
        match = _label_pattern.match(text)
        if not match:
            continue
        is_label_only = not text[match.end() :].strip()
        parent = text.getparent()
        if parent is None or in_comment_or_nav(parent):
            continue
        # "By" and "von" without a colon are words of ordinary sentences too: only a colon, a
        # label standing alone in its element, or a line that is the label and names makes a
        # byline; of such plain lines only the first, as the next ones sign other stories.
        if not is_label_only and ":" not in match.group():
            if plain_lines or not _is_plain_byline(text, match.end(), parent, doc):
                continue
            plain_lines += 1
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


def _is_plain_byline(
    text: str, name_start: int, parent: HtmlElement, doc: Document
) -> bool:
    """Whether a text is a whole line of a label and names ("By Jane Roe and John Doe, Reuters").

    Not a teaser's byline (one inside a link is a story card's), not a picture's credit
    ("von Justin Watt", a link in a caption).
    """
    if (
        getattr(text, "is_tail", False)
        or parent.tag == "a"
        or next(parent.iterancestors("a"), None) is not None
        or in_teaser(parent, doc)
        or in_caption(parent)
    ):
        return False
    if normalize_whitespace(parent.text_content()) != normalize_whitespace(text):
        return False
    return _are_names(text[name_start:])


def is_byline_line(text: str) -> bool:
    """Whether a line is only a byline: a label and names ("By Jane Roe", "Von: Jana Berg").

    One word will do here ("By Reuters"): the line stands above an article's text, where
    "By Monday" does not.
    """
    match = _label_pattern.match(text)
    return match is not None and _are_names(text[match.end() :], least=1)


def _are_names(text: str, least: int = _min_name_words) -> bool:
    """Whether ``text`` is capitalised names, joined by "and" and the like, then ", Org"."""
    names = text.split(",", 1)[0].split()
    capitalised = [word for word in names if word[:1].isupper()]
    return (
        bool(names)
        and names[0][:1].isupper()
        and all(word[:1].isupper() or word.lower() in _name_particles for word in names)
        and not any(character.isdigit() for character in text)
        and least <= len(capitalised) <= _max_byline_words
    )
