"""Article body text and related links from a parsed page.

``extract_body(tree, url)`` finds the container holding the article text with
readability-style paragraph scoring (text length, commas, link density and
class/id hints), removes boilerplate inside it, and serializes what is left
into plain-text paragraphs. Related-link blocks are taken out first so that
their links can be returned apart from the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from newscrawl.extraction.boilerplate import (
    BLOCK_TAGS,
    holds_paragraphs,
    norm_len,
    protected_elements,
    prune_boilerplate,
    strip_junk,
)
from newscrawl.extraction.containerclean import (
    MIN_PARAGRAPH,
    PARAGRAPH_TAGS,
    clean_container,
    link_density,
)
from newscrawl.extraction.hints import class_weight
from newscrawl.extraction.plaintext import serialize
from newscrawl.extraction.related import (
    LEADING_CUE_PATTERN,
    related_links,
    take_related,
)
from newscrawl.extraction.textlen import TextLengths

if TYPE_CHECKING:
    from lxml.html import HtmlElement


@dataclass
class BodyResult:
    """Plain article text (paragraphs split by a blank line) and related links."""

    text: str
    related_links: list[dict[str, str]] = field(default_factory=list)


# Readability's starting score of a candidate container, by tag.
_TAG_WEIGHT = {
    "div": 5,
    "section": 5,
    "article": 10,
    "main": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_ANCESTOR_LEVELS = 5  # how far up a paragraph's points reach
_MAX_LENGTH_POINTS = 3
_CHARS_PER_POINT = 100
# Loose text in <body> long enough to be an article rather than a stray line or two.
_MIN_LOOSE_TEXT = 200
# Containers that are a paragraph only when they hold no blocks, just text, <br>s and
# inline tags (an article written straight into <article>), and that text is not a
# teaser's link; otherwise the blocks inside them are the paragraphs.
_LOOSE_TEXT_TAGS = ("article", "main")
_LOOSE_TEXT_DENSITY = 0.5
# Read as paragraphs only on a page where nothing else is one, and only as long as a
# sentence: a form's or a widget's lists ("Sorry, no stations found") are shorter.
_ITEM_TAGS = ("li", "dd")
_MIN_ITEM_CHARS = 80
# A class on this many scored candidates names list items, when they are this short
# and this much of their text is links.
_REPEATED_NAME = 3
_TEASER_CHARS = 300
_TEASER_LINK_SHARE = 0.3
# A page of short paragraphs only: each of at least this many characters, at least this
# many of them, and this much text in all.
_MIN_SHORT_PARAGRAPH = 10
_MIN_SHORT_PARAGRAPHS = 4
_MIN_SHORT_ARTICLE = 150
_TEXT_ONLY_TAGS = frozenset((*_LOOSE_TEXT_TAGS, *_ITEM_TAGS))
_CJK_CHARS_PER_POINT = 40
_CJK_SAMPLE = 20
_CLIMB_RATIO = 1 / 3  # a parent scoring below this share of the top stops the climb
_TOP_CANDIDATES = 5
_CLOSE_SCORE = 0.75  # rivals scoring this share of the top may share its container
_MIN_RIVALS = 3
_SIBLING_SHARE = 0.2  # siblings scoring this share of the top join it
_MIN_SIBLING_SCORE = 10.0
_LONG_SIBLING_P = 80
_SIBLING_P_DENSITY = 0.25
_SECTION_MASS = 140  # paragraph characters a same-class sibling needs
_SECTION_DENSITY = 0.3
# Latin, fullwidth and ideographic commas.
_COMMAS = (",", "\uff0c", "\u3001")
_CJK_START = "\u2e80"
_sentence_end_pattern = re.compile(r"\.( |$)")


def extract_body(tree: HtmlElement, url: str) -> BodyResult:
    """Return the article text and related links of ``tree`` (which it may modify)."""
    try:
        return _extract(tree, url)
    except Exception:  # noqa: BLE001 - the contract: bad markup gives an empty body, never an error
        return BodyResult("")


def extract_related(tree: HtmlElement, url: str) -> list[dict[str, str]]:
    """Return only the related links of ``tree`` (which it may modify).

    For pages whose body a site parser has already read: it skips the scoring that
    finds the body, which is most of ``extract_body``'s cost, and takes the related
    blocks of the ``<article>`` (or ``<main>``) instead of those around the body.
    """
    try:
        base_url, root = _base_and_root(tree, url)
        scan = strip_junk(tree, root, LEADING_CUE_PATTERN)
        protected = protected_elements(root, scan.strong)
        related = take_related(root, scan.related, protected, scan.led)
        scope = root.find(".//article")
        if scope is None:
            scope = root.find(".//main")
        return related_links(related, root if scope is None else scope, url, base_url)
    except Exception:  # noqa: BLE001 - the contract: bad markup gives no links, never an error
        return []


def _base_and_root(tree: HtmlElement, url: str) -> tuple[str, HtmlElement]:
    """Return the URL relative links resolve against, and the element holding the content."""
    base = tree.find(".//base[@href]")
    base_url = url
    if base is not None:
        base_url = urljoin(url, base.get("href", "").strip())
    root = tree.find("body") if tree.tag == "html" else tree
    return base_url, tree if root is None else root


def _extract(tree: HtmlElement, url: str) -> BodyResult:
    base_url, root = _base_and_root(tree, url)
    scan = strip_junk(tree, root, LEADING_CUE_PATTERN)
    protected = protected_elements(root, scan.strong)
    related = take_related(root, scan.related, protected, scan.led)
    prune_boilerplate(root, scan.negative, protected)
    _drop_page_headers(root)
    scores, paragraphs = _score(root)
    if not scores:
        # No paragraph anywhere: perhaps an article written as a list (key points, a
        # Q&A in <dl>), whose items count when they are text rather than links.
        scores, paragraphs = _score(root, tags=_ITEM_TAGS)
    if not scores:
        # Or one of short paragraphs only (a poem, a ticker's one-liners): they count
        # when there are enough of them to be an article.
        scores, paragraphs = _score(root, min_chars=_MIN_SHORT_PARAGRAPH)
        if (
            len(paragraphs) < _MIN_SHORT_PARAGRAPHS
            or sum(paragraphs.values()) < _MIN_SHORT_ARTICLE
        ):
            scores, paragraphs = {}, {}
    if not scores:
        # Nothing reads like a paragraph: whatever text is left is page furniture,
        # unless the page's own text runs loose in <body> (old pages: text and <br>s,
        # perhaps in a <font>), which no block holds to be scored.
        text = ""
        if _loose_text(root):
            clean_container(root, paragraphs)
            text = serialize([root])
        return BodyResult(text, related_links(related, root, url, base_url))
    top = _top_candidate(root, scores)
    parts = _with_siblings(top, scores, paragraphs)
    for part in parts:
        clean_container(part, paragraphs)
    links = related_links(related, _related_scope(top, root), url, base_url)
    return BodyResult(serialize(parts), links)


def _loose_text(root: HtmlElement) -> bool:
    """Whether ``root`` holds prose outside any block: its text and its inline children's.

    Prose, not links: a bar of menu links loose in ``<body>`` is no article.
    """
    chunks = [root.text or ""]
    links = 0
    for child in root:
        if child.tag not in BLOCK_TAGS:
            chunks.append(child.text_content())
            links += sum(norm_len(a.text_content()) for a in child.iter("a"))
        chunks.append(child.tail or "")
    return norm_len("".join(chunks)) - links >= _MIN_LOOSE_TEXT


def _drop_page_headers(root: HtmlElement) -> None:
    """Remove the site's masthead: a ``<header>`` outside the article without its headline.

    A ``<header>`` holding the ``<h1>`` may be the article's own heading block, which
    the metadata readers have already used; the body step leaves those to
    ``clean_container``.
    """
    for header in list(root.iter("header")):
        if header.getparent() is None or header.find(".//h1") is not None:
            continue
        # A <header> left open by the page (or its parser) holds the page, not a masthead.
        if not any(
            anc.tag in ("article", "main") for anc in header.iterancestors()
        ) and not holds_paragraphs(header):
            header.drop_tree()


def _related_scope(top: HtmlElement, root: HtmlElement) -> HtmlElement:
    """Return the part of the page whose related blocks belong to this article."""
    for anc in top.iterancestors():
        if anc is root:
            break
        if anc.tag == "article":
            return anc
    scope = top
    for _ in range(2):
        parent = scope.getparent()
        if parent is None or parent is root or parent.tag == "html":
            break
        scope = parent
    return scope


def _paragraph_text(el: HtmlElement) -> tuple[str, bool]:
    """Return the text ``el`` adds as a paragraph: its own text between child blocks.

    The flag tells whether that is all of ``el``'s text (no child blocks).
    """
    if el.tag not in ("p", "pre"):
        # One pass over the children both finds a child block and collects the tails.
        chunks = [el.text or ""]
        has_block = False
        for child in el:
            if child.tag in BLOCK_TAGS:
                has_block = True
            chunks.append(child.tail or "")
        if has_block:
            return "".join(chunks), False
    text: str = el.text_content()
    return text, True


def _is_loose_text(el: HtmlElement, text: str, *, whole: bool) -> bool:
    """Whether ``el`` holds text and inline tags only, and not mostly links."""
    return whole and link_density(el, len(text)) < _LOOSE_TEXT_DENSITY


def _is_cjk(text: str) -> bool:
    """Tell Chinese, Japanese or Korean text, where a sentence takes fewer characters."""
    sample = text.lstrip()[:_CJK_SAMPLE]
    if not sample or max(sample) < _CJK_START:
        return False
    return sum(1 for ch in sample if ch >= _CJK_START) * 2 > len(sample)


def _score(
    root: HtmlElement,
    tags: tuple[str, ...] = (*PARAGRAPH_TAGS, *_LOOSE_TEXT_TAGS),
    min_chars: int = MIN_PARAGRAPH,
) -> tuple[dict[HtmlElement, float], dict[HtmlElement, int]]:
    """Candidate container scores, and the paragraphs that made them, with their lengths.

    Paragraphs are ``tags`` elements; ``<article>``, ``<main>``, list items and
    definitions only when they hold text, not blocks or mostly links.
    """
    scores: dict[HtmlElement, float] = {}
    paragraphs: dict[HtmlElement, int] = {}
    # Candidates nest: their lengths are put together from each other's and from the
    # paragraphs measured here.
    text_length = TextLengths(scores)
    for el in root.iter(*tags):
        text, whole = _paragraph_text(el)
        # Collapsing whitespace never lengthens a text: most blocks are too short as they are.
        if len(text) < min_chars or (
            el.tag in _TEXT_ONLY_TAGS and not _is_loose_text(el, text, whole=whole)
        ):
            continue
        length = text_length.measure(el, text) if whole else norm_len(text)
        if length < (_MIN_ITEM_CHARS if el.tag in _ITEM_TAGS else min_chars):
            continue
        paragraphs[el] = length
        per_point = _CJK_CHARS_PER_POINT if _is_cjk(text) else _CHARS_PER_POINT
        points = (
            1
            + sum(map(text.count, _COMMAS))
            + min(length // per_point, _MAX_LENGTH_POINTS)
        )
        # Such a container's text is its own: it is the candidate, not its parent.
        candidates = (
            chain((el,), el.iterancestors())
            if el.tag in _LOOSE_TEXT_TAGS
            else el.iterancestors()
        )
        for level, anc in enumerate(candidates):
            if level >= _ANCESTOR_LEVELS:
                break
            if anc not in scores:
                scores[anc] = _TAG_WEIGHT.get(anc.tag, 0) + class_weight(anc)
            scores[anc] += points / (
                1 if level == 0 else 2 if level == 1 else level * 3
            )
    # Link text summed bottom-up, each link read once, instead of per candidate.
    link_chars: dict[HtmlElement, int] = {}
    for a in root.iter("a"):
        chars = norm_len(a.text_content())
        if chars:
            for anc in (a, *a.iterancestors()):
                if anc in scores:
                    link_chars[anc] = link_chars.get(anc, 0) + chars
    _discount_teaser_names(scores, text_length, link_chars)
    for el, chars in link_chars.items():
        total = text_length(el)
        if total:
            scores[el] *= 1 - min(1.0, chars / total)
    return scores, paragraphs


def _discount_teaser_names(
    scores: dict[HtmlElement, float],
    text_length: TextLengths,
    link_chars: dict[HtmlElement, int],
) -> None:
    """Take the name bonus from teasers: short, linked candidates whose class repeats.

    A page holds one article container; "story-content" on every item of a list of
    linked stories names each teaser as strongly, and their bonuses would outweigh
    the article's text. Linked: much of their text is links, or a link holds them (a
    story card).
    """
    classes = Counter(el.get("class") for el in scores if el.get("class"))
    for el in scores:
        name = el.get("class")
        if not name or classes[name] < _REPEATED_NAME:
            continue
        length = text_length(el)
        linked = link_chars.get(el, 0) >= _TEASER_LINK_SHARE * length or (
            next(el.iterancestors("a"), None) is not None
        )
        if length < _TEASER_CHARS and linked:
            bonus = class_weight(el)
            if bonus > 0:
                scores[el] -= bonus


def _top_candidate(root: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:_TOP_CANDIDATES]
    top = ranked[0]
    top_score = scores[top]
    common = _common_ancestor(
        top, [el for el in ranked[1:] if scores[el] >= _CLOSE_SCORE * top_score], root
    )
    if common is not None:
        return common
    # A container split into several scored sections: climb while the parent
    # scores at least as well, as readability does.
    parent = top.getparent()
    last = top_score
    while parent is not None and parent is not root and parent.tag != "html":
        if parent not in scores:
            parent = parent.getparent()
            continue
        parent_score = scores[parent]
        if parent_score < top_score * _CLIMB_RATIO:
            break
        if parent_score > last:
            top = parent
            break
        last = parent_score
        parent = parent.getparent()
    parent = top.getparent()
    while parent is not None and parent is not root and len(parent) == 1:
        top = parent
        parent = top.getparent()
    return top


def _common_ancestor(
    top: HtmlElement, rivals: list[HtmlElement], root: HtmlElement
) -> HtmlElement | None:
    """Return the nearest ancestor of ``top`` holding enough close rivals, if any.

    An article cut into several equally good text blocks (between photos,
    embeds or ads) scores each block alone; their shared ancestor is the article.
    """
    if len(rivals) < _MIN_RIVALS:
        return None
    rival_ancestors = [{el, *el.iterancestors()} for el in rivals]
    for anc in top.iterancestors():
        if anc is root or anc.tag in ("body", "html"):
            return None
        if sum(anc in ancestors for ancestors in rival_ancestors) >= _MIN_RIVALS:
            return anc
    return None


def _with_siblings(
    top: HtmlElement,
    scores: dict[HtmlElement, float],
    paragraphs: dict[HtmlElement, int],
) -> list[HtmlElement]:
    parent = top.getparent()
    if parent is None:
        return [top]
    top_score = scores.get(top, 0.0)
    threshold = max(_MIN_SIBLING_SCORE, top_score * _SIBLING_SHARE)
    top_class = top.get("class")
    parts: list[HtmlElement] = []
    for sib in parent:
        if sib is top:
            parts.append(sib)
            continue
        if not isinstance(sib.tag, str) or _is_heading_block(sib):
            continue
        same_class = (
            bool(top_class) and sib.get("class") == top_class
        ) or _classless_sections(top, sib)
        bonus = top_score * _SIBLING_SHARE if same_class else 0.0
        if (sib in scores and scores[sib] + bonus >= threshold) or (
            same_class and _is_more_article(sib, paragraphs)
        ):
            parts.append(sib)
        elif sib.tag == "p":
            text = " ".join(sib.text_content().split())
            density = link_density(sib, len(text))
            if (len(text) > _LONG_SIBLING_P and density < _SIBLING_P_DENSITY) or (
                0 < len(text) <= _LONG_SIBLING_P
                and density == 0
                and _sentence_end_pattern.search(text)
            ):
                parts.append(sib)
    return parts


def _classless_sections(top: HtmlElement, sib: HtmlElement) -> bool:
    """Whether both are ``<section>``s without a class: an article split into parts.

    Their parent is no wrapper the score could climb to when it is ``<body>`` itself,
    so the later, shorter parts join as a same-class sibling would.
    """
    return (
        top.tag == sib.tag == "section"
        and not top.get("class")
        and not sib.get("class")
    )


def _is_heading_block(sib: HtmlElement) -> bool:
    """Tell the article's heading block (kicker, headline, standfirst, byline) beside its body.

    The standfirst goes to ``summary``; keeping it out of the body also keeps the
    body of a syndicated copy, which seldom carries it, identical to the original.
    """
    return sib.tag == "header" or sib.find(".//h1") is not None


def _is_more_article(sib: HtmlElement, paragraphs: dict[HtmlElement, int]) -> bool:
    """Whether a sibling built like the article holds paragraphs of its own.

    Long articles split into sections sometimes nest their paragraphs deeper
    than scores propagate, so the section itself has no score.
    """
    mass = sum(paragraphs.get(d, 0) for d in sib.iter(*PARAGRAPH_TAGS))
    return mass >= _SECTION_MASS and link_density(sib) < _SECTION_DENSITY
