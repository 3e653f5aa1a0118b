"""Boilerplate signals for body extraction: tag lists, the page scan, early pruning.

Pure helpers over an lxml tree; ``body.py`` decides what to keep, and
``containerclean.py`` cleans inside the container it chooses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from newscrawl.extraction.hints import SURE_NEGATIVE, WEAK_NEGATIVE, classify_all

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.hints import Hint

# Named elements with what their names say, read once for every step that asks.
Hinted = list[tuple["HtmlElement", "Hint"]]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Never article text, whatever their class says.
DROP_TAGS = _words(
    "script style noscript template iframe object embed svg canvas video audio map "
    "button select textarea input label figcaption dialog head"
)
# Page furniture: dropped unless the article itself sits inside one.
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "menu"})
# Tags that end a paragraph of text.
BLOCK_TAGS = frozenset(
    _words(
        "address article aside blockquote center dd details div dl dt fieldset figure "
        "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
        "table tbody thead tfoot tr ul"
    )
)


class Scan(NamedTuple):
    """What the one walk over the page found, besides removing junk.

    Named elements come sorted by what their names say, each list in page order;
    elements whose names say nothing to any step are left out.
    """

    strong: Hinted  # named like the article body
    related: Hinted  # named like a related-links block
    negative: Hinted  # named like boilerplate, and not like the article body
    # Elements of root (itself included) whose own text the lead pattern matches, in no set order.
    led: list[HtmlElement]


# More attributes than any real element carries; past it only the ones read are taken.
_MAX_ATTRIBUTES = 64


def _few_items(el: HtmlElement) -> list[tuple[str, str]]:
    names = ("class", "id", "itemprop", *_HIDING_ATTRIBUTES)
    return [(name, value) for name in names if (value := el.get(name)) is not None]


def strip_junk(
    tree: HtmlElement, root: HtmlElement, lead: re.Pattern[str] | None = None
) -> Scan:
    """Remove elements that never hold article text (keeping their tails) and hidden ones.

    Returns the elements of ``root`` (below it) whose class, id or itemprop say
    something, sorted by their name hints, and the elements whose own text opens
    with ``lead``: one walk over the page does all three.
    """
    _unwrap_misparsed_controls(tree)
    _unwrap_article_noscripts(tree)
    etree.strip_elements(
        tree, *DROP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    hidden: list[HtmlElement] = []
    named: list[HtmlElement] = []
    strings: list[str] = []
    led: list[HtmlElement] = []
    match_lead = lead.match if lead is not None else None
    for el in tree.iter():
        if match_lead is not None:
            text = el.text
            # Most texts are blank indentation: a C test is cheaper than the pattern.
            if (
                text
                and not text.isspace()
                and match_lead(text)
                and isinstance(el.tag, str)
            ):
                led.append(el)
        # One C call for all attributes: this loop visits every element of the page.
        # Not for an element with thousands of attributes, where items() is quadratic.
        items = el.items() if len(el.attrib) <= _MAX_ATTRIBUTES else _few_items(el)
        if not items or el is tree or el is root:
            continue
        cls = ident = prop = None
        for key, value in items:
            if key == "class":
                cls = value
            elif key == "id":
                ident = value
            elif key == "itemprop":
                prop = value
            elif key in _HIDING_ATTRIBUTES and _hides(key, value):
                hidden.append(el)
        if cls is not None or ident is not None or prop is not None:
            named.append(el)
            strings.append(f"{cls or ''} {ident or ''} {prop or ''}".lower())
    hinted = list(zip(named, classify_all(strings), strict=True))
    led = [el for el in led if el is root or (el is not tree and _below(el, root))]
    if not hidden:
        return _scan(hinted, led)
    gone, retest = _drop_hidden(hidden)
    led = [el for el in led if el not in gone]
    if lead is not None:
        led.extend(
            el
            for el in dict.fromkeys(retest)
            if el not in gone
            and el not in led
            and el.text
            and lead.match(el.text)
            and _below(el, root)
        )
    return _scan([pair for pair in hinted if pair[0] not in gone], led)


def _scan(hinted: Hinted, led: list[HtmlElement]) -> Scan:
    # Sorted once here rather than filtered by each step that reads them.
    return Scan(
        [pair for pair in hinted if pair[1].strong],
        [pair for pair in hinted if pair[1].related],
        [pair for pair in hinted if pair[1].negative and not pair[1].strong],
        led,
    )


_HIDING_ATTRIBUTES = frozenset({"style", "hidden", "aria-hidden"})


def _hides(key: str, value: str) -> bool:
    """Whether one attribute hides its element."""
    if key == "style":
        return "display:none" in value or "display: none" in value
    return key == "hidden" or (key == "aria-hidden" and value == "true")


def _drop_hidden(
    hidden: list[HtmlElement],
) -> tuple[set[HtmlElement], list[HtmlElement]]:
    """Drop hidden elements; return what went, and the parents whose text changed."""
    gone: set[HtmlElement] = set()
    retest: list[HtmlElement] = []
    for el in hidden:
        if el not in gone:
            gone.update(el.iter())
            if el.getparent() is not None:
                # drop_tree hands a first child's tail to the parent's text.
                if el.tail and el.getprevious() is None:
                    retest.append(el.getparent())
                el.drop_tree()
    return gone, retest


def _below(el: HtmlElement, root: HtmlElement) -> bool:
    return el is root or any(anc is root for anc in el.iterancestors())


def protected_elements(root: HtmlElement, hinted: Hinted) -> set[HtmlElement]:
    """Elements named like the article body, and all their ancestors.

    ``hinted`` needs to hold only the strongly named elements (``Scan.strong``).
    """
    keep: set[HtmlElement] = set()
    for el, hint in hinted:
        if hint.strong and el not in keep:
            keep.add(el)
            keep.update(el.iterancestors())
    for el in root.iter("article", "main"):
        if el not in keep:
            keep.add(el)
            keep.update(el.iterancestors())
    return keep


def prune_boilerplate(
    root: HtmlElement,
    hinted: Hinted,
    protected: set[HtmlElement],
) -> None:
    """Drop furniture tags and negatively named blocks that hold no article.

    ``hinted`` needs to hold only the negatively named elements (``Scan.negative``).
    """
    for el in list(root.iter(*FURNITURE_TAGS)):
        if el not in protected:
            _drop(el)
    # Names that could belong to a wrapper are judged by their share of the
    # text, after the sure boilerplate is gone.
    maybe: list[HtmlElement] = []
    for el, hint in hinted:
        if not hint.negative or hint.strong:
            continue
        if el in protected or el.tag in _NEVER_PRUNED:
            continue
        if hint.negative == SURE_NEGATIVE and (
            not hint.positive or el.tag in _TEXT_LEVEL
        ):
            _keep_hover_trigger(el)
            _drop(el)
        elif el.tag in _TEXT_LEVEL or (
            hint.negative == WEAK_NEGATIVE and hint.positive
        ):
            # A styled paragraph, or a layout name on a content block
            # ("sidebar-grid__content article__content"): scoring decides.
            continue
        else:
            maybe.append(el)
    if not maybe:
        return
    total = max(1, norm_len(root.text_content()))
    for el in maybe:
        if el.getparent() is None:
            continue
        text = el.text_content()
        # Collapsing whitespace never lengthens a text, so a short raw text settles it.
        if (
            len(text) < _PRUNE_SHARE * total or norm_len(text) < _PRUNE_SHARE * total
        ) and not holds_paragraphs(el):
            el.drop_tree()


def holds_paragraphs(el: HtmlElement) -> bool:
    """Whether a block that looks like furniture holds an article's paragraphs all the same.

    "item-body-share-wrapper" wraps a story with its share buttons (on a page of
    several stories each is a small share of the page's text); a ``<header>`` the page
    never closed holds all that follows it.
    """
    long_paragraphs = 0
    for paragraph in el.iter("p"):
        if len(paragraph.text_content()) >= _LONG_PARAGRAPH:
            long_paragraphs += 1
            if long_paragraphs >= _MIN_HELD_PARAGRAPHS:
                return True
    return False


def _keep_hover_trigger(el: HtmlElement) -> None:
    """Keep the words a pop-over card hangs on when the card goes.

    ``Rep. <span class="rollover-people"><a>Ana Lind</a><span class="…-block">card
    </span></span> said`` loses the card, not the name; nor does a glossary tooltip
    (``<span class="tooltip">term<span class="tooltiptext">…</span></span>``) lose
    its term.
    """
    if el.tag != "span" or not _hover_pattern.search(el.get("class") or ""):
        return
    parent = el.getparent()
    if parent is None or next(el.iterancestors("p"), None) is None:
        return
    first = el[0] if len(el) else None
    trigger = el.text or ""
    if first is not None and first.tag == "a" and not trigger.strip():
        trigger = first.text_content()
    if not trigger.strip() or len(trigger) > _MAX_HOVER_TRIGGER:
        return
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + trigger
    else:
        parent.text = (parent.text or "") + trigger


_hover_pattern = re.compile(r"rollover|hovercard|popover|tooltip", re.IGNORECASE)
# A name or a term, not a card.
_MAX_HOVER_TRIGGER = 80


def _unwrap_misparsed_controls(tree: HtmlElement) -> None:
    """Keep what a misparse put inside a button or a label.

    An unclosed ``<div>`` in a menu button, which libxml2 (unlike a browser) keeps
    open, takes the rest of the page into the button.
    """
    for control in list(tree.iter("button", "label")):
        # The length first: a control's face is short, and one C call tells.
        if (
            len(control.text_content()) > _MAX_CONTROL_TEXT
            and next(control.iter(*_PAGE_BLOCKS), None) is not None
        ):
            control.drop_tag()


def _unwrap_article_noscripts(tree: HtmlElement) -> None:
    """Read an article that only a ``<noscript>`` holds as text.

    Blogger's templates ship the post as a script template for their renderer and as a
    ``<noscript>`` copy; elsewhere ``<noscript>`` holds tracking pixels and "enable
    JavaScript". A copy of text the page also shows stays dropped.
    """
    shown: str | None = None
    for noscript in list(tree.iter("noscript")):
        if noscript.getparent() is None or not holds_paragraphs(noscript):
            continue
        first = next(
            paragraph.text_content()
            for paragraph in noscript.iter("p")
            if len(paragraph.text_content()) >= _LONG_PARAGRAPH
        )
        if shown is None:
            shown = "".join(tree.xpath(_SHOWN_TEXT_XPATH))
        if first not in shown:
            noscript.drop_tag()


# The text a browser with JavaScript shows: not that of scripts, styles, templates and
# <noscript> blocks.
_SHOWN_TEXT_XPATH = (
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)]"
)


# Blocks of a page's content, which a control's face never has (a "<button><p>View
# comments" is still short).
_PAGE_BLOCKS = ("p", "article", "main", "h1", "h2")
_MAX_CONTROL_TEXT = 300


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail; a no-op when it is already detached."""
    if el.getparent() is not None:
        el.drop_tree()


_NEVER_PRUNED = frozenset({"html", "body", "a", "em", "strong", "b", "i"})
# Text-level tags go only for a sure boilerplate name (hover cards, bylines,
# captions), never for a name they may share with a layout wrapper.
_TEXT_LEVEL = frozenset({"p", "span"})
# A negatively named block holding this share of the page's text is more
# likely a layout wrapper than a share bar or a comment thread.
_PRUNE_SHARE = 0.3
_LONG_PARAGRAPH = 100
_MIN_HELD_PARAGRAPHS = 3


def norm_len(text: str) -> int:
    """Length of ``text`` with runs of whitespace counted as one space."""
    return len(" ".join(text.split()))
