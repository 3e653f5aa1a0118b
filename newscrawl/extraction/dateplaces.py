"""Where a date sits on a page: in a caption, next to the site logo, in a teaser block.

Dates in those places belong to a picture, to the edition or to another article, not to the page's
own article; ``pagedates`` skips them.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.extraction.layout import in_teaser, near_main_heading
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

_caption_tags = frozenset({"figcaption", "figure", "caption"})
_caption_class_pattern = re.compile(
    r"(?:^|\s)(?:\S*[-_])?(?:caption|legend|bildunterschrift|bildtext)", re.IGNORECASE
)
_caption_levels = 2
# A text block that repeats the picture just before it (its ``alt`` or ``title``) is a caption.
_logo_xpath = ".//*[contains(@class, 'logo') or contains(@id, 'logo') or contains(@class, 'brand')]"
_banner_levels = 2


def in_caption(element: HtmlElement) -> bool:
    """Whether a date belongs to a photo or audio caption (when the picture was taken, not the article)."""
    if not isinstance(element.tag, str):
        return False
    for level, node in enumerate([element, *element.iterancestors()]):
        if level > _caption_levels or node.tag == "body":
            return False
        if node.tag in _caption_tags or _caption_class_pattern.search(
            node.get("class") or ""
        ):
            return True
        if level == 0 and _repeats_picture_before(element):
            return True
    return False


def _repeats_picture_before(element: HtmlElement) -> bool:
    """Whether the element repeats the alt or title text of the picture just before it.

    Compared in Python rather than as an XPath variable, which lxml refuses for text
    holding control characters.
    """
    previous = next(
        (
            node
            for node in element.itersiblings(preceding=True)
            if isinstance(node.tag, str)
        ),
        None,
    )
    if previous is None:
        return False
    text = normalize_whitespace(element.text_content())
    return bool(text) and any(
        normalize_whitespace(image.get(name)) == text
        for image in previous.iter("img")
        for name in ("alt", "title")
    )


def in_site_banner(element: HtmlElement, doc: Document) -> bool:
    """Whether a date sits next to the site logo: the edition's "today", not the article's day."""
    if near_main_heading(element, doc):
        return False
    for level, ancestor in enumerate(element.iterancestors()):
        if level >= _banner_levels or ancestor.tag == "body":
            break
        href = ancestor.get("href") if ancestor.tag == "a" else None
        if href is not None and _is_home_link(href):
            return True
        if ancestor.xpath(_logo_xpath):
            return True
    return False


def _is_home_link(href: str) -> bool:
    if not href.strip() or href.lstrip().startswith(("#", "javascript:")):
        return False
    parts = urlsplit(href.strip())
    return parts.path in {"", "/"} and not parts.query and not parts.fragment


def is_side_date(element: HtmlElement, doc: Document) -> bool:
    return (
        in_teaser(element, doc)
        or in_caption(element)
        or in_site_banner(element, doc)
        or in_dated_link_list(element)
    )


_list_item_levels = 3
_dated_pattern = re.compile(r"(?<!\d)(?:(?:19|20)\d\d|\d{1,2}[./]\d{1,2}[./])")


def in_dated_link_list(element: HtmlElement) -> bool:
    """Whether a date is one of a list's dated links to other pages (events, "more news")."""
    item = next(
        (
            node
            for node in islice([element, *element.iterancestors()], _list_item_levels)
            if node.tag == "li"
        ),
        None,
    )
    parent = item.getparent() if item is not None else None
    if parent is None or not _is_dated_link(item):
        return False
    return (
        sum(1 for sibling in parent.iterchildren("li") if _is_dated_link(sibling)) > 1
    )


def _is_dated_link(item: HtmlElement) -> bool:
    return item.find(".//a[@href]") is not None and bool(
        _dated_pattern.search(item.text_content())
    )
