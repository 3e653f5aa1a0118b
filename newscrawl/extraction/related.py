"""Related-link blocks: "See also", "Read more", "Lire aussi", related-posts lists.

Such blocks are taken out of the tree (so they never reach the body text) and
their links are returned as ``{"url", "text"}`` dicts in page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from newscrawl.extraction.hints import trie_regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.boilerplate import Hinted

# Phrases a page puts in front of links to other articles. Lower case; the
# match is case-insensitive and anchored at the start of a block's text.
_CUES = (
    # English
    "see also",
    "read more",
    "read also",
    "also read",
    "also see",
    "read next",
    "related",
    "more on this story",
    "more on this",
    "more on this topic",
    "more coverage",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "further reading",
    "don't miss",
    "don\u2019t miss",
    "recommended reading",
    # French
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "voir aussi",
    "à voir aussi",
    "sur le même sujet",
    "pour aller plus loin",
    "lire la suite",
    # German
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "das könnte sie auch interessieren",
    "siehe auch",
    "mehr dazu",
    "weiterlesen",
    # Spanish
    "leer más",
    "lee también",
    "lea también",
    "ver también",
    "te puede interesar",
    "le puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "relacionado",
    "relacionados",
    "relacionadas",
    "más información",
    # Portuguese
    "leia também",
    "leia mais",
    "veja também",
    "saiba mais",
    "notícias relacionadas",
    "matérias relacionadas",
    # Italian
    "leggi anche",
    "vedi anche",
    "potrebbe interessarti",
    "articoli correlati",
    "correlati",
    # Dutch, Nordic, Polish, Turkish, Indonesian
    "lees ook",
    "lees meer",
    "zie ook",
    "gerelateerd",
    "läs också",
    "läs mer",
    "læs også",
    "les også",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "ilgili haberler",
    "baca juga",
    "artikel terkait",
    # Russian, Ukrainian
    "читайте также",
    "смотрите также",
    "читайте еще",
    "по теме",
    "читайте також",
    "дивіться також",
    # Finnish, Romanian, Czech, Slovak, Slovenian, Hungarian, Croatian/Bosnian/Serbian
    "lue myös",
    "lue lisää",
    "citește și",
    "citeşte şi",
    "citiți și",
    "vezi și",
    "přečtěte si také",
    "čtěte také",
    "související články",
    "prečítajte si aj",
    "čítajte aj",
    "preberite tudi",
    "ezt is ajánljuk",
    "kapcsolódó cikkek",
    "pročitajte još",
    "pročitajte i",
    "pročitajte više",
    "povezane vijesti",
    "vezane vijesti",
    # Turkish, Danish and Norwegian "more", Greek, Bulgarian, Vietnamese
    "ayrıca okuyun",
    "ayrıca bakınız",
    "ilginizi çekebilir",
    "bunlar da ilginizi çekebilir",
    "læs mere",
    "les mer",
    "διαβάστε επίσης",
    "διαβάστε ακόμα",
    "δείτε επίσης",
    "σχετικά άρθρα",
    "прочетете още",
    "вижте още",
    "свързани новини",
    "xem thêm",
    "đọc thêm",
    "tin liên quan",
    # Arabic, Persian, Hebrew, Hindi
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ المزيد",
    "أخبار ذات صلة",
    "مواضيع ذات صلة",
    "بیشتر بخوانید",
    "קראו עוד",
    "עוד בנושא",
    "यह भी पढ़ें",
    "ये भी पढ़ें",
)
# Scripts without spaces between words: no word boundary after the cue.
_CJK_CUES = (
    "関連記事",
    "関連ニュース",
    "관련기사",
    "관련 기사",
    "相关阅读",
    "相關新聞",
    "相关新闻",
    "延伸阅读",
    "あわせて読みたい",
    "こちらもおすすめ",
)

# Prefix-factored: the cue test runs on the text of every element of the page.
_cue_alternation = trie_regex([[*cue] for cue in _CUES])
_cjk_alternation = "|".join(re.escape(c) for c in _CJK_CUES)
# The cue must end at a non-letter ("Related: …", "Read more »"), so that
# "Relatedly, …" or "Recommended dosage …" in running text never match by themselves.
_cue_body = rf"[\s\W]{{0,3}}(?:{_cue_alternation}(?![^\W\d_])|{_cjk_alternation})"
_cue_pattern = re.compile(rf"^{_cue_body}", re.IGNORECASE)
LEADING_CUE_PATTERN = re.compile(rf"\s*+{_cue_body}", re.IGNORECASE)
# A heading made of the cue alone (optionally a few more words: "Related stories").
_HEADING_MAX = 48
_BLOCKS = ("div", "section", "aside", "ul", "ol", "p", "nav", "dl", "table")
_CUE_HOSTS = frozenset(
    {
        "p",
        "div",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "header",
        "section",
        "blockquote",
    }
)
_CUE_PUNCTUATION = " :\uff1a-\u2013\u2014|\u00bb\u203a>."  # colons, dashes, guillemets
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINK_RICH = 0.5
_HINTED_LINK_RICH = 0.3
_HINTED_MAX = 3000
_INLINE_MAX = 400
_MAX_FOLLOWING = 10


def _text(el: HtmlElement) -> str:
    # Pieces joined by a space: "<b>See also</b><br>Title" must not read "See alsoTitle".
    return " ".join(" ".join(el.itertext()).split())


def _link_text_len(el: HtmlElement) -> int:
    return sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))


def _has_links(el: HtmlElement) -> bool:
    return any(a.get("href") for a in el.iter("a"))


def _cue_block(el: HtmlElement) -> list[HtmlElement]:
    """Return the element(s) making up a related block introduced by ``el``, if any."""
    text = _text(el)
    match = _cue_pattern.match(text)
    if match is None:
        return []
    rest = text[match.end() :].strip(_CUE_PUNCTUATION)
    if len(text) <= _HEADING_MAX and (not rest or not _has_links(el)):
        # A heading: the links are in the blocks that follow it.
        block = [el]
        nxt = el.getnext()
        while nxt is not None and len(block) <= _MAX_FOLLOWING:
            if nxt.tag in _HEADINGS or not _is_link_list(nxt):
                break
            block.append(nxt)
            nxt = nxt.getnext()
        return block if len(block) > 1 else []
    if (
        rest
        and len(text) < _INLINE_MAX
        and _has_links(el)
        and _link_text_len(el) >= _LINK_RICH * len(rest)
    ):
        return [el]
    return []


def _is_link_list(el: HtmlElement) -> bool:
    text_len = len(_text(el))
    return text_len > 0 and _link_text_len(el) >= _LINK_RICH * text_len


def _hint_block(el: HtmlElement) -> bool:
    text = _text(el)
    return (
        _has_links(el)
        and len(text) < _HINTED_MAX
        and _link_text_len(el) >= _HINTED_LINK_RICH * len(text)
    )


def _taken(el: HtmlElement, blocks: set[HtmlElement]) -> bool:
    return el in blocks or any(a in blocks for a in el.iterancestors())


def _cue_hosts(
    root: HtmlElement, protected: set[HtmlElement], led: list[HtmlElement]
) -> list[HtmlElement]:
    """Elements whose leading text opens with a cue.

    An element's leading text is its own text or, when that is blank, the
    leading text of its first child, looked for up to three levels down.
    ``led`` are the elements whose own text opens with a cue
    (``LEADING_CUE_PATTERN``, found in the page walk that strips junk); each
    text is handed up to the elements it leads.
    """
    hosts: list[HtmlElement] = []
    for node in led:
        el = node
        for _ in range(_LEAD_DEPTH):
            if el.tag in _CUE_HOSTS and el not in protected:
                hosts.append(el)
            parent = el.getparent()
            if el is root or parent is None or parent[0] is not el:
                break
            if parent.text and not parent.text.isspace():
                break
            el = parent
    return hosts


_LEAD_DEPTH = 4


@dataclass
class RelatedBlock:
    """A related-links block taken out of the page: its anchors and where it was."""

    anchors: list[tuple[str, str]]  # (href as written, anchor text)
    ancestors: set[HtmlElement]


def take_related(
    root: HtmlElement,
    hinted: Hinted,
    protected: set[HtmlElement],
    led: list[HtmlElement],
) -> list[RelatedBlock]:
    """Detach related-link blocks from ``root``, in page order.

    ``hinted`` needs to hold only the elements named like related blocks
    (``Scan.related``); ``led`` are the elements whose own text matches
    ``LEADING_CUE_PATTERN``.
    """
    found: list[HtmlElement] = []
    for el, hint in hinted:
        if (
            hint.related
            and el.tag in _BLOCKS
            and el not in protected
            and _hint_block(el)
        ):
            found.append(el)
    for el in _cue_hosts(root, protected, led):
        found.extend(b for b in _cue_block(el) if b not in protected)
    if not found:
        return []
    # Back to page order, outermost blocks only.
    found.sort(key=lambda el: _position(el, root))
    blocks: list[RelatedBlock] = []
    taken: set[HtmlElement] = set()
    for el in found:
        if not _taken(el, taken):
            taken.add(el)
            anchors = [
                (a.get("href") or "", " ".join(a.text_content().split()))
                for a in el.iter("a")
            ]
            blocks.append(RelatedBlock(anchors, set(el.iterancestors())))
            el.drop_tree()
    return blocks


def _position(el: HtmlElement, root: HtmlElement) -> tuple[int, ...]:
    """Sort key of ``el`` in page order: child indexes from ``root`` down (outside it: first).

    Cheaper than numbering every element of the page for the few blocks found.
    """
    path: list[int] = []
    while el is not root:
        parent = el.getparent()
        if parent is None:
            return (-1,)
        path.append(parent.index(el))
        el = parent
    return tuple(reversed(path))


def related_links(
    blocks: list[RelatedBlock], scope: HtmlElement, url: str, base_url: str
) -> list[dict[str, str]]:
    """Return the links of the blocks that sat inside ``scope`` (the article's surroundings).

    Links are made absolute against ``base_url`` (``<base href>`` or the page
    URL ``url``); links back to the page itself are left out.
    """
    links: list[dict[str, str]] = []
    seen: dict[str, dict[str, str]] = {}
    page = urldefrag(url)[0]
    for block in blocks:
        if scope not in block.ancestors:
            continue
        for raw_href, raw_text in block.anchors:
            href = raw_href.strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            try:
                absolute = urldefrag(urljoin(base_url, href))[0]
            except ValueError:
                continue
            if not absolute.startswith(("http://", "https://")) or absolute == page:
                continue
            text = "" if _cue_pattern.fullmatch(raw_text) else raw_text
            if absolute in seen:
                # Thumbnail links come first and carry no text; keep the title.
                if not seen[absolute]["text"] and text:
                    seen[absolute]["text"] = text
                continue
            entry = {"url": absolute, "text": text}
            seen[absolute] = entry
            links.append(entry)
    return [link for link in links if link["text"]] or links
