"""Where things sit on a page: the main heading, teaser and navigation blocks, site branding."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawl.extraction.text import contains_text, normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# Words in class/id names of blocks whose dates and links belong to other articles or to the
# site (related teasers, navigation, comments), matched at the start of a class-name word.
_teaser_words = (
    "related",
    "teaser",
    "recommend",
    "sidebar",
    "comment",
    "popular",
    "trending",
    "newsletter",
    "footer",
    "breadcrumb",
    "nav",
    "menu",
    "promo",
    "carousel",
    "slider",
    "share",
    "sharing",
    "social",
    "aside",
    "morestories",
    "readmore",
)
_class_word_pattern = re.compile(r"[^\s_\-]+")
_teaser_tags = frozenset({"nav", "footer"})
_min_heading_length = 10
# How far up from the main heading the article's own header block reaches.
_header_levels = 3
_branding_depth = 3
_branding_pattern = re.compile(r"logo|brand|site-?title|site-?name|masthead")


def attr_text(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _is_teaser_container(element: HtmlElement) -> bool:
    if element.tag in _teaser_tags:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return any(
        word.lower().startswith(_teaser_words)
        for word in _class_word_pattern.findall(names)
    )


def main_heading(doc: Document) -> HtmlElement | None:
    """Return the page's headline element: the first ``<h1>``, else the first heading the ``<title>`` repeats."""
    if "main_heading" not in doc.cache:
        titles = [t for t in (doc.title, doc.meta_first("og:title")) if t]
        h1s = list(doc.tree.iter("h1"))
        # Prefer the <h1> the title repeats: navigation widgets use <h1> too.
        heading = next(
            (
                h
                for h in h1s
                if any(
                    contains_text(t, normalize_whitespace(h.text_content()))
                    for t in titles
                )
            ),
            h1s[0] if h1s else None,
        )
        if heading is None and doc.title:
            for element in doc.tree.iter("h2", "h3"):
                text = normalize_whitespace(element.text_content())
                if len(text) > _min_heading_length and contains_text(doc.title, text):
                    heading = element
                    break
        doc.cache["main_heading"] = heading
    return doc.cache["main_heading"]


def _main_ancestors(doc: Document) -> set[HtmlElement]:
    """Ancestors of the main heading: page-level wrappers, never teaser blocks."""
    if "main_ancestors" not in doc.cache:
        heading = main_heading(doc)
        doc.cache["main_ancestors"] = (
            set(heading.iterancestors()) if heading is not None else set()
        )
    return doc.cache["main_ancestors"]  # type: ignore[no-any-return]


def near_main_heading(element: HtmlElement, doc: Document) -> bool:
    """Whether ``element`` shares a close container with the main heading (the article header)."""
    heading = main_heading(doc)
    if heading is None:
        return False
    close = {
        ancestor
        for ancestor in list(heading.iterancestors())[:_header_levels]
        if ancestor.tag not in {"body", "html"}
    }
    return any(ancestor in close for ancestor in element.iterancestors())


def in_teaser(element: HtmlElement, doc: Document | None = None) -> bool:
    """Whether ``element`` sits in a related-articles, navigation, comment or footer block."""
    wrappers = _main_ancestors(doc) if doc is not None else set()
    for ancestor in element.iterancestors():
        if ancestor.tag == "body" or ancestor in wrappers:
            return False
        if _is_teaser_container(ancestor):
            return True
    return False


def in_comment_or_nav(element: HtmlElement) -> bool:
    return any(
        ancestor.tag in _teaser_tags or "comment" in attr_text(ancestor).lower()
        for ancestor in element.iterancestors()
    )


def is_branding(heading: HtmlElement) -> bool:
    """Whether a heading is the site's logo or name rather than the article's headline."""
    links = [*heading.iter("a"), *(a for a in heading.iterancestors("a"))]
    for link in links:
        path = urlsplit(link.get("href") or "x").path
        if path in {"", "/"} and not urlsplit(link.get("href") or "").query:
            return True
    for element in [heading, *list(heading.iterancestors())[:_branding_depth]]:
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if _branding_pattern.search(names):
            return True
    return False
