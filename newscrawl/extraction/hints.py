"""Class/id name hints: what an element's ``class``, ``id`` and ``itemprop`` say about it.

``classify`` reads a lower-cased hint string ("class id itemprop") into a ``Hint``;
every named element of every page goes through it, so it is cached across pages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Substrings of class/id that mark boilerplate. Matched on the lower-cased
# "class id" string, so "comment" also catches "comments", "commentlist".
_negative_pattern = re.compile(
    # Reader comments in more languages: de/nordic (kommentar, kommentit), es/pt,
    # pl/cs/sk/hr, nl, tr.
    r"comment|komment|comentario|komentar|reacties|yorum|disqus|respond|"
    r"footer|share|sharing|social|newsletter|subscri|signup|"
    r"sign-up|promo|sponsor|advert|caption|byline|author|bio-|breadcrumb|cookie|"
    r"consent|gdpr|modal|popup|pop-up|overlay|navbar|navigation|tagcloud|tag-list|"
    r"post-tags|entry-tags|article-tags|taglist|outbrain|taboola|recirc|related|"
    r"recommend|read-more|readmore|more-stories|also-read|see-also|login|"
    r"post-meta|entry-meta|article-meta|meta-|-meta\b|visually-hidden|sr-only|screen-reader|"
    r"notification|tooltip|popover|hovercard|rollover|submitted|posted-by|written-by|posted-on|published-on|"
    r"pubdate|publish-date|post-date|entry-date|article-date"
)
# Names that layout wrappers also use ("elementor-widget", "content-sidebar-wrap"):
# they only count against a block that holds little of the page's text.
_weak_negative_pattern = re.compile(
    r"widget|sidebar|side-bar|menu|banner|masthead|pagination|pager|rss|print|toolbar|"
    r"trending|most-read|mostread|popular|skip|credit|dateline|timestamp|jump-link|"
    r"reactions|rating|disclaimer|copyright|feedback"
)
# Whole tokens (split on non-alphanumerics) for short words that are too
# common as substrings ("ad" in "header", "nav" in "canvas").
_NEGATIVE_TOKENS = frozenset(
    _words("ad ads adv adslot adunit dfp gpt nav tags tag meta share social")
)
_WEAK_NEGATIVE_TOKENS = frozenset(_words("date time aside hide foot bio signature"))
_positive_pattern = re.compile(
    r"article|body|content|entry|main|post|story|text|blog|prose|column|"
    # The same words in the languages of most non-English templates.
    r"artikel|inhalt|cuerpo|corpo|contenu|contenido|conteudo|contenuto"
)
# Class names that, in practice, only ever sit on the article text container.
_strong_pattern = re.compile(
    r"articlebody|article-body|article_body|article__body|articletext|article-text|"
    r"article-content|article_content|article__content|entry-content|entry_content|"
    r"post-content|post_content|postcontent|post-body|post_body|postbody|"
    r"story-body|story_body|storybody|story-content|storycontent|content-body|"
    r"body-text|bodytext|text-body|article-main|main-text|rich-text|richtext|"
    r"news-text|news-body|news-content|single-content|blog-content|td-post-content|"
    r"field-body|field-name-body|node-content|mw-parser-output|c-entry-content"
)
_related_pattern = re.compile(
    r"related|see-?also|seealso|also-?read|read-?also|further-?reading|more-?on-?this|yarpp|"
    r"lire-?aussi|mehr-?zum-?thema|leia-?tambem"
)
_token_split_pattern = re.compile(r"[^a-z0-9]+")
# One scan for all name patterns. Where two match at the same place the
# earlier group wins, so a listed compound ("post-meta", "related-posts")
# outranks the generic word inside it ("post").
_hint_pattern = re.compile(
    "|".join(
        f"(?P<{group}>{pattern.pattern})"
        for group, pattern in (
            ("strong", _strong_pattern),
            ("related", _related_pattern),
            ("negative", _negative_pattern),
            ("weak", _weak_negative_pattern),
            ("positive", _positive_pattern),
        )
    )
)


def hint_string(el: HtmlElement) -> str:
    """Lower-cased class, id and itemprop of ``el``, the input of every name hint."""
    cls = el.get("class")
    ident = el.get("id")
    prop = el.get("itemprop")
    if cls is None and ident is None and prop is None:
        return ""
    return f"{cls or ''} {ident or ''} {prop or ''}".lower()


SURE_NEGATIVE = 2
WEAK_NEGATIVE = 1


class Hint(NamedTuple):
    """What an element's names say about it."""

    strong: bool
    positive: bool
    negative: (
        int  # SURE_NEGATIVE, WEAK_NEGATIVE (a name layout wrappers share too) or 0
    )
    related: bool

    @property
    def weight(self) -> int:
        """Readability-style weight: positive names up, negative names down."""
        weight = 50 if self.strong else 25 if self.positive else 0
        if self.negative:
            weight -= 25 if self.negative == SURE_NEGATIVE else 10
        return weight


_NO_HINT = Hint(strong=False, positive=False, negative=0, related=False)


def _literals(pattern: re.Pattern[str]) -> list[list[str]]:
    r"""Every literal a name pattern matches, as atoms (characters and ``\b``), ``-?`` expanded."""
    found: list[list[str]] = []
    for alternative in pattern.pattern.split("|"):
        variants: list[list[str]] = [[]]
        for i, piece in enumerate(alternative.split("-?")):
            if i:
                variants = [v + sep for v in variants for sep in (["-"], [])]
            atoms = [*piece.removesuffix("\\b")] + (
                ["\\b"] if piece.endswith("\\b") else []
            )
            variants = [v + atoms for v in variants]
        found.extend(variants)
    for atoms in found:
        if any(a not in {"\\b", "-"} and re.escape(a) != a for a in atoms):
            raise ValueError(f"unsupported construct in {pattern.pattern!r}")
    return found


def trie_regex(literals: list[list[str]]) -> str:
    """One alternation factored by common prefixes: far fewer branches tried per position.

    Where one literal extends another the longer one wins; the names used here
    never make that change which groups a hint string matches (a test checks it).
    """
    trie: dict[str, Any] = {}
    for atoms in literals:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [
            (atom if atom == "\\b" else re.escape(atom)) + build(child)
            for atom, child in sorted(node.items())
            if atom
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_NAME_GROUPS = (
    ("strong", _strong_pattern),
    ("related", _related_pattern),
    ("negative", _negative_pattern),
    ("weak", _weak_negative_pattern),
    ("positive", _positive_pattern),
)
# _hint_pattern as one prefix-factored alternation, several times faster: every
# class and id of every page goes through it. A matched literal's group is the
# first group listing it, as in _hint_pattern.
_fast_hint_pattern = re.compile(
    trie_regex([atoms for _, pattern in _NAME_GROUPS for atoms in _literals(pattern)])
)
_GROUP_BITS = {"strong": 1, "positive": 2, "related": 4, "negative": 8, "weak": 16}
_literal_bits: dict[str, int] = {}
for _group, _pattern in _NAME_GROUPS:
    for _atoms in _literals(_pattern):
        _literal_bits.setdefault(
            "".join(a for a in _atoms if a != "\\b"), _GROUP_BITS[_group]
        )
# A whole token as _token_split_pattern cuts them, for the short-word lists. A
# lookbehind rather than a consumed separator, and the words prefix-factored, let the
# scan skip ahead fast; what it finds are the listed tokens of the string themselves.
_token_pattern = re.compile(
    r"(?<![a-z0-9])"
    + trie_regex([[*word] for word in sorted(_NEGATIVE_TOKENS | _WEAK_NEGATIVE_TOKENS)])
    + r"(?![a-z0-9])"
)
_NEGATIVE_TOKEN_BIT = 32
_WEAK_TOKEN_BIT = 64
_token_bits = {
    **dict.fromkeys(_WEAK_NEGATIVE_TOKENS, _WEAK_TOKEN_BIT),
    **dict.fromkeys(_NEGATIVE_TOKENS, _NEGATIVE_TOKEN_BIT),
}
_find_literals = _fast_hint_pattern.findall
_find_tokens = _token_pattern.findall
_hint_cache: dict[str, Hint] = {"": _NO_HINT}
_HINT_CACHE_MAX = 16384


def _hint_from_bits(bits: int) -> Hint:
    related = bool(bits & _GROUP_BITS["related"])
    if related or bits & (_GROUP_BITS["negative"] | _NEGATIVE_TOKEN_BIT):
        negative = SURE_NEGATIVE
    elif bits & (_GROUP_BITS["weak"] | _WEAK_TOKEN_BIT):
        negative = WEAK_NEGATIVE
    else:
        negative = 0
    strong = bool(bits & _GROUP_BITS["strong"])
    return Hint(
        strong, strong or bool(bits & _GROUP_BITS["positive"]), negative, related
    )


_hints_by_bits = [_hint_from_bits(bits) for bits in range(2 * _WEAK_TOKEN_BIT)]


def _scan(hints: str) -> Hint:
    # findall builds its list in C: no match objects for the many names that hit nothing.
    bits = 0
    for literal in _find_literals(hints):
        bits |= _literal_bits[literal]
    for token in _find_tokens(hints):
        bits |= _token_bits[token]
    return _hints_by_bits[bits]


def scan_hints(strings: list[str]) -> list[Hint]:
    """Classify hint strings by the name patterns (no cache)."""
    return [_scan(text) for text in strings]


def classify_all(strings: list[str]) -> list[Hint]:
    """Classify a page's hint strings, in the order given."""
    return [_hint_cache.get(text) or classify(text) for text in strings]


def classify(hints: str) -> Hint:
    """Classify a hint string; cached because pages repeat the same class names."""
    hint = _hint_cache.get(hints)
    if hint is None:
        if len(_hint_cache) >= _HINT_CACHE_MAX:
            _hint_cache.clear()
            _hint_cache[""] = _NO_HINT
        hint = _hint_cache[hints] = _scan(hints)
    return hint


def class_weight(el: HtmlElement) -> int:
    return classify(hint_string(el)).weight
