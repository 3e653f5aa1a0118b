"""Readers for structured data: JSON-LD nodes, OpenGraph / meta tags, microdata attributes."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# Rank of a JSON-LD @type as the page's main article: lower is better.
_type_rank = {
    "newsarticle": 0,
    "reportagenewsarticle": 0,
    "analysisnewsarticle": 0,
    "opinionnewsarticle": 0,
    "reviewnewsarticle": 0,
    "backgroundnewsarticle": 0,
    "askpublicnewsarticle": 0,
    "liveblogposting": 1,
    "article": 1,
    "blogposting": 1,
    "socialmediaposting": 2,
    "report": 2,
    "techarticle": 2,
    "scholarlyarticle": 2,
    "claimreview": 2,
    "review": 3,
    "videoobject": 3,
    "webpage": 4,
    "itempage": 4,
    "collectionpage": 5,
}
_webpage_rank = 4


def types_of(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _rank(node: dict[str, Any]) -> int:
    return min((_type_rank.get(t, 9) for t in types_of(node)), default=9)


def article_nodes(doc: Document) -> list[dict[str, Any]]:
    """JSON-LD nodes that can describe the page's article, the most specific type first.

    A node whose ``url`` or ``@id`` is the page itself wins ties, so a teaser list of other
    articles does not take over.
    """
    cached: list[dict[str, Any]] | None = doc.cache.get("article_nodes")
    if cached is None:
        cached = doc.cache["article_nodes"] = _article_nodes(doc)
    return cached


def _article_nodes(doc: Document) -> list[dict[str, Any]]:
    page = doc.url.split("#", 1)[0].rstrip("/")
    canonical = (doc.canonical or "").split("#", 1)[0].rstrip("/")

    def key(item: tuple[int, dict[str, Any]]) -> tuple[int, int, int]:
        index, node = item
        refs = {
            str(node.get("url") or "").rstrip("/"),
            str(node.get("@id") or "").split("#")[0],
        }
        main = node.get("mainEntityOfPage")
        if isinstance(main, dict):
            refs.add(str(main.get("@id") or main.get("url") or "").rstrip("/"))
        elif isinstance(main, str):
            refs.add(main.rstrip("/"))
        is_page = bool(refs & {page, canonical} - {""})
        return (_rank(node), 0 if is_page else 1, index)

    ranked = [(i, n) for i, n in enumerate(doc.jsonld) if _rank(n) <= _webpage_rank]
    return [node for _, node in sorted(ranked, key=key)]


_tag_pattern = re.compile(r"</?[A-Za-z][^<>]*>")


def node_text(value: Any) -> str | None:
    """Plain text of a JSON-LD value: a string, ``{"@value"|"name": ...}``, or the first of a list."""
    if isinstance(value, list):
        for item in value:
            text = node_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return node_text(value.get("@value") or value.get("name"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
        # Many CMSs HTML-escape JSON-LD strings ("&#038;", "&quot;"), and some leave
        # markup in them ('<a href="/author/jane">Jane Roe</a>').
        if "&" in text:
            text = html.unescape(text)
        if "<" in text:
            text = _tag_pattern.sub(" ", text)
        text = normalize_whitespace(text)
        return text or None
    return None


def node_texts(value: Any) -> list[str]:
    """All plain-text values of a JSON-LD value (for lists of names, keywords, sections)."""
    items = value if isinstance(value, list) else [value]
    texts = [node_text(item) for item in items]
    return [text for text in texts if text]


def node_names(value: Any, by_id: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names of JSON-LD persons/organisations; ``{"@id": ...}`` references are resolved via ``by_id``."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for raw in items:
        item = raw
        if (
            isinstance(raw, dict)
            and "name" not in raw
            and by_id
            and raw.get("@id") in by_id
        ):
            item = by_id[raw["@id"]]
        if isinstance(item, dict) and isinstance(item.get("name"), list):
            # One Person node naming several people: {"name": ["A", "B"]}.
            names.extend(node_texts(item["name"]))
            continue
        if isinstance(item, dict):
            name = node_text(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = normalize_whitespace(
                    f"{node_text(item.get('givenName')) or ''} {node_text(item.get('familyName')) or ''}"
                )
        else:
            name = node_text(item)
        if name:
            names.append(name)
    return names


def split_people(
    value: Any, by_id: dict[str, dict[str, Any]] | None = None
) -> tuple[list[str], list[str]]:
    """Split JSON-LD author values into (person names, organisation names)."""
    people: list[str] = []
    groups: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        node = item
        if isinstance(item, dict) and "name" not in item and by_id:
            node = by_id.get(str(item.get("@id")), item)
        is_group = isinstance(node, dict) and bool(
            types_of(node) & {"organization", "newsmediaorganization", "corporation"}
        )
        (groups if is_group else people).extend(node_names(node, by_id))
    return people, groups


def node_url(value: Any) -> str | None:
    """Return a URL from a JSON-LD image-like value: a string, ``{"url"|"contentUrl": ...}``, or a list."""
    if isinstance(value, list):
        for item in value:
            url = node_url(item)
            if url:
                return url
        return None
    if isinstance(value, dict):
        return node_url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def nodes_by_id(doc: Document) -> dict[str, dict[str, Any]]:
    """JSON-LD nodes by ``@id``, built once per page (readers ask for it per node)."""
    cached = doc.cache.get("nodes_by_id")
    if cached is None:
        cached = doc.cache["nodes_by_id"] = {
            node["@id"]: node for node in doc.jsonld if isinstance(node.get("@id"), str)
        }
    return cached


def microdata_values(tree: HtmlElement, prop: str) -> list[tuple[HtmlElement, str]]:
    """``(element, value)`` for non-``<meta>`` elements carrying ``itemprop=prop``."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.xpath(
        f'//*[contains(concat(" ", normalize-space(@itemprop), " "), " {prop} ") and not(self::meta)]'
    ):
        value = (
            element.get("datetime")
            or element.get("content")
            or element.get("href" if element.tag in {"a", "link"} else "src")
            or element.text_content()
        )
        value = normalize_whitespace(value)
        if value:
            found.append((element, value))
    return found
