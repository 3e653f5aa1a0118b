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
_taxonomy_pattern = re.compile(
    r"^(?:category|tag|postid|format|status|type)-|^post-\d+$|^(?:no|has)-|-(?:off|none|disabled)$"
)
_teaser_tags = frozenset({"nav", "footer"})
_min_heading_length = 10
# How far up from the main heading the article's own header block reaches.
_header_levels = 3
_branding_depth = 3
_branding_pattern = re.compile(
    r"(?:^|[\s_-])(?:logo|brand(?:ing)?|site-?title|site-?name|masthead)(?:$|[\s_-])"
)


def attr_text(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _is_teaser_container(element: HtmlElement) -> bool:
    if element.tag in _teaser_tags:
        return True
    if element.tag == "aside":
        # Beside the article, an <aside> holds other stories; inside it, the article's
        # own byline and dates (<aside class="meta"> under <article>).
        return next(element.iterancestors("article"), None) is None
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(
        word.startswith(_teaser_words)
        for name in names.split()
        # WordPress tags the article itself with its categories and tags ("category-popular-posts")
        # and with layout switches ("sidebar-off"): they name no teaser block.
        if not _taxonomy_pattern.search(name)
        for word in _class_word_pattern.findall(name)
    )


def main_heading(doc: Document) -> HtmlElement | None:
    """Return the page's headline element: the first ``<h1>``, else the first heading the ``<title>`` repeats."""
    if "main_heading" not in doc.cache:
        titles = [t for t in (doc.title, doc.meta_first("og:title")) if t]
        # An empty <h1> holds the site's logo picture, not a headline.
        h1s = [h for h in doc.tree.iter("h1") if _has_text(h)]
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


def _has_text(element: HtmlElement) -> bool:
    return any(text.strip() for text in element.itertext())


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


def in_navigation(element: HtmlElement) -> bool:
    """Whether ``element`` sits in a navigation bar, menu or breadcrumb trail."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "body":
            return False
        if ancestor.tag == "nav":
            return True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if any(
            word.startswith(("breadcrumb", "nav", "menu"))
            for word in _class_word_pattern.findall(names)
        ):
            return True
    return False


def in_comment_or_nav(element: HtmlElement) -> bool:
    return any(
        ancestor.tag in _teaser_tags or "comment" in attr_text(ancestor).lower()
        for ancestor in element.iterancestors()
    )


def links_home(heading: HtmlElement) -> bool:
    """Whether a heading is, or sits in, a link to the site's front page."""
    links = [*heading.iter("a"), *(a for a in heading.iterancestors("a"))]
    for link in links:
        path = urlsplit(link.get("href") or "x").path
        if path in {"", "/"} and not urlsplit(link.get("href") or "").query:
            return True
    return False


def is_branding(heading: HtmlElement) -> bool:
    """Whether a heading is the site's logo or name rather than the article's headline."""
    if links_home(heading):
        return True
    for element in [heading, *list(heading.iterancestors())[:_branding_depth]]:
        if element.tag in {"body", "html"}:
            break
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if _branding_pattern.search(names):
            return True
    return False


# Class names of text kept for screen readers only, and of kicker lines set above a headline.
_hidden_class_pattern = re.compile(
    r"(?:^|\s)(?:sr-only|visually-?hidden|element-invisible|screen-?reader(?:-text)?|"
    r"h-offscreen|offscreen|aural|invisible|u-hidden|hide|hidden)(?:\s|$)",
    re.IGNORECASE,
)
_kicker_words = (
    "kicker",
    "overline",
    "topline",
    "dachzeile",
    "roofline",
    "eyebrow",
    "supertitle",
    "pretitle",
    "overtitle",
    "subline",
    "subtitle",
    "strapline",
    "topic",
    "label",
    "flag",
    "rubric",
)
_subtitle_words = ("subtitle", "subheadline", "dek", "standfirst")
_separator_chars = " -\u2013\u2014:|/\u00b7\u2022"
_skipped_tags = frozenset({"script", "style", "noscript", "rt", "rp", "template"})


def is_hidden(element: HtmlElement) -> bool:
    """Whether an element is marked as hidden or for screen readers only."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or bool(
        _hidden_class_pattern.search(element.get("class") or "")
    )


def _is_hidden(element: HtmlElement) -> bool:
    """Whether an element is hidden from sight; hidden separators (":", " - ") still count."""
    if element.tag in _skipped_tags:
        return True
    return is_hidden(element) and any(c.isalnum() for c in element.text_content())


def _is_kicker(element: HtmlElement) -> bool:
    return element.tag == "small" or any(
        word.lower().startswith(_kicker_words)
        for word in _class_word_pattern.findall(element.get("class") or "")
    )


def _is_extra_line(element: HtmlElement, parts: list[str]) -> bool:
    """Whether a heading's child is a kicker line before the headline or a subtitle after it."""
    if not "".join(parts).strip():
        return _is_kicker(element)
    return element.tag == "small" or any(
        word.lower().startswith(_subtitle_words)
        for word in _class_word_pattern.findall(element.get("class") or "")
    )


def _visible_text(element: HtmlElement, parts: list[str], skip_kicker: bool) -> None:
    parts.append(element.text or "")
    for child in element:
        if not isinstance(child.tag, str) or _is_hidden(child):
            pass
        elif child.tag == "br":
            parts.append(" ")
        elif not (skip_kicker and _is_extra_line(child, parts)):
            _visible_text(child, parts, skip_kicker)
        parts.append(child.tail or "")


def heading_text(heading: HtmlElement) -> tuple[str, str]:
    """Return a heading's ``(headline, full text)``: visible text, without and with a kicker line.

    Screen-reader-only words, ruby readings and scripts are left out of both.
    """
    full_parts: list[str] = []
    _visible_text(heading, full_parts, skip_kicker=False)
    main_parts: list[str] = []
    _visible_text(heading, main_parts, skip_kicker=True)
    full = normalize_whitespace("".join(full_parts))
    main = normalize_whitespace("".join(main_parts))
    if main != full:
        # The hidden separator (" - ", ":") between kicker and headline is left over.
        main = main.strip(_separator_chars)
    return (main or full), full


def kicker_target(heading: HtmlElement) -> HtmlElement | None:
    """Return the heading after ``heading`` when ``heading`` is itself marked as a kicker line.

    Some themes set the kicker as ``<h1 class="strapline">`` with the headline in the next
    ``<h2>``.
    """
    if heading.tag == "small" or not _is_kicker(heading):
        return None
    following = heading.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is not None and following.tag in {"h2", "h3"}:
        return following
    return None


_max_branding_links = 6


def _marked_links(doc: Document) -> list[HtmlElement]:
    """Links with a rel, and links to the front page by their usual spellings, in page order.

    Rel links are category and tag links; front-page spellings are "/", "./",
    "https://host/" and "//host". A C-level tag walk and two attribute reads per link cost half what an XPath
    predicate tested on every node of the page does.
    """
    if "marked_links" not in doc.cache:
        host = urlsplit(doc.url).netloc
        homes = {
            "/",
            "./",
            f"https://{host}",
            f"https://{host}/",
            f"http://{host}",
            f"http://{host}/",
            f"//{host}",
            f"//{host}/",
        }
        doc.cache["marked_links"] = [
            link
            for body in doc.tree.iter("body")
            # The outermost body only: a nested one's links are already in it.
            if not any(anc.tag == "body" for anc in body.iterancestors())
            for link in body.iter("a")
            if link.get("rel") is not None or link.get("href") in homes
        ]
    return doc.cache["marked_links"]  # type: ignore[no-any-return]


def home_links(doc: Document) -> list[HtmlElement]:
    """Links to the site's front page, in page order (logo, breadcrumb start, menu)."""
    host = urlsplit(doc.url).netloc
    homes = {"/", "./", f"//{host}", f"//{host}/"}
    return [
        link
        for link in _marked_links(doc)
        if (link.get("href") or "").split(":", 1)[-1] in homes
        or link.get("href") in {"/", "./"}
    ]


def rel_links(doc: Document, rel: str) -> list[HtmlElement]:
    """Links whose ``rel`` lists ``rel`` ("category", "tag"), in page order."""
    return [
        link
        for link in _marked_links(doc)
        if rel in (link.get("rel") or "").lower().split()
    ]


def breadcrumb_trail(doc: Document) -> HtmlElement | None:
    """Return the breadcrumb block: the close container of a front-page link named so."""
    for link in home_links(doc):
        for element in list(link.iterancestors())[:_branding_depth]:
            if element.tag in {"body", "html"}:
                break
            if "breadcrumb" in attr_text(element).lower():
                return element
    return None


def branding_texts(doc: Document) -> list[str]:
    """Return the texts of logo / site-title links to the front page (link text or logo ``alt``)."""
    links = home_links(doc)
    texts: list[str] = []
    for link in links[:_max_branding_links]:
        if not any(
            _branding_pattern.search(attr_text(element).lower())
            for element in [link, *list(link.iterancestors())[:_branding_depth]]
            if element.tag not in {"body", "html"}
        ):
            continue
        text = normalize_whitespace(link.text_content()) or normalize_whitespace(
            next((img.get("alt") for img in link.iter("img")), "")
        )
        if text and text not in texts:
            texts.append(text)
    return texts
