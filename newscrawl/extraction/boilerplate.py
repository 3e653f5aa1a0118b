"""Boilerplate signals for body extraction: tag lists, early pruning, container cleaning.

Pure helpers over an lxml tree; ``body.py`` decides what to keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from newscrawl.extraction.hints import (
    SURE_NEGATIVE,
    WEAK_NEGATIVE,
    classify,
    classify_all,
    hint_string,
)

if TYPE_CHECKING:
    import re

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
        if len(text) < _PRUNE_SHARE * total or norm_len(text) < _PRUNE_SHARE * total:
            el.drop_tree()


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


def norm_len(text: str) -> int:
    """Length of ``text`` with runs of whitespace counted as one space."""
    return len(" ".join(text.split()))


# Inside the chosen container ---------------------------------------------------------

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
    for el in reversed(list(container.iter(*_CONDITIONAL_TAGS))):
        if el is container:
            continue
        if _is_boilerplate(el, total, paragraphs):
            el.drop_tree()
    for el in list(container.iter("p")):
        if el is not container and _is_link_teaser(el):
            el.drop_tree()


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


def _is_boilerplate(
    el: HtmlElement, total: int, paragraphs: dict[HtmlElement, int]
) -> bool:
    """Readability's conditional cleaning, for one block inside the article."""
    text = el.text_content()
    length = norm_len(text)
    density = link_density(el, length)
    if length >= _WRAPPER_SHARE * total and density < _WRAPPER_DENSITY:
        return False
    hint = classify(hint_string(el))
    weight = hint.weight
    # A layout name ("sidebar-grid__container") is no reason to drop text by itself.
    if weight < 0 and hint.negative == SURE_NEGATIVE:
        return True
    if text.count(",") >= _MANY_COMMAS:
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
