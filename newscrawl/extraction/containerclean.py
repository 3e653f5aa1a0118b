"""Cleaning inside the chosen article container: readability's conditional cleaning.

Once ``body.py`` has picked the container, ``clean_container`` removes what is
left in it that is no article text: the headline block, link lists, galleries,
empty boxes and one-link teaser paragraphs. Pure helpers over an lxml tree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from newscrawl.extraction.boilerplate import norm_len
from newscrawl.extraction.hints import SURE_NEGATIVE, classify, hint_string

if TYPE_CHECKING:
    from lxml.html import HtmlElement

PARAGRAPH_TAGS = ("p", "pre", "td", "div", "section", "blockquote")
MIN_PARAGRAPH = 25  # characters for a block to count as a paragraph
# A block holding this share of the article text is a wrapper, whatever its name.
_WRAPPER_SHARE = 0.3
_WRAPPER_DENSITY = 0.5
_MANY_COMMAS = 10
_CHARS_PER_PARAGRAPH = 200  # of text written between <br>s
_IMAGES_PER_PARAGRAPH = 2
_HEADING_ONLY = 0.9
_GOOD_WEIGHT = 25
_LINKY = 0.2
_VERY_LINKY = 0.5
# Plain-text lists (ingredients, key facts) are content; link lists are navigation.
_LIST_LINK_DENSITY = 0.1
_TEASER_MIN = 15
_TEASER_MAX = 120
_TEASER_DENSITY = 0.9
_CONDITIONAL_TAGS = (
    "table",
    "ul",
    "ol",
    "div",
    "section",
    "header",
    "figure",
    "form",
    "dl",
)


def link_density(el: HtmlElement, text_len: int | None = None) -> float:
    """Share of ``el``'s text that sits inside links."""
    total = norm_len(el.text_content()) if text_len is None else text_len
    if total == 0:
        return 0.0
    links = sum(norm_len(a.text_content()) for a in el.iter("a"))
    return min(1.0, links / total)


def direct_text(el: HtmlElement) -> str:
    chunks = [el.text or ""]
    chunks.extend(child.tail or "" for child in el)
    return "".join(chunks)


# A heading that opens the reader comments: "Comments (12)", "3 Kommentare", "Leave a
# Reply", "Leserkommentare", "Σχόλια". The whole text, a count aside.
_comments_heading_pattern = re.compile(
    r"(?:\d+\s+)?(?:(?:reader|user|your)\s+)?(?:comments?|kommentare?|leserkommentare|"
    r"commentaires?|comentarios?|comentários|commenti|reacties|komentarze|komentáře|"
    r"kommentarer|kommentit|yorumlar|комментарии|коментарі|σχόλια|تعليقات|תגובות|댓글|"
    r"评论|評論|コメント|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:discussion|conversation)|"
    r"diskussion|discussion)\s*(?:\(\d+\)|\d+)?\s*:?",
    re.IGNORECASE,
)
_COMMENT_HEADINGS = ("h2", "h3", "h4")


def _drop_comment_thread(container: HtmlElement) -> None:
    """Remove a comment thread that follows the article text under its own heading.

    A thread in a block named for it is pruned by its name; one in an unnamed block
    shows only by its heading. The heading and what follows it in its block go.
    """
    for heading in list(container.iter(*_COMMENT_HEADINGS)):
        parent = heading.getparent()
        if parent is None or not _comments_heading_pattern.fullmatch(
            " ".join(heading.text_content().split())
        ):
            continue
        for following in list(heading.itersiblings()):
            parent.remove(following)
        heading.drop_tree()
        return


def clean_container(container: HtmlElement, paragraphs: dict[HtmlElement, int]) -> None:
    """Remove headline, furniture and link teasers from the chosen article container.

    ``paragraphs`` maps the elements that scored as paragraphs to their text length.
    """
    total = max(1, norm_len(container.text_content()))
    # The headline, and the header block around it with the byline and date.
    for h1 in list(container.iter("h1")):
        if h1 is container or h1.getparent() is None:
            continue
        header = _header_of(h1, container)
        if (
            header is not None
            and norm_len(header.text_content()) < _WRAPPER_SHARE * total
        ):
            header.drop_tree()
        else:
            h1.drop_tree()
    # Blocks inside out, so a wrapper's only child is measured (and cleaned) first.
    measured: dict[HtmlElement, _Measure] = {}
    for el in reversed(list(container.iter(*_CONDITIONAL_TAGS))):
        if el is container:
            continue
        if _is_boilerplate(el, total, paragraphs, measured):
            el.drop_tree()
    for el in list(container.iter("p")):
        if el is not container and _is_link_teaser(el):
            el.drop_tree()
    _drop_comment_thread(container)


def _header_of(h1: HtmlElement, container: HtmlElement) -> HtmlElement | None:
    """Return the ``<header>`` inside ``container`` that holds ``h1``, if any."""
    for anc in h1.iterancestors():
        if anc is container:
            return None
        if anc.tag == "header":
            return anc
    return None


def _is_link_teaser(p: HtmlElement) -> bool:
    """Tell a short paragraph that is nothing but a link: a teaser for another page.

    Bare URLs stay: they are sources the article cites.
    """
    text = " ".join(p.text_content().split())
    if not _TEASER_MIN <= len(text) <= _TEASER_MAX or text.startswith(("http", "www.")):
        return False
    return link_density(p, len(text)) >= _TEASER_DENSITY


class _Measure(NamedTuple):
    length: int
    density: float
    commas: int


def _measure(el: HtmlElement, measured: dict[HtmlElement, _Measure]) -> _Measure:
    """Text length, link density and commas of ``el``; a wrapper's are its only child's.

    Measuring every block of a chain of nested wrappers anew would read the whole text
    once per level: a page of a thousand nested ``<div>`` took minutes.
    """
    only = el[0] if len(el) == 1 else None
    if (
        only is not None
        and only in measured
        and not (el.text or "").strip()
        and not (only.tail or "").strip()
    ):
        found = measured[only]
    else:
        text = el.text_content()
        length = norm_len(text)
        found = _Measure(length, link_density(el, length), text.count(","))
    measured[el] = found
    return found


def _is_boilerplate(
    el: HtmlElement,
    total: int,
    paragraphs: dict[HtmlElement, int],
    measured: dict[HtmlElement, _Measure],
) -> bool:
    """Readability's conditional cleaning, for one block inside the article."""
    length, density, commas = _measure(el, measured)
    if length >= _WRAPPER_SHARE * total and density < _WRAPPER_DENSITY:
        return False
    hint = classify(hint_string(el))
    weight = hint.weight
    # A layout name ("sidebar-grid__container") is no reason to drop text by itself.
    if weight < 0 and hint.negative == SURE_NEGATIVE:
        return True
    if commas >= _MANY_COMMAS:
        return False
    return _looks_like_furniture(el, length, density, weight, paragraphs)


def _looks_like_furniture(
    el: HtmlElement,
    length: int,
    density: float,
    weight: int,
    paragraphs: dict[HtmlElement, int],
) -> bool:
    """Apply readability's shape tests: galleries, link lists, empty boxes."""
    is_list = el.tag in ("ul", "ol", "dl")
    # Text-only divs and text between <br>s count as paragraphs, as <p> do.
    para_count = sum(1 for d in el.iter(*PARAGRAPH_TAGS) if d in paragraphs)
    para_count += norm_len(direct_text(el)) // _CHARS_PER_PARAGRAPH
    images = sum(1 for _ in el.iter("img"))
    items = sum(1 for _ in el.iter("li"))
    heading_len = sum(
        norm_len(h.text_content()) for h in el.iter("h2", "h3", "h4", "h5", "h6")
    )
    heading_density = heading_len / length if length else 0.0
    in_figure = el.tag == "figure" or any(a.tag == "figure" for a in el.iterancestors())
    if images > 1 and para_count * _IMAGES_PER_PARAGRAPH < images and not in_figure:
        return True
    if not is_list and items > para_count and density > _LIST_LINK_DENSITY:
        return True
    if (
        not is_list
        and heading_density < _HEADING_ONLY
        and length < MIN_PARAGRAPH
        and images not in (1, 2)
    ):
        return density > 0 or length == 0
    return density > (_LINKY if weight < _GOOD_WEIGHT else _VERY_LINKY)
